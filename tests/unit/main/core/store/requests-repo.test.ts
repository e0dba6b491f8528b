import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createStore, type NewRequest, type Store } from '../../../../../src/main/core/store'
import { COUNT_CAP, messagePreview } from '../../../../../src/main/core/store/requests-repo'

/** requests-repo.ts RESPONSE_BODY_CAP */
const RESPONSE_BODY_CAP = 64 * 1024

const request: NewRequest = {
  receivedAtMs: Date.UTC(2026, 0, 1),
  method: 'POST',
  path: '/api/v1/messages/webhook/telegram',
  query: '',
  headers: {},
  body: new TextEncoder().encode('{}'),
  bodySize: 2,
  bodyTruncated: false,
  contentType: 'application/json',
  remoteAddress: '127.0.0.1',
  user: null,
  authOutcome: 'anonymous',
  status: 200,
  entity: null,
  messageText: null,
  error: null,
  warnings: [],
  updateId: null,
  replayOf: 7,
}

let store: Store
const opened: Store[] = []
function open(dataDir = ':memory:'): Store {
  const s = createStore(dataDir, 'normal', { searchIndex: { intervalMs: 60_000 } })
  opened.push(s)
  return s
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close()
})

describe('requests repository: the answer beside the request', () => {
  it('has no response until one is recorded, then returns it with its replay_of', async () => {
    store = open()
    const { request: stored } = await store.writer.write(() => store.requests.insert(request, null))
    expect(store.requests.get(stored.id)).toMatchObject({ response: null, replayOf: 7 })
    const body = new TextEncoder().encode('{"ok":true}')
    await store.writer.write(() =>
      store.requests.setResponse(stored.id, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body,
        timeMs: 1.25,
      }),
    )
    expect(store.requests.get(stored.id)?.response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
      bodyEncoding: 'utf8',
      size: body.length,
      bodyTruncated: false,
      timeMs: 1.25,
    })
  })

  it('keeps at most 64 KiB of a response body and says it was cut', async () => {
    store = open()
    const { request: stored } = await store.writer.write(() => store.requests.insert(request, null))
    const big = new TextEncoder().encode('x'.repeat(RESPONSE_BODY_CAP + 100))
    await store.writer.write(() =>
      store.requests.setResponse(stored.id, { status: 200, headers: {}, body: big, timeMs: 3 }),
    )
    const response = store.requests.get(stored.id)?.response
    expect(response?.body).toHaveLength(RESPONSE_BODY_CAP)
    expect(response).toMatchObject({ size: RESPONSE_BODY_CAP + 100, bodyTruncated: true })
  })
})

