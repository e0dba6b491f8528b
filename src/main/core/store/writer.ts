import type { DatabaseSync } from 'node:sqlite'

/** A unit of work run inside the writer's current transaction. */
export type WriteOp<T> = (db: DatabaseSync) => T

/**
 * Group commit (SPEC "Performance notes"): writes queue up and run in one transaction per tick (or per
 * `maxBatch` ops). Each promise resolves only after its transaction has committed, so "acknowledged" still
 * means "stored". When an op throws, the batch is rolled back and replayed one op per transaction: one failing
 * op never loses its neighbours. Ops must therefore only write to the database (they may run twice).
 */
export interface Writer {
  write<T>(op: WriteOp<T>): Promise<T>
  /** Commits what is queued and refuses new writes. */
  close(): Promise<void>
  readonly pending: number
}

interface Queued {
  op: WriteOp<unknown>
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

export interface WriterOptions {
  maxBatch?: number
  /**
   * Called before each flush; a promise returned holds the flush (writes keep queueing) until it settles.
   * The store uses it to let the WAL checkpoint catch up before the WAL grows too long (index.ts).
   */
  beforeFlush?: () => Promise<unknown> | null
}

export function createWriter(db: DatabaseSync, opts: WriterOptions = {}): Writer {
  const maxBatch = opts.maxBatch ?? 512
  let queue: Queued[] = []
  let scheduled = false
  let closed = false
  let idle: (() => void) | null = null

  function startFlush(): void {
    const gate = opts.beforeFlush?.()
    if (!gate) return flush()
    gate.then(flush, flush)
  }

  function flush(): void {
    scheduled = false
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      runBatch(batch)
    }
    idle?.()
  }

  function runBatch(batch: Queued[]): void {
    // Fast path: the whole batch in one transaction with no per-op SAVEPOINT. A savepoint makes FTS5 flush
    // its pending index data, which cost more than the insert itself (docs/performance.md).
    const results: unknown[] = []
    try {
      db.exec('BEGIN IMMEDIATE')
    } catch (err) {
      for (const q of batch) q.reject(err)
      return
    }
    try {
      for (const q of batch) results.push(q.op(db))
      db.exec('COMMIT')
    } catch {
      rollback()
      // Slow path, only after a failure: each op alone in its own transaction, so one failing op never
      // loses its neighbours. Ops only touch the database, so running them again after the rollback is safe.
      for (const q of batch) runAlone(q)
      return
    }
    batch.forEach((q, i) => q.resolve(results[i]))
  }

  function runAlone(q: Queued): void {
    try {
      db.exec('BEGIN IMMEDIATE')
      const value = q.op(db)
      db.exec('COMMIT')
      q.resolve(value)
    } catch (err) {
      rollback()
      q.reject(err)
    }
  }

  function rollback(): void {
    try {
      db.exec('ROLLBACK')
    } catch {
      // no transaction left to roll back (BEGIN failed, or SQLite already rolled it back)
    }
  }

  return {
    get pending() {
      return queue.length
    },
    write<T>(op: WriteOp<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('the store is closed'))
      return new Promise<T>((resolve, reject) => {
        queue.push({ op, resolve: resolve as (v: unknown) => void, reject })
        if (!scheduled) {
          scheduled = true
          setImmediate(startFlush)
        }
      })
    },
    close() {
      closed = true
      if (!scheduled) return Promise.resolve()
      return new Promise<void>((resolve) => {
        idle = resolve
      })
    },
  }
}
