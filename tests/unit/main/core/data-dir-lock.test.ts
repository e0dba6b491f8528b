import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../../../src/main/core/data-dir-lock'
import { createLogger } from '../../../../src/main/core/log'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'hb-lock-'))
  dirs.push(d)
  return d
}
const capture = () => {
  const lines: string[] = []
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString())
        cb()
      },
    }),
  })
  return { log, lines }
}
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!
const writeLock = (dir: string, pid: number, host = hostname()) =>
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host, startedAt: '2026-01-01T00:00:00.000Z' }))

describe('lockDataDir', () => {
  it('writes pid, host and start time, refuses a second taker in the same process, and releases', () => {
    const dir = tempDir()
    const { log } = capture()
    const lock = lockDataDir(dir, log)
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() })
    expect(() => lockDataDir(dir, log)).toThrow(DataDirLockedError)
    expect(readdirSync(dir)).toEqual([LOCK_FILE]) // no temp files left behind
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    lockDataDir(dir, log).release()
  })

  it('names the live process holding the data dir', () => {
    const dir = tempDir()
    writeLock(dir, process.ppid)
    const { log } = capture()
    let error: unknown
    try {
      lockDataDir(dir, log)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(DataDirLockedError)
    expect((error as Error).message).toBe(
      `Data dir ${dir} is in use by hookbench process ${process.ppid} (started 2026-01-01T00:00:00.000Z)`,
    )
  })

  it.each([
    ['a process that has exited', () => deadPid()],
    ['this pid, left over from an earlier run (a container restart)', () => process.pid],
  ])('takes over a stale lock of %s, with a log line', (_case, pid) => {
    const dir = tempDir()
    const stalePid = pid()
    writeLock(dir, stalePid)
    const { log, lines } = capture()
    const lock = lockDataDir(dir, log)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).startedAt).not.toBe(
      '2026-01-01T00:00:00.000Z',
    )
    expect(lines.join('')).toContain('taking over a stale data dir lock')
    expect(lines.join('')).toContain(`"pid":${stalePid}`)
    lock.release()
  })

  it('takes over an unreadable lock file', () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE), 'not json')
    const { log } = capture()
    lockDataDir(dir, log).release()
  })

  it('respects a lock from another host (a shared folder), whose pid cannot be checked here', () => {
    const dir = tempDir()
    writeLock(dir, deadPid(), 'elsewhere.example')
    const { log } = capture()
    expect(() => lockDataDir(dir, log)).toThrow(/process \d+ on elsewhere\.example/)
  })
})
