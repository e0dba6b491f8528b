import type { DatabaseSync } from 'node:sqlite'

/** A unit of work run inside the writer's current transaction. */
export type WriteOp<T> = (db: DatabaseSync) => T
export type WritePriority = 'now' | 'background'

/** Background writes run for at most this long per flush, after the flush's `now` writes. */
const BACKGROUND_BUDGET_MS = 2

/**
 * Group commit (SPEC "Performance notes"): writes queue up and run in one transaction per tick (or per
 * `maxBatch` ops). Each promise resolves only after its transaction has committed, so "acknowledged" still
 * means "stored". When an op throws, the batch is rolled back and replayed one op per transaction: one failing
 * op never loses its neighbours. Ops must therefore only write to the database (they may run twice).
 */
export interface Writer {
  /**
   * `now` (the default) is what someone waits on: a webhook's acknowledgement, a user's action. `background`
   * is the rule engine's, the notifier's and the search indexer's bookkeeping: each flush commits every `now`
   * write first, then background writes for at most BACKGROUND_BUDGET_MS, the rest in the next flush; among
   * themselves background writes keep their order (docs/performance.md).
   */
  write<T>(op: WriteOp<T>, priority?: WritePriority): Promise<T>
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
  /** A transaction committed (storage health: a fault is over). */
  onCommit?: () => void
  /** BEGIN or COMMIT failed, or an op alone failed, with `err` (storage health: disk full, read-only, …). */
  onFailure?: (err: unknown) => void
}

export function createWriter(db: DatabaseSync, opts: WriterOptions = {}): Writer {
  const maxBatch = opts.maxBatch ?? 512
  const urgent: Queued[] = []
  const background: Queued[] = []
  let scheduled = false
  let closed = false
  let idle: (() => void) | null = null

  function schedule(): void {
    if (scheduled) return
    scheduled = true
    setImmediate(startFlush)
  }

  function startFlush(): void {
    const gate = opts.beforeFlush?.()
    if (!gate) return flush()
    gate.then(flush, flush)
  }

  function flush(): void {
    scheduled = false
    while (urgent.length > 0) runBatch(urgent, Infinity)
    const deadline = performance.now() + BACKGROUND_BUDGET_MS
    while (background.length > 0 && performance.now() < deadline) runBatch(background, deadline)
    if (urgent.length > 0 || background.length > 0) schedule()
    else idle?.()
  }

  /**
   * Runs ops from the head of `queue` in one transaction: up to maxBatch of them, and past `deadline` no more
   * than the first.
   */
  function runBatch(queue: Queued[], deadline: number): void {
    // Fast path: the whole batch in one transaction with no per-op SAVEPOINT. A savepoint makes FTS5 flush
    // its pending index data, which cost more than the insert itself (docs/performance.md).
    const results: unknown[] = []
    try {
      db.exec('BEGIN IMMEDIATE')
    } catch (err) {
      opts.onFailure?.(err)
      for (const q of queue.splice(0, maxBatch)) q.reject(err)
      return
    }
    let n = 0
    try {
      while (n < queue.length && n < maxBatch && (n === 0 || performance.now() < deadline)) {
        results.push(queue[n]!.op(db))
        n += 1
      }
      db.exec('COMMIT')
    } catch {
      rollback()
      // Slow path, only after a failure: each op alone in its own transaction, so one failing op never
      // loses its neighbours. Ops only touch the database, so running them again after the rollback is safe.
      for (const q of queue.splice(0, n + 1)) runAlone(q)
      return
    }
    opts.onCommit?.()
    queue.splice(0, n).forEach((q, i) => q.resolve(results[i]))
  }

  function runAlone(q: Queued): void {
    try {
      db.exec('BEGIN IMMEDIATE')
      const value = q.op(db)
      db.exec('COMMIT')
      opts.onCommit?.()
      q.resolve(value)
    } catch (err) {
      rollback()
      opts.onFailure?.(err)
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
      return urgent.length + background.length
    },
    write<T>(op: WriteOp<T>, priority: WritePriority = 'now'): Promise<T> {
      if (closed) return Promise.reject(new Error('the store is closed'))
      return new Promise<T>((resolve, reject) => {
        const queue = priority === 'now' ? urgent : background
        queue.push({ op, resolve: resolve as (v: unknown) => void, reject })
        schedule()
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
