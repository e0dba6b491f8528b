import { describe, expect, it } from 'vitest'
import { replayDraftOf, replayEditOf } from '@renderer/lib/replay-draft'
import { detail } from '../factories'

const stored = detail(7, {
  method: 'POST',
  headers: {
    host: '127.0.0.1:8780',
    'content-length': '11',
    authorization: 'Basic telegram:***',
    'x-telegram-bot-api-secret-token': '***',
    'x-hookbench-replay-of': '3',
    'content-type': 'application/json',
    'user-agent': 'TelegramBot',
  },
  body: '{"ok":true}',
})

describe('replayDraftOf', () => {
  it('offers the headers a replay sends, one per line, and the body as text', () => {
    expect(replayDraftOf(stored)).toEqual({
      method: 'POST',
      headers: 'Content-Type: application/json\nUser-Agent: TelegramBot',
      body: '{"ok":true}',
    })
  })

  it('leaves a binary body out of the form', () => {
    expect(replayDraftOf(detail(1, { bodyEncoding: 'base64', body: 'AAEC' })).body).toBe('')
  })
})

describe('replayEditOf', () => {
  it('parses headers, skipping blank lines, names lower-cased, values trimmed', () => {
    const parsed = replayEditOf(
      { method: 'PUT', headers: 'X-A:  1 \n\nContent-Type: text/plain', body: 'hi' },
      stored,
    )
    expect(parsed).toEqual({
      ok: true,
      edit: { method: 'PUT', headers: { 'x-a': '1', 'content-type': 'text/plain' }, body: 'hi' },
    })
  })

  it.each([
    { headers: 'no colon here', line: 1 },
    { headers: 'X-Ok: 1\n: empty name', line: 2 },
    { headers: 'X-Ok: 1\n\nBad Name: 2', line: 3 },
  ])('points at line $line when a header is not "Name: value"', ({ headers, line }) => {
    const parsed = replayEditOf({ method: 'POST', headers, body: '' }, stored)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.error).toEqual({
      kind: 'invalid_input',
      message: `Line ${line} of the headers is not "Name: value".`,
      where: [{ path: ['headers'], line }],
    })
  })

  it('does not send a body for a binary request, so the stored bytes are replayed', () => {
    const binary = detail(1, { bodyEncoding: 'base64', body: 'AAEC' })
    const parsed = replayEditOf({ method: 'POST', headers: '', body: '' }, binary)
    expect(parsed).toEqual({ ok: true, edit: { method: 'POST', headers: {} } })
  })
})
