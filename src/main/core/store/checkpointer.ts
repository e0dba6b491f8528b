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
const { closeSync, fdatasyncSync, openSync, statSync } = require('node:fs')
const db = new DatabaseSync(workerData.path)
// The database file's own descriptor, for a catch-up pass's fdatasync (the inode's dirty pages, whoever wrote them).
const dbFd = openSync(workerData.path, 'r')
db.exec('PRAGMA busy_timeout = 1000')
const stmt = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
const mark = db.prepare('UPDATE wal_restarts SET n = n + 1 WHERE id = 1')
const walPath = workerData.path + '-wal'
const walBytes = () => { try { return statSync(walPath).size } catch { return 0 } }
let lastError = null
let lastLog = -1
let idleTicks = 0
// A write on this connection right after a checkpoint that copied every frame: SQLite starts the WAL over
// with it (and fsyncs the new header), so that wait is this thread's, not a COMMIT's on the main thread. With
// keep >= 0 the same commit cuts the file back to keep bytes (an ftruncate of a ~270 MB file: 50–70 ms here).
const restartWrite = (keep) => {
  db.exec('PRAGMA journal_size_limit = ' + keep)
  try {
    db.exec('BEGIN IMMEDIATE')
    try {
      mark.run()
      db.exec('COMMIT')
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK')
      throw err
    }
  } finally {
    db.exec('PRAGMA journal_size_limit = -1')
  }
}
const report = (err, id) => {
  const message = String((err && err.message) || err)
  // Reported once per distinct failure, not every interval.
  if (message !== lastError) parentPort.postMessage({ error: message })
  lastError = message
  if (id !== undefined) parentPort.postMessage({ id, log: -1, checkpointed: -1, restarted: false })
}
// thenSync: a catch-up pass before a restart, answered once the database file's pages are written back too
// (an answer before it would let the gate's hold begin behind this thread's fdatasync). A PASSIVE checkpoint
// fsyncs the database only when it copied every frame, which under a steady stream of writes it never does,
// so the copies of a whole WAL (~256 MB of frames) waited in the page cache for the restart's checkpoint, whose
// fsync then took 14–85 ms with the writer held. Written back here, that fsync has only the last pass's pages.
const checkpoint = (id, thenSync = false) => {
  try {
    const r = stmt.get()
    lastError = null
    if (thenSync) fdatasyncSync(dbFd)
    // Periodic results only when the WAL changed: an idle app is not woken five times a second.
    if (id !== undefined || r.log !== lastLog) parentPort.postMessage({ id, log: r.log, checkpointed: r.checkpointed })
    idleTicks = r.log > 0 && r.log === r.checkpointed && r.log === lastLog ? idleTicks + 1 : 0
    lastLog = r.log
    // Idle (every frame copied, nothing written for trimIdleTicks intervals) with a WAL file grown past keep
    // under load: started over once more, and cut back. Under load the file is not cut (it would stall a hold).
    if (idleTicks >= workerData.trimIdleTicks && workerData.walKeepBytes >= 0 && walBytes() > workerData.walKeepBytes) {
      idleTicks = 0
      restartWrite(workerData.walKeepBytes)
    }
  } catch (err) {
    report(err, id)
  }
}
const timer = setInterval(() => checkpoint(), workerData.intervalMs)
// Asked while the writer holds its flushes: the last checkpoint and, when it copied everything, the write that
// starts the WAL over, without cutting the file back (that waits for idle, above).
const restart = (id) => {
  try {
    const r = stmt.get()
    const restarted = r.log > 0 && r.log === r.checkpointed
    if (restarted) restartWrite(-1)
    lastLog = -1
    parentPort.postMessage({ id, log: r.log, checkpointed: r.checkpointed, restarted })
  } catch (err) {
    report(err, id)
  }
}
parentPort.on('message', (m) => {
  if (typeof m === 'number') checkpoint(m)
  if (m && typeof m.catchUp === 'number') checkpoint(m.catchUp, true)
  if (m && typeof m.restart === 'number') restart(m.restart)
  if (m === 'close') {
    clearInterval(timer)
    checkpoint()
    db.close()
    closeSync(dbFd)
    parentPort.close()
  }
})
`

export interface CheckpointStats {
  /** Frames in the WAL and frames copied into the database by this checkpoint (-1 when it failed). */
  log: number
  checkpointed: number
}

export interface RestartStats extends CheckpointStats {
  /** The checkpoint copied every frame and the worker's write started the WAL over. */
  restarted: boolean
}

export interface Checkpointer {
  /** Asks for a checkpoint now and resolves with its result. */
  now(): Promise<CheckpointStats>
  /**
   * A checkpoint, then the database file's written pages flushed to disk (fdatasync): a pass of
   * walRestartGate's catch-up, so the restart's own checkpoint has little left to sync while the writer waits.
   */
  catchUp(): Promise<CheckpointStats>
  /**
   * A checkpoint and, when it copied every frame, the first write of a WAL started over, made by the worker's
   * connection (`restarted`); the file is not cut back then. Only while the writer holds its flushes: the
   * write takes the write lock.
   */
  restart(): Promise<RestartStats>
  /**
   * Frames in the WAL as of the last checkpoint (the worker reports every interval), or 0 after one asked for
   * with now() copied them all: the WAL then starts over with the next write, unless written to meanwhile.
   */
  readonly walFrames: number
  /** Runs a last checkpoint, closes the worker's connection and waits for the thread to end. */
  close(): Promise<void>
}

const statsOf = ({ log, checkpointed }: CheckpointStats): CheckpointStats => ({ log, checkpointed })

export function startCheckpointer(
  path: string,
  onError: (message: string) => void,
  intervalMs = 200,
  /** When idle, a WAL file grown past this is cut back to it (-1: never). */
  walKeepBytes = -1,
  trimIdleMs = 1_000,
): Checkpointer {
  const trimIdleTicks = Math.max(1, Math.ceil(trimIdleMs / intervalMs))
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, walKeepBytes, trimIdleTicks },
  })
  // The thread must not keep a finished process alive (the CLI exits when its servers close).
  worker.unref()
  const waiting = new Map<number, (s: RestartStats) => void>()
  const FAILED: RestartStats = { log: -1, checkpointed: -1, restarted: false }
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
  worker.on('message', (m: { error?: string; id?: number; restarted?: boolean } & CheckpointStats) => {
    if (m.error !== undefined) return onError(m.error)
    if (m.log >= 0) walFrames = m.id !== undefined && m.log === m.checkpointed ? 0 : m.log
    if (m.id === undefined) return
    waiting.get(m.id)?.({ log: m.log, checkpointed: m.checkpointed, restarted: m.restarted === true })
    waiting.delete(m.id)
  })
  worker.on('error', (err) => onError(err.message))
  let closed = false
  const ask = (message: (id: number) => unknown): Promise<RestartStats> => {
    if (gone || closed) return Promise.resolve(FAILED)
    return new Promise((resolve) => {
      const id = nextId++
      waiting.set(id, resolve)
      worker.postMessage(message(id))
    })
  }
  return {
    get walFrames() {
      return walFrames
    },
    now: () => ask((id) => id).then(statsOf),
    catchUp: () => ask((id) => ({ catchUp: id })).then(statsOf),
    restart: () => ask((id) => ({ restart: id })),
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

/** Catch-up passes before the hold, at most; each copies what was written during the one before. */
const MAX_CATCH_UP_PASSES = 8

/**
 * The worker's PASSIVE checkpoints run beside the writes, so under a steady stream they never quite catch up
 * and SQLite never starts the WAL over: it grew by ~30 MB/s under the benchmark's load (638 MB after 20 s).
 * Once the WAL holds `walRestartBytes` (as the worker's checkpoints report it), checkpoints are asked for
 * while writes go on, one after the other, until one finds fewer than `closeEnoughFrames` new frames since
 * the one before (each pass copies what was written during the previous, longer one, and writes the database
 * file's pages back: catchUp). Then the writer holds its next flush (writes keep queueing, the event loop
 * keeps running) for the worker's restart(): one more
 * checkpoint with only those few frames to copy, and the new WAL's first write, whose header fsync SQLite
 * makes before any frame of the new WAL is trusted.
 *
 * Measured (docs/performance.md, "the WAL's restart"): one catch-up pass and the restart's first write in the
 * main thread's COMMIT held acknowledgements 70–100 ms every 3–5 s under load (the hold's copy of what the
 * pass had let accumulate, then ~50 ms of fsync inside a COMMIT), the paced p99's 1 %. With the restart's
 * write moved to the worker, the hold was still 17–89 ms: the restart's checkpoint's fsync of the database
 * file, with every page the passes since the last restart had copied still to write (catchUp, above).
 */
export function walRestartGate(
  checkpointer: Pick<Checkpointer, 'catchUp' | 'restart' | 'walFrames'>,
  pageSize: number,
  walRestartBytes: number,
  holdLimitMs = 100,
  closeEnoughFrames = 256,
) {
  let catchingUp = false
  let caughtUp = false
  async function catchUp(): Promise<void> {
    let before: CheckpointStats | null = null
    for (let pass = 0; pass < MAX_CATCH_UP_PASSES; pass++) {
      const stats = await checkpointer.catchUp()
      if (stats.log < 0) return
      if (before && stats.log - before.log < closeEnoughFrames) return
      before = stats
    }
  }
  return (): Promise<unknown> | null => {
    if (caughtUp) {
      caughtUp = false
      // Never longer than holdLimitMs, whatever the worker is waiting on (an fsync on a busy disk took 120 ms
      // here); when it is cut short the WAL may not start over this time, and the next flush tries again. A
      // restart write still under way then makes the next BEGIN IMMEDIATE wait for its commit (busy_timeout).
      return Promise.race([checkpointer.restart(), new Promise((r) => setTimeout(r, holdLimitMs).unref())])
    }
    if (catchingUp || checkpointer.walFrames * pageSize < walRestartBytes) return null
    catchingUp = true
    void catchUp().then(() => {
      catchingUp = false
      caughtUp = true
    })
    return null
  }
}
