import { readFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createStore, type NewRequest, type Store } from '../../../../../src/main/core/store'
import { trigramQuery, type SearchIndexOptions } from '../../../../../src/main/core/store/search-index'

const MIGRATIONS = join(__dirname, '../../../../../src/main/core/store/migrations')

function newRequest(body: string | Uint8Array, at = Date.now()): NewRequest {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  return {
    receivedAtMs: at,
    method: 'POST',
    path: '/api/v1/messages/webhook/telegram',
    query: '',
    headers: { 'content-type': 'application/json' },
    body: bytes,
    bodySize: bytes.length,
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
  }
}

const stores: Store[] = []
function open(dataDir = ':memory:', searchIndex: SearchIndexOptions = { intervalMs: 60_000 }): Store {
  const store = createStore(dataDir, 'normal', { searchIndex })
  stores.push(store)
  return store
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
})

const add = (store: Store, body: string | Uint8Array) =>
  store.writer.write(() => store.requests.insert(newRequest(body), null).request.id)
const search = (store: Store, text: string) =>
  store.requests.list({ text, limit: 100 }).items.map((r) => r.id)
const indexed = (store: Store, text: string) =>
  (
    store.db
      .prepare('SELECT rowid FROM requests_fts WHERE requests_fts MATCH ? ORDER BY rowid')
      .all(trigramQuery(text)!) as { rowid: number }[]
  ).map((r) => r.rowid)

describe('search index', () => {
  it('finds a request the moment it is stored, and the same after the index catches up', async () => {
    const store = open()
    const a = await add(store, '{"text":"disk full on host77"}')
    const b = await add(store, '{"text":"cpu_busy on HOST77 again"}')
    const c = await add(store, '{"text":"Привет, мир"}')
    await add(store, '{"text":"nothing to see"}')
    expect(store.searchIndex.behind()).toBe(4)
    expect(indexed(store, 'host77')).toEqual([])
    const before = ['host77', 'Host77:', 'cpu_busy', 'ПРИВЕТ', 'мир', 'ho', '"text":"c'].map((t) =>
      search(store, t),
    )
    expect(before).toEqual([[b, a], [], [b], [c], [c], [b, a], [b]])

    await store.searchIndex.catchUp()
    expect(store.searchIndex.behind()).toBe(0)
    expect(indexed(store, 'host77')).toEqual([a, b])
    const after = ['host77', 'Host77:', 'cpu_busy', 'ПРИВЕТ', 'мир', 'ho', '"text":"c'].map((t) =>
      search(store, t),
    )
    expect(after).toEqual(before)
    // The trigram candidates are confirmed against the body: "host77" and "77 on" share trigrams only.
    expect(search(store, 'st77 on')).toEqual([])
    expect(store.requests.list({ text: 'host77', limit: 1 }).total).toBe(2)
  })

  it('indexes by itself once requests stop arriving', async () => {
    const store = open(':memory:', { intervalMs: 5 })
    for (let i = 0; i < 50; i++) await add(store, `{"n":${i},"text":"quiet ${i}"}`)
    await expect.poll(() => store.searchIndex.behind(), { timeout: 5_000 }).toBe(0)
    expect(indexed(store, 'quiet 4')).toHaveLength(11)
  })

  it('keeps up with a sustained stream once it is maxLagRows behind', async () => {
    const store = open(':memory:', { intervalMs: 2, maxLagRows: 40, chunkRows: 16 })
    let lagSeen = 0
    for (let i = 0; i < 400; i++) {
      await add(store, `{"n":${i},"text":"stream ${i}"}`)
      lagSeen = Math.max(lagSeen, store.searchIndex.behind())
    }
    // Without the lag rule nothing would be indexed while rows keep coming (at most the last interval's). The
    // bounds leave room for a loaded machine (the indexer runs on a 2 ms timer): 272 of 400 was seen under a
    // parallel run, and none of this is a speed figure.
    expect(
      Number(store.db.prepare('SELECT indexed_through AS n FROM search_index').get()!.n),
    ).toBeGreaterThan(150)
    expect(lagSeen).toBeLessThan(250)
  })

  it('never takes a reused id for indexed after the newest requests are deleted', async () => {
    const store = open()
    for (let i = 0; i < 5; i++) await add(store, `{"text":"old ${i}"}`)
    await store.searchIndex.catchUp()
    await store.writer.write(() => store.requests.deleteWhere(''))
    expect(store.searchIndex.behind()).toBe(0)
    const id = await add(store, '{"text":"fresh start"}')
    expect(id).toBe(1)
    expect(store.searchIndex.behind()).toBe(1)
    expect(search(store, 'fresh')).toEqual([1])
    await store.searchIndex.catchUp()
    expect(indexed(store, 'fresh')).toEqual([1])
    expect(indexed(store, 'old 1')).toEqual([])
    expect(search(store, 'old')).toEqual([])
  })

  it('indexes invalid UTF-8 and huge bodies without failing (only the head of a huge body)', async () => {
    const store = open()
    const binary = await add(store, new Uint8Array([0xff, 0xfe, 0x41, 0x42, 0x43, 0x44, 0xc3]))
    const huge = await add(
      store,
      `{"head":"needle-one","pad":"${'x'.repeat(300 * 1024)}","tail":"needle-two"}`,
    )
    await store.searchIndex.catchUp()
    expect(search(store, 'ABCD')).toEqual([binary])
    expect(search(store, 'needle-one')).toEqual([huge])
    expect(indexed(store, 'needle-two')).toEqual([])
  })

  it('rebuilds the index of a store made before migration 004, in the background', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-search-'))
    const old = new DatabaseSync(join(dir, 'hookbench.db'))
    for (const f of ['001-init.sql', '002-rules.sql', '003-simulator.sql'])
      old.exec(readFileSync(join(MIGRATIONS, f), 'utf8'))
    old.exec('PRAGMA user_version = 3')
    old
      .prepare(
        `INSERT INTO requests (received_at, method, path, query, headers, body, body_size, content_type,
           remote_address, auth_outcome, status) VALUES (1, 'POST', '/x', '', '{}', ?, 20, NULL, '127.0.0.1', 'ok', 200)`,
      )
      .run(new TextEncoder().encode('{"text":"from v3"}'))
    old.exec('INSERT INTO requests_fts (rowid, body) VALUES (1, \'{"text":"from v3"}\')')
    old.close()

    const store = open(dir)
    expect(Number(store.db.prepare('PRAGMA user_version').get()!.user_version)).toBeGreaterThanOrEqual(4)
    expect(store.searchIndex.behind()).toBe(1)
    expect(search(store, 'from v3')).toEqual([1])
    await store.searchIndex.catchUp()
    expect(indexed(store, 'from v3')).toEqual([1])
  })
})

