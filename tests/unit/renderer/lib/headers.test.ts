import { describe, expect, it } from 'vitest'
import { canonicalHeaderName, displayHeaders } from '@renderer/lib/headers'
import { maskHeaderValue } from '@shared/secret-mask'

describe('header masking', () => {
  it.each([
    ['Authorization', 'Basic YWRhOnNlY3JldA==', 'Basic ***'],
    ['authorization', 'Bearer abc.def', 'Bearer ***'],
    ['authorization', 'opaque', '***'],
    ['X-Telegram-Bot-Api-Secret-Token', 'tg-secret', '***'],
    ['cookie', 'hb_session=x', '***'],
    ['content-type', 'application/json', 'application/json'],
  ])('%s: %s → %s', (name, value, masked) => {
    expect(maskHeaderValue(name, value)).toBe(masked)
  })

  it('shows headers by canonical name, sorted, keeping what the core already masked', () => {
    expect(
      displayHeaders({
        'x-telegram-bot-api-secret-token': 'raw',
        authorization: 'Basic ada:***',
        accept: '*/*',
      }),
    ).toEqual([
      { name: 'Accept', value: '*/*' },
      { name: 'Authorization', value: 'Basic ada:***' },
      { name: 'X-Telegram-Bot-Api-Secret-Token', value: '***' },
    ])
    expect(canonicalHeaderName('x-forwarded-for')).toBe('X-Forwarded-For')
  })
})
