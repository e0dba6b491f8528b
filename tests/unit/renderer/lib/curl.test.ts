import { describe, expect, it } from 'vitest'
import { basicUserOf, buildCurl, requestUrl, shellQuote } from '@renderer/lib/curl'

const base = {
  method: 'POST',
  url: 'http://127.0.0.1:8080/api/v1/messages/webhook/telegram',
  bodyEncoding: 'utf8' as const,
}

describe('buildCurl', () => {
  it('leaves the (masked) Authorization header out: -u carries the credentials', () => {
    const curl = buildCurl(
      { ...base, headers: { authorization: 'Basic ada:***' }, body: '' },
      { basicUser: 'ada' },
    )
    expect(curl).not.toMatch(/Authorization/i)
    expect(curl).toContain(`-u "ada:$HOOKBENCH_PASSWORD"`)
  })

  it('takes the Telegram secret token from $HOOKBENCH_SECRET_TOKEN and keeps cookies masked', () => {
    const curl = buildCurl({
      ...base,
      headers: { 'x-telegram-bot-api-secret-token': '***', cookie: 'hb_session=abc' },
      body: '',
    })
    expect(curl).toContain(`-H "X-Telegram-Bot-Api-Secret-Token: $HOOKBENCH_SECRET_TOKEN"`)
    expect(curl).toContain(`-H 'Cookie: ***'`)
    expect(curl).not.toMatch(/hb_session=abc/)
  })

  it("keeps the original headers, Host only when it differs from the URL's, never Hookbench's markers", () => {
    const headers = { 'user-agent': 'TelegramBot (like TwitterBot)', 'x-hookbench-replay-of': '3' }
    const same = buildCurl({ ...base, headers: { ...headers, host: '127.0.0.1:8080' }, body: '' })
    expect(same).toContain(`-H 'User-Agent: TelegramBot (like TwitterBot)'`)
    expect(same).not.toMatch(/Host:|X-Hookbench/i)
    const other = buildCurl({ ...base, headers: { host: 'bots.example.test' }, body: '' })
    expect(other).toContain(`-H 'Host: bots.example.test'`)
  })

  it('leaves out headers curl computes itself', () => {
    const curl = buildCurl({
      ...base,
      headers: {
        host: '127.0.0.1:8080',
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

  it('adds -u with the password from $HOOKBENCH_PASSWORD, the user name escaped for double quotes', () => {
    expect(buildCurl({ ...base, headers: {}, body: '' }, { basicUser: 'ada' })).toContain(
      `-u "ada:$HOOKBENCH_PASSWORD"`,
    )
    expect(buildCurl({ ...base, headers: {}, body: '' }, { basicUser: 'a"$b`' })).toContain(
      '-u "a\\"\\$b\\`:$HOOKBENCH_PASSWORD"',
    )
  })
})

describe('basicUserOf', () => {
  it('is the request user, or the user kept in the masked Basic header', () => {
    expect(basicUserOf({ user: 'ada', headers: {} })).toBe('ada')
    expect(basicUserOf({ user: null, headers: { authorization: 'Basic bob:***' } })).toBe('bob')
    expect(basicUserOf({ user: null, headers: {} })).toBeUndefined()
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
