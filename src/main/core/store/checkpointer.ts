import { Worker } from 'node:worker_threads'

/**
 * Checkpoints the WAL from a worker thread with its own connection (docs/performance.md "p99").
 *
 * SQLite's automatic checkpoint runs inside whichever COMMIT crosses 1,000 WAL pages: it copies the pages into
 * the database file and fsyncs, 25–30 ms during which the event loop, and every webhook waiting for its
 * answer, stood still (about one commit in seventy under load). The main connection turns it off
 * (`wal_autocheckpoint = 0`, database.ts) and this worker runs PASSIVE checkpoints instead: they never block
 * the writer or readers, and SQLite restarts the WAL from its beginning once a checkpoint has caught up.
 * Durability is unchanged: a committed transaction is in the WAL either way.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { DatabaseSync } = require('node:sqlite')
const db = new DatabaseSync(workerData.path)
db.exec('PRAGMA busy_timeout = 1000')
const stmt = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
let lastError = null
let lastLog = -1
const checkpoint = (id) => {
  try {
    const r = stmt.get()
    lastError = null
    // Periodic results only when the WAL changed: an idle app is not woken five times a second.
    if (id !== undefined || r.log !== lastLog) parentPort.postMessage({ id, log: r.log, checkpointed: r.checkpointed })
    lastLog = r.log
  } catch (err) {
    const message = String((err && err.message) || err)
    // Reported once per distinct failure, not every interval.
    if (message !== lastError) parentPort.postMessage({ error: message })
    lastError = message
    if (id !== undefined) parentPort.postMessage({ id, log: -1, checkpointed: -1 })
  }
}
const timer = setInterval(() => checkpoint(), workerData.intervalMs)
parentPort.on('message', (m) => {
  if (typeof m === 'number') checkpoint(m)
  if (m === 'close') {
    clearInterval(timer)
    checkpoint()
    db.close()
    parentPort.close()
  }
})
`

export interface CheckpointStats {
  /** Frames in the WAL and frames copied into the database by this checkpoint (-1 when it failed). */
  log: number
  checkpointed: number
}

export interface Checkpointer {
  /** Asks for a checkpoint now and resolves with its result. */
  now(): Promise<CheckpointStats>
  /**
   * Frames in the WAL as of the last checkpoint (the worker reports every interval), or 0 after one asked for
   * with now() copied them all: the WAL then starts over with the next write, unless written to meanwhile.
   */
  readonly walFrames: number
  /** Runs a last checkpoint, closes the worker's connection and waits for the thread to end. */
  close(): Promise<void>
}

export function startCheckpointer(
  path: string,
  onError: (message: string) => void,
  intervalMs = 200,
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs } })
  // The thread must not keep a finished process alive (the CLI exits when its servers close).
  worker.unref()
  const waiting = new Map<number, (s: CheckpointStats) => void>()
  const FAILED: CheckpointStats = { log: -1, checkpointed: -1 }
  let gone = false
  // A thread that died (or never started) answers every pending and later now() with FAILED at once: the
  // writer may be waiting on one, and must never wait for ever.
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      gone = true
      for (const resolveOne of waiting.values()) resolveOne(FAILED)
      waiting.clear()
      resolve()
    }),
  )
  let nextId = 0
  let walFrames = 0
  worker.on('message', (m: { error?: string; id?: number } & CheckpointStats) => {
    if (m.error !== undefined) return onError(m.error)
    if (m.log >= 0) walFrames = m.id !== undefined && m.log === m.checkpointed ? 0 : m.log
    if (m.id === undefined) return
    waiting.get(m.id)?.({ log: m.log, checkpointed: m.checkpointed })
    waiting.delete(m.id)
  })
  worker.on('error', (err) => onError(err.message))
  let closed = false
  return {
    get walFrames() {
      return walFrames
    },
    now() {
      if (gone || closed) return Promise.resolve(FAILED)
      return new Promise((resolve) => {
        const id = nextId++
        waiting.set(id, resolve)
        worker.postMessage(id)
      })
    },
    async close() {
      if (closed) return exited
      closed = true
      worker.postMessage('close')
      const timer = setTimeout(() => void worker.terminate(), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/**
 * The worker's PASSIVE checkpoints run beside the writes, so under a steady stream they never quite catch up
 * and SQLite never starts the WAL over: it grew by ~30 MB/s under the benchmark's load (638 MB after 20 s).
 * Once the WAL holds `walRestartBytes` (as the worker's checkpoints report it), a checkpoint is asked for
 * while writes go on (it copies almost everything); when it is done, the writer holds its next flush (writes
 * keep queueing, the event loop keeps running) for one more checkpoint, which only has the last few
 * milliseconds' pages to copy, and the next transaction starts the WAL over.
 */
export function walRestartGate(
  checkpointer: Pick<Checkpointer, 'now' | 'walFrames'>,
  pageSize: number,
  walRestartBytes: number,
  holdLimitMs = 100,
) {
  let catchingUp = false
  let caughtUp = false
  return (): Promise<unknown> | null => {
    if (caughtUp) {
      caughtUp = false
      // Never longer than holdLimitMs, whatever the checkpoint is waiting on (an fsync on a busy disk took
      // 120 ms here); when it is cut short the WAL does not start over this time, and the next flush tries again.
      return Promise.race([checkpointer.now(), new Promise((r) => setTimeout(r, holdLimitMs).unref())])
    }
    if (catchingUp || checkpointer.walFrames * pageSize < walRestartBytes) return null
    catchingUp = true
    void checkpointer.now().then(() => {
      catchingUp = false
      caughtUp = true
    })
    return null
  }
}
