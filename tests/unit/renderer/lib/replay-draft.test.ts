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
  it('offers path, query, the headers a replay sends (Host included), one per line, and the body as text', () => {
    expect(replayDraftOf(stored)).toEqual({
      method: 'POST',
      path: '/api/v1/messages/webhook/telegram',
      query: 'command.message=message.text',
      headers: 'Host: 127.0.0.1:8780\nContent-Type: application/json\nUser-Agent: TelegramBot',
      body: '{"ok":true}',
    })
  })

  it('leaves a binary body out of the form', () => {
    expect(replayDraftOf(detail(1, { bodyEncoding: 'base64', body: 'AAEC' })).body).toBe('')
  })
})

const at = { path: '/api/v1/messages/webhook/telegram', query: 'command.message=message.text' }

describe('replayEditOf', () => {
  it('parses headers, skipping blank lines, names lower-cased, values trimmed', () => {
    const parsed = replayEditOf(
      { ...at, method: 'PUT', headers: 'X-A:  1 \n\nContent-Type: text/plain', body: 'hi' },
      stored,
    )
    expect(parsed).toEqual({
      ok: true,
      edit: { ...at, method: 'PUT', headers: { 'x-a': '1', 'content-type': 'text/plain' }, body: 'hi' },
    })
  })

  it('sends path and query as edited (query without its ?) and the body exactly as typed', () => {
    const body = '{\n  "a" : 1\n}'
    const parsed = replayEditOf(
      { method: 'POST', path: ' /api/v1/messages/webhook/x ', query: '?entity=e', headers: '', body },
      stored,
    )
    expect(parsed).toEqual({
      ok: true,
      edit: { method: 'POST', path: '/api/v1/messages/webhook/x', query: 'entity=e', headers: {}, body },
    })
  })

  it('points at the path when it does not start with /', () => {
    const parsed = replayEditOf({ ...at, path: 'telegram', method: 'POST', headers: '', body: '' }, stored)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.where).toEqual([{ path: ['path'] }])
  })

  it.each([
    { headers: 'no colon here', line: 1 },
    { headers: 'X-Ok: 1\n: empty name', line: 2 },
    { headers: 'X-Ok: 1\n\nBad Name: 2', line: 3 },
  ])('points at line $line when a header is not "Name: value"', ({ headers, line }) => {
    const parsed = replayEditOf({ ...at, method: 'POST', headers, body: '' }, stored)
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
    const parsed = replayEditOf({ ...at, method: 'POST', headers: '', body: '' }, binary)
    expect(parsed).toEqual({ ok: true, edit: { ...at, method: 'POST', headers: {} } })
  })
})