describe('requests repository: small rows (bodies in request_bodies, a message preview)', () => {
  const MIGRATIONS = join(__dirname, '../../../../../src/main/core/store/migrations')
  /** database.ts's order before 018 (the schema version is the position). */
  const BEFORE_018 = [
    '001-init.sql',
    '002-rules.sql',
    '003-simulator.sql',
    '004-search-index.sql',
    '005-responses.sql',
    '006-bot-loop.sql',
    '007-alert-events-message.sql',
    '008-scenarios.sql',
    '009-sim-files.sql',
    '015-incident-bursts.sql',
    '010-sim-file-store.sql',
    '012-sim-inline.sql',
    '011-sim-webhook-attempts.sql',
    '013-sim-format-errors.sql',
  ]

  it('keeps the body out of the request row and the whole message text only in the message', async () => {
    store = open()
    const text = 'x'.repeat(5000)
    const body = new TextEncoder().encode(JSON.stringify({ text }))
    const command = {
      entity: 'e',
      type: 'webhook',
      source: 's',
      severity: null,
      message: text,
      date: '2026-01-01T00:00:00.000Z',
      tags: {},
    }
    const stored = await store.writer.write(() =>
      store.requests.insert({ ...request, body, bodySize: body.length, messageText: text }, command),
    )
    expect(stored.request.messageText).toBe(`${'x'.repeat(1000)}…`)
    const row = store.db.prepare('SELECT * FROM requests WHERE id = ?').get(stored.request.id)!
    expect('body' in row).toBe(false)
    expect(row.message_text).toBe(`${'x'.repeat(1000)}…`)
    const detail = store.requests.get(stored.request.id)!
    expect(detail.body).toBe(JSON.stringify({ text }))
    expect(detail.command?.message).toBe(text)
    expect(store.requests.list({ limit: 10 }).items[0]!.messageText).toHaveLength(1001)
    expect(store.requests.list({ limit: 10, text: 'xxxxx' }).items.map((r) => r.id)).toEqual([
      stored.request.id,
    ])
    expect(store.requests.rawBody(stored.request.id)).toEqual(body)
    // No body at all is no row; an empty body is an empty row; both come back as they went in.
    const none = await store.writer.write(() =>
      store.requests.insert({ ...request, body: null, bodySize: 0 }, null),
    )
    const empty = await store.writer.write(() =>
      store.requests.insert({ ...request, body: new Uint8Array(), bodySize: 0 }, null),
    )
    expect(store.requests.rawBody(none.request.id)).toBeNull()
    expect(store.requests.rawBody(empty.request.id)).toEqual(new Uint8Array())
    // A deleted request takes its body with it.
    await store.writer.write(() => store.requests.deleteWhere('WHERE id = ?', [stored.request.id]))
    expect(
      store.db
        .prepare('SELECT count(*) AS n FROM request_bodies WHERE request_id = ?')
        .get(stored.request.id),
    ).toEqual({ n: 0 })
  })

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(999)}😀tail`
    expect(messagePreview(text)).toBe(`${'a'.repeat(999)}…`)
    expect(messagePreview('short')).toBe('short')
    expect(messagePreview(null)).toBeNull()
  })

  it('moves the bodies of a database made before migration 018 and cuts its long previews', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-bodies-'))
    const old = new DatabaseSync(join(dir, 'hookbench.db'))
    for (const f of BEFORE_018) old.exec(readFileSync(join(MIGRATIONS, f), 'utf8'))
    old.exec(`PRAGMA user_version = ${BEFORE_018.length}`)
    const insert = old.prepare(
      `INSERT INTO requests (received_at, method, path, query, headers, body, body_size, remote_address,
         auth_outcome, status, message_text) VALUES (1, 'POST', '/x', '', '{}', ?, ?, '127.0.0.1', 'ok', 200, ?)`,
    )
    insert.run(new TextEncoder().encode('{"a":1}'), 7, 'y'.repeat(2000))
    insert.run(null, 0, 'short')
    old.close()
    try {
      store = open(dir)
      expect(store.requests.get(1)).toMatchObject({ body: '{"a":1}', messageText: `${'y'.repeat(1000)}…` })
      expect(store.requests.get(2)).toMatchObject({ body: '', messageText: 'short' })
      expect(store.requests.rawBody(2)).toBeNull()
      expect(store.db.prepare('SELECT count(*) AS n FROM request_bodies').get()).toEqual({ n: 1 })
    } finally {
      await opened.pop()!.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('requests repository: capped counts', () => {
  it('counts a filtered list up to COUNT_CAP and says when there are more; an unfiltered list counts all', async () => {
    store = open()
    await store.writer.write(() => {
      for (let i = 0; i < COUNT_CAP + 8; i++)
        store.requests.insert({ ...request, path: i < COUNT_CAP + 3 ? '/many' : '/few' }, null)
    })
    const many = store.requests.list({ limit: 10, path: '/many' })
    expect(many).toMatchObject({ total: COUNT_CAP, totalCapped: true })
    expect(many.items).toHaveLength(10)
    const few = store.requests.list({ limit: 10, path: '/few' })
    expect(few.total).toBe(5)
    expect(few.totalCapped).toBeUndefined()
    const all = store.requests.list({ limit: 10 })
    expect(all.total).toBe(COUNT_CAP + 8)
    expect(all.totalCapped).toBeUndefined()
  })
})