describe('text search pages', () => {
  it('pages newest first across the indexed rows and those the indexer has not reached, each once', async () => {
    const store = open()
    const ids: number[] = []
    for (let i = 0; i < 20; i++) ids.push(await add(store, `{"text":"needle ${i}"}`))
    await add(store, '{"text":"hay"}')
    await store.searchIndex.catchUp()
    for (let i = 20; i < 30; i++) ids.push(await add(store, `{"text":"needle ${i}"}`))
    expect(store.searchIndex.behind()).toBe(10)
    const seen: number[] = []
    let cursor: string | undefined
    for (;;) {
      const page = store.requests.list({ text: 'needle', limit: 7, ...(cursor && { cursor }) })
      expect(page.total).toBe(30)
      seen.push(...page.items.map((r) => r.id))
      if (!page.next) break
      cursor = page.next
    }
    expect(seen).toEqual([...ids].reverse())
    // Other filters apply to both parts; a body that only looks like a match (trigrams, not the text) is not one.
    await add(store, '{"text":"need le"}')
    const errors = store.requests.list({ text: 'needle', status: '4xx', limit: 100 })
    expect(errors).toMatchObject({ items: [], total: 0 })
    expect(store.requests.list({ text: 'needle 2', limit: 100 }).items.map((r) => r.id)).toEqual([
      ids[29],
      ids[28],
      ids[27],
      ids[26],
      ids[25],
      ids[24],
      ids[23],
      ids[22],
      ids[21],
      ids[20],
      ids[2],
    ])
  })
})

describe('trigramQuery', () => {
  it('covers the text with trigrams, quoting each', () => {
    expect(trigramQuery('ab')).toBeNull()
    expect(trigramQuery('abc')).toBe('"abc"')
    expect(trigramQuery('abcdefg')).toBe('"abc" AND "def" AND "efg"')
    expect(trigramQuery('a"b"c')).toBe('"a""b" AND "b""c"')
    expect(trigramQuery('привет')).toBe('"при" AND "вет"')
  })
})
