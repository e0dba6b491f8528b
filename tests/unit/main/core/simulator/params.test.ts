import { describe, expect, it } from 'vitest'
import { paramReader, readParams } from '../../../../../src/main/core/simulator/params'

async function multipart(fields: Record<string, string | Blob>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields))
    form.append(k, v, ...(typeof v === 'string' ? [] : ['cert.pem']))
  const req = new Request('http://x/', { method: 'POST', body: form })
  return { contentType: req.headers.get('content-type')!, body: Buffer.from(await req.arrayBuffer()) }
}

describe('readParams (TELEGRAM.md §1)', () => {
  it('reads the query string, and body values override it', async () => {
    const p = paramReader(
      await readParams('chat_id=1&text=q', 'application/x-www-form-urlencoded', Buffer.from('text=b')),
    )
    expect([p.str('chat_id'), p.str('text')]).toEqual(['1', 'b'])
  })

  it('re-encodes nested JSON values, so a form with JSON strings reads the same as a JSON body', async () => {
    const markup = { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }
    const json = paramReader(
      await readParams(
        '',
        'application/json; charset=utf-8',
        Buffer.from(JSON.stringify({ chat_id: 5, reply_markup: markup, x: null })),
      ),
    )
    const form = paramReader(
      await readParams(
        '',
        'application/x-www-form-urlencoded',
        Buffer.from(`chat_id=5&reply_markup=${encodeURIComponent(JSON.stringify(markup))}`),
      ),
    )
    for (const p of [json, form]) {
      expect(p.int('chat_id')).toBe(5)
      expect(p.json('reply_markup')).toEqual(markup)
    }
    expect(json.has('x')).toBe(false)
  })

  it('reads multipart text fields and files', async () => {
    const { contentType, body } = await multipart({ url: 'https://e.com', certificate: new Blob(['PEM']) })
    const p = paramReader(await readParams('', contentType, body))
    expect(p.str('url')).toBe('https://e.com')
    expect(p.file('certificate')?.bytes.toString()).toBe('PEM')
    expect(p.str('certificate')).toBeUndefined()
  })

  it.each([
    ['true', true],
    [' YES ', true],
    ['1', true],
    ['True', true],
    ['false', false],
    ['0', false],
    ['on', false],
    ['', false],
  ])('reads boolean %j as %s', async (value, expected) => {
    const p = paramReader(await readParams(`flag=${encodeURIComponent(value)}`, undefined, undefined))
    expect(p.bool('flag')).toBe(expected)
  })

  it('answers 400 for a malformed JSON body or JSON parameter', async () => {
    await expect(readParams('', 'application/json', Buffer.from('{oops'))).rejects.toThrow(
      "Bad Request: can't parse JSON object",
    )
    const p = paramReader(await readParams('reply_markup=%7Bbad', undefined, undefined))
    expect(() => p.json('reply_markup', 'reply keyboard markup')).toThrow(
      "Bad Request: can't parse reply keyboard markup JSON object",
    )
  })
})
