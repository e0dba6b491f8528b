import { describe, expect, it } from 'vitest'
import { buildCurl, requestUrl, shellQuote } from '@renderer/lib/curl'

const base = {
  method: 'POST',
  url: 'http://127.0.0.1:8080/api/v1/messages/webhook/telegram',
  bodyEncoding: 'utf8' as const,
}

describe('buildCurl', () => {
  it('masks the Authorization header as "Authorization: Basic ***"', () => {
    const curl = buildCurl({ ...base, headers: { authorization: 'Basic YWRhOnMzY3JldHBhc3M=' }, body: '' })
    expect(curl).toContain(`-H 'Authorization: Basic ***'`)
    expect(curl).not.toContain('YWRhOnMzY3JldHBhc3M=')
  })

  it('masks the Telegram secret token and cookies', () => {
    const curl = buildCurl({
      ...base,
      headers: { 'x-telegram-bot-api-secret-token': 'tg-secret-123', cookie: 'hb_session=abc' },
      body: '',
    })
    expect(curl).toContain(`-H 'X-Telegram-Bot-Api-Secret-Token: ***'`)
    expect(curl).toContain(`-H 'Cookie: ***'`)
    expect(curl).not.toMatch(/tg-secret-123|hb_session=abc/)
  })

  it('leaves out headers curl computes itself', () => {
    const curl = buildCurl({
      ...base,
      headers: {
        host: 'x',
        'content-length': '12',
        'accept-encoding': 'gzip',
        'content-type': 'application/json',
      },
      body: '{"a":1}',
    })
    expect(curl).not.toMatch(/Host:|Content-Length:|Accept-Encoding:/)
    expect(curl).toContain(`-H 'Content-Type: application/json'`)
  })

  it('posts a UTF-8 body with --data-raw, quoting single quotes for the shell', () => {
    const curl = buildCurl({ ...base, headers: {}, body: `{"text":"it's"}` })
    expect(curl).toBe(
      `curl \\\n  -X POST \\\n  'http://127.0.0.1:8080/api/v1/messages/webhook/telegram' \\\n  --data-raw '{"text":"it'\\''s"}'`,
    )
  })

  it('pipes a base64 body through base64 -d', () => {
    const curl = buildCurl({ ...base, headers: {}, body: 'AAEC', bodyEncoding: 'base64' })
    expect(curl.startsWith(`printf '%s' 'AAEC' | base64 -d | curl`)).toBe(true)
    expect(curl).toContain('--data-binary @-')
  })

  it('sends a GET without a body as a plain curl', () => {
    expect(buildCurl({ ...base, method: 'GET', headers: {}, body: '' })).toBe(`curl \\\n  '${base.url}'`)
  })

  it('adds -u with a password placeholder for a webhook user', () => {
    expect(buildCurl({ ...base, headers: {}, body: '' }, { basicUser: 'ada' })).toContain(`-u 'ada:PASSWORD'`)
  })
})

describe('shellQuote', () => {
  it.each([
    ['plain', `'plain'`],
    [`a'b`, `'a'\\''b'`],
    ['$HOME `x`', `'$HOME \`x\`'`],
  ])('quotes %s', (input, expected) => {
    expect(shellQuote(input)).toBe(expected)
  })
})

describe('requestUrl', () => {
  it.each([
    ['http://h:1', '/p', '', 'http://h:1/p'],
    ['http://h:1/', '/p', 'a=1', 'http://h:1/p?a=1'],
    ['http://h:1', '/p', '?a=1', 'http://h:1/p?a=1'],
  ])('joins %s + %s + %s', (receiver, path, query, expected) => {
    expect(requestUrl(receiver, path, query)).toBe(expected)
  })
})
