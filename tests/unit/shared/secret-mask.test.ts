import { describe, expect, it } from 'vitest'
import {
  headerPlaceholder,
  isHeaderPlaceholder,
  isSecretHeader,
  isSecretHeaderOf,
  isSecretParam,
  maskHeaderValue,
  maskQuery,
  maskUrlQuery,
} from '@shared/secret-mask'

describe('secret masking (one rule for the UI, the exports and the delivery log)', () => {
  it.each([
    'token',
    'secret',
    'key',
    'password',
    'passwd',
    'pwd',
    'api_key',
    'apiKey',
    'access_token',
    'client_secret',
    'sig',
    'signature',
    'auth',
  ])('takes the %s parameter for a secret', (name) => expect(isSecretParam(name)).toBe(true))

  it.each(['entity', 'monkey', 'author', 'keyboard', 'message', 'command.message', 'update_id'])(
    'leaves the %s parameter alone',
    (name) => expect(isSecretParam(name)).toBe(false),
  )

  it('masks secret query values, keeping names, order, empty values and the rest as sent', () => {
    expect(maskQuery('entity=a&token=t1&x=%20&password=&Secret=s&api%5Fkey=k&flag')).toBe(
      'entity=a&token=***&x=%20&password=&Secret=***&api%5Fkey=***&flag',
    )
    expect(maskUrlQuery('https://h/p?key=abc&b=1#frag')).toBe('https://h/p?key=***&b=1#frag')
    expect(maskUrlQuery('https://h/p')).toBe('https://h/p')
  })

  it.each([
    ['Authorization', 'Bearer abc', 'Bearer ***'],
    ['X-Api-Key', 'k-123', '***'],
    ['X-Auth-Token', 't', '***'],
    ['X-Hub-Signature-256', 'sha256=abc', '***'],
    ['Content-Type', 'application/json', 'application/json'],
  ])('masks the %s header like the UI', (name, value, masked) => {
    expect(maskHeaderValue(name, value)).toBe(masked)
  })

  it('masks a header the user marked secret, whatever its case', () => {
    expect(isSecretHeader('X-Custom')).toBe(false)
    expect(maskHeaderValue('X-Custom', 'v', ['x-custom'])).toBe('***')
  })

  it.each([
    ['Authorization', 'Bearer abc', 'Bearer ***'],
    ['Authorization', 'abc', '***'],
    ['X-Api-Key', 'k', '***'],
    ['X-Custom', 'v', '***'],
  ])('keeps %s: %s in a rule as %s (the value is in the secret store)', (name, value, placeholder) => {
    expect(headerPlaceholder(name, value)).toBe(placeholder)
    expect(isHeaderPlaceholder(name, placeholder)).toBe(true)
    expect(isHeaderPlaceholder(name, value)).toBe(false)
  })

  it('tells an action’s secret headers: by name, or marked (any case); an empty value is no placeholder', () => {
    expect(isSecretHeaderOf('x-api-key')).toBe(true)
    expect(isSecretHeaderOf('X-Custom', ['x-CUSTOM'])).toBe(true)
    expect(isSecretHeaderOf('Accept', ['x-custom'])).toBe(false)
    expect(isHeaderPlaceholder('Authorization', '')).toBe(false)
  })
})
