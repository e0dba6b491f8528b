import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Logger } from './log'

export const LOCK_FILE = 'hookbench.lock'

/** What the lock file says about the process holding the data dir. */
export interface LockHolder {
  pid: number
  host: string
  startedAt: string
}

/** Another live Hookbench process holds the data dir: the headless shell exits 2 with this message. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`
    super(
      `Data dir ${dataDir} is in use by hookbench process ${holder.pid}${where} (started ${holder.startedAt})`,
    )
  }
}

export interface DataDirLock {
  /** Removes the lock file (only if it is still ours). */
  release(): void
}

/** Lock files this process holds: a file naming our pid that is not in here is left over from a dead run. */
const held = new Set<string>()

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? 'at an unknown time') }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err
    return null
  }
}

function isAlive(holder: LockHolder, path: string): boolean {
  // A lock from another machine (a shared folder) cannot be checked here: respect it.
  if (holder.host !== hostname()) return true
  if (holder.pid === process.pid) return held.has(path)
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the data dir for this process: `hookbench.lock` (pid, host, start time) appears atomically, complete,
 * through a hard link of a fully written temp file. A lock whose process is gone is taken over (logged);
 * a live one is a DataDirLockedError.
 */
export function lockDataDir(dataDir: string, log: Logger): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  const mine: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
  const temp = join(dataDir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`)
  writeFileSync(temp, `${JSON.stringify(mine)}\n`, { mode: 0o644 })
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, path)
        held.add(path)
        return {
          release() {
            if (!held.delete(path)) return
            try {
              const now = readHolder(path)
              if (now?.pid === mine.pid && now.startedAt === mine.startedAt) unlinkSync(path)
            } catch {
              // Already gone: nothing to release.
            }
          },
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      }
      let holder: LockHolder | null
      try {
        holder = readHolder(path)
      } catch {
        continue // released meanwhile: try again
      }
      if (holder && isAlive(holder, path)) throw new DataDirLockedError(dataDir, holder)
      log.warn({ dataDir, stale: holder }, 'taking over a stale data dir lock (its process is gone)')
      try {
        unlinkSync(path)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
    throw new Error(`Could not lock the data dir ${dataDir}: another process keeps taking it`)
  } finally {
    unlinkSync(temp)
  }
}
