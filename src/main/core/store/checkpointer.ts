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
const checkpoint = (id) => {
  try {
    const r = stmt.get()
    lastError = null
    if (id !== undefined) parentPort.postMessage({ id, log: r.log, checkpointed: r.checkpointed })
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
  /** Asks for a checkpoint now and resolves with its result (tests). */
  now(): Promise<CheckpointStats>
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
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  const waiting = new Map<number, (s: CheckpointStats) => void>()
  let nextId = 0
  worker.on('message', (m: { error?: string; id?: number } & CheckpointStats) => {
    if (m.error !== undefined) onError(m.error)
    if (m.id === undefined) return
    waiting.get(m.id)?.({ log: m.log, checkpointed: m.checkpointed })
    waiting.delete(m.id)
  })
  worker.on('error', (err) => onError(err.message))
  let closed = false
  return {
    now() {
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
