import type { DatabaseSync } from 'node:sqlite'
import type { Row } from './rows'
import type { Writer } from './writer'

/** Bodies larger than this are stored whole but only their head is indexed for search. */
export const MAX_INDEXED_BYTES = 256 * 1024
const lossy = new TextDecoder('utf-8')
/** A body as text for search: invalid UTF-8 becomes U+FFFD rather than failing. */
export const decodeLossy = (bytes: Uint8Array): string => lossy.decode(bytes)

export interface SearchIndexOptions {
  /** How often the indexer looks for requests not yet indexed. */
  intervalMs?: number
  /** Rows the index may fall behind while requests keep arriving; past this it indexes between them. */
  maxLagRows?: number
  /** One chunk (one write, in the writer's transaction) indexes at most this many rows… */
  chunkRows?: number
  /** …or this many body bytes: a chunk holds the writer for a few milliseconds at most. */
  chunkBytes?: number
}

/**
 * Indexes request bodies for search after they are stored (migration 004, docs/performance.md).
 *
 * Indexing a 1 KB body in the trigram index cost more than everything else the receiver does for a request,
 * so the receiver no longer does it: it stores the request and answers. This indexer catches up when requests
 * stop arriving for one interval, and, under a sustained stream, indexes in small chunks between them once the
 * index is `maxLagRows` behind (so searches scan about that many unindexed bodies at most). Chunks go
 * through the writer: they never contend for SQLite's write lock, and the watermark moves in the same
 * transaction as the index rows, so a crash never leaves a request unsearchable. Searches read the rows past
 * the watermark directly (requests-repo.ts), so a request is searchable the moment it is stored.
 */
export function createSearchIndexer(db: DatabaseSync, writer: Writer, opts: SearchIndexOptions = {}) {
  const intervalMs = opts.intervalMs ?? 100
  const maxLagRows = opts.maxLagRows ?? 20_000
  const chunkRows = opts.chunkRows ?? 64
  const chunkBytes = opts.chunkBytes ?? 128 * 1024

  const maxIdStmt = db.prepare('SELECT coalesce(max(id), 0) AS n FROM requests')
  const watermarkStmt = db.prepare('SELECT indexed_through AS n FROM search_index WHERE id = 1')
  // Only the indexed head of each body is read into JavaScript (a 10 MB body would be copied whole).
  const nextStmt = db.prepare(
    `SELECT r.id, substr(b.body, 1, ${MAX_INDEXED_BYTES}) AS body
     FROM requests r LEFT JOIN request_bodies b ON b.request_id = r.id WHERE r.id > ? ORDER BY r.id`,
  )
  const ftsStmt = db.prepare('INSERT INTO requests_fts (rowid, body) VALUES (?, ?)')
  const setStmt = db.prepare('UPDATE search_index SET indexed_through = ? WHERE id = 1')

  const maxId = () => Number((maxIdStmt.get() as Row).n)
  const watermark = () => Number((watermarkStmt.get() as Row).n)

  /** Indexes the next chunk of rows past the watermark (inside the writer's transaction). */
  function indexChunk(): void {
    let last = watermark()
    let rows = 0
    let bytes = 0
    for (const row of nextStmt.iterate(last) as Iterable<Row>) {
      const id = Number(row.id)
      const body = row.body
      if (body instanceof Uint8Array && body.length > 0) {
        const head = body.length > MAX_INDEXED_BYTES ? body.subarray(0, MAX_INDEXED_BYTES) : body
        ftsStmt.run(id, decodeLossy(head))
        bytes += head.length
      }
      last = id
      if (++rows >= chunkRows || bytes >= chunkBytes) break
    }
    setStmt.run(last)
  }

  let lastMax = maxId()
  let running: Promise<void> | null = null
  let closed = false

  /** Requests not yet in the index. */
  const behind = () => Math.max(0, maxId() - watermark())

  async function run(drain: boolean): Promise<void> {
    while (!closed) {
      const max = maxId()
      const lag = max - watermark()
      const arriving = max !== lastMax
      lastMax = max
      if (lag <= 0) return
      // Requests are arriving and the index is not too far behind: leave the CPU to them.
      if (!drain && arriving && lag <= maxLagRows) return
      await writer.write(indexChunk, 'background')
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  function check(drain = false): Promise<void> {
    if (!running) {
      running = run(drain).finally(() => {
        running = null
      })
    }
    return running
  }

  const timer = setInterval(() => {
    check().catch(() => {
      // The writer refused (closing) or a chunk failed: the next interval retries.
    })
  }, intervalMs)
  timer.unref()

  return {
    behind,
    /** Indexes everything stored so far (tests, and the benchmark's "caught up" figure). */
    async catchUp(): Promise<void> {
      while (!closed && behind() > 0) await check(true)
    },
    close(): void {
      closed = true
      clearInterval(timer)
    },
  }
}
export type SearchIndexer = ReturnType<typeof createSearchIndexer>

/**
 * The FTS5 query that finds candidate rows for a substring: trigrams of `text` (3+ characters) that together
 * cover it, ANDed. With `detail = none` the index knows which rows hold each trigram, not where, so a
 * candidate must still be confirmed against the body.
 */
export function trigramQuery(text: string): string | null {
  const chars = [...text]
  if (chars.length < 3) return null
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i += 3) grams.add(chars.slice(i, i + 3).join(''))
  if (chars.length % 3) grams.add(chars.slice(-3).join(''))
  return [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ')
}
