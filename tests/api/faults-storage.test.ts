import { execFileSync, spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataFileError } from '../../src/shared/errors'
import { startTestCore, tempDir, type TestCore } from '../helpers/start-core'

// docs/reliability.md "Faults": the receiver never acknowledges what it did not store, says why (507/503 and
// the status' storage.fault, which the UI's banner shows), recovers by itself when space returns, and a file
// it cannot read stops the start with the file's name and what to do — never started empty, never overwritten.

const CLI = join(import.meta.dirname, '..', '..', 'out', 'main', 'cli.js')

/** Mounts a tmpfs of `size` at a new folder; null (with the reason printed) where mounting is not allowed. */
function mountTmpfs(size: string): string | null {
  const dir = tempDir('hb-tmpfs-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
    return dir
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    console.warn(`tmpfs faults skipped: cannot mount a tmpfs (${String(err).split('\n')[0]}); run as root`)
    return null
  }
}
function unmount(dir: string): void {
  execFileSync('umount', [dir])
  rmSync(dir, { recursive: true, force: true })
}
const canMount = (() => {
  const dir = mountTmpfs('1m')
  if (dir) unmount(dir)
  return dir !== null
})()

/** Fills the file system holding `dir` with one file, to the last byte. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(fd, chunk, 0, size)
      } catch {
        // the next, smaller size
      }
    }
  } finally {
    closeSync(fd)
  }
}

describe('corrupted secrets.json', () => {
  it('refuses to start, naming the file and the fix, and leaves the file as it was', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, 'secrets.json')
    const broken = '{"bot:42":"123456:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ZY","ngrok":'
    writeFileSync(file, broken, { mode: 0o600 })
    try {
      const err = await startTestCore({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(DataFileError)
      expect((err as DataFileError).file).toBe(file)
      expect((err as Error).message).toContain(`The secrets file ${file} cannot be read`)
      expect((err as Error).message).toContain(`mv ${file} ${file}.broken`)
      expect((err as Error).message).not.toContain('AAEhBOweik6ad9r')
      expect(readFileSync(file, 'utf8')).toBe(broken)
      // The data dir is not left locked: fixing the file is enough to start.
      writeFileSync(file, '{}')
      const core = await startTestCore({ dataDir })
      await core.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it.each([
    ['an array', '["a"]'],
    ['a non-string value', '{"bot:1":5}'],
    ['null', 'null'],
  ])('refuses %s as well', async (_name, text) => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'secrets.json'), text)
    try {
      await expect(startTestCore({ dataDir })).rejects.toThrow(/is not a JSON object of names to strings/)
      expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(text)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('corrupted database at start', () => {
  it('refuses a file that is not a database, naming it and what to do, and does not touch it', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, 'hookbench.db')
    const garbage = Buffer.alloc(64 * 1024, 'not sqlite ')
    writeFileSync(file, garbage)
    try {
      const err = await startTestCore({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(DataFileError)
      expect((err as DataFileError).file).toBe(file)
      expect((err as Error).message).toMatch(
        new RegExp(`^The database ${file} is damaged \\(file is not a database\\)`),
      )
      expect((err as Error).message).toContain(`mv ${file} ${file}.broken`)
      expect(readFileSync(file).equals(garbage)).toBe(true)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses a database whose pages are damaged past its header', async () => {
    const dataDir = tempDir()
    const core = await startTestCore({ dataDir })
    for (let i = 0; i < 20; i++)
      await core.webhook(`/c-${i}?entity=c`, { method: 'POST', body: 'x'.repeat(2000) })
    await core.close()
    const file = join(dataDir, 'hookbench.db')
    const bytes = readFileSync(file)
    // Keep the header page, scribble over every page after it.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff
    writeFileSync(file, bytes)
    try {
      const err = await startTestCore({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(DataFileError)
      expect((err as Error).message).toContain(`The database ${file} is damaged`)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it.skipIf(!existsSync(CLI))('hookbench serve exits 3 and names the file', () => {
    const dataDir = tempDir()
    const file = join(dataDir, 'hookbench.db')
    writeFileSync(file, 'definitely not a database, but long enough to have a header........'.repeat(100))
    try {
      const r = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(r.status).toBe(3)
      expect(r.stderr).toContain(`hookbench: The database ${file} is damaged`)
      expect(r.stdout).not.toContain('UI:')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe.skipIf(!canMount)('read-only data folder (tmpfs mounted read-only)', () => {
  it('refuses to start, naming the folder, and starts once it is writable again', async () => {
    const dir = mountTmpfs('4m')!
    try {
      const dataDir = join(dir, 'data')
      const first = await startTestCore({ dataDir })
      await first.webhook('/before?entity=ro')
      await first.close()
      execFileSync('mount', ['-o', 'remount,ro', dir])
      const err = await startTestCore({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(DataFileError)
      expect((err as DataFileError).file).toBe(dataDir)
      expect((err as Error).message).toMatch(
        new RegExp(`^The data folder ${dataDir} cannot be written \\(.*\\): Hookbench stores every request`),
      )
      execFileSync('mount', ['-o', 'remount,rw', dir])
      const again = await startTestCore({ dataDir })
      expect((await (await again.api('/requests')).json()).items).toHaveLength(1)
      await again.close()
    } finally {
      unmount(dir)
    }
  })
})

describe.skipIf(!canMount)('disk full (data folder on a small tmpfs)', () => {
  let dir: string
  let core: TestCore
  const filler = () => join(dir, 'filler')
  beforeAll(async () => {
    dir = mountTmpfs('6m')!
    mkdirSync(join(dir, 'data'))
    core = await startTestCore({ dataDir: join(dir, 'data') })
  })
  afterAll(async () => {
    await core?.close()
    if (dir) unmount(dir)
  })

  it('answers 507 with the reason, never acknowledges an unstored request, and recovers by itself', async () => {
    expect((await core.webhook('/before?entity=full')).status).toBe(200)
    fillDisk(filler())
    const acknowledged: number[] = []
    let refused: { status: number; text: string; retryAfter: string | null } | null = null
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await core.webhook(`/fill-${i}?entity=full`, { method: 'POST', body: 'y'.repeat(50_000) })
      const text = await res.text()
      if (res.status === 200) acknowledged.push((JSON.parse(text) as { id: number }).id)
      else refused = { status: res.status, text, retryAfter: res.headers.get('retry-after') }
    }
    expect(refused, 'a request refused once the disk is full').not.toBeNull()
    expect(refused!.status).toBe(507)
    expect(refused!.retryAfter).toBe('5')
    const body = JSON.parse(refused!.text) as { error: { kind: string; message: string }; id?: number }
    expect(body.id).toBeUndefined()
    expect(body.error.kind).toBe('unavailable')
    expect(body.error.message).toMatch(/^This request was not stored, so it is refused\. The disk holding/)
    // Every acknowledged request is there.
    for (const id of acknowledged) expect((await core.api(`/requests/${id}`)).status).toBe(200)
    const status = await (await core.api('/status')).json()
    expect(status.storage.fault).toMatchObject({ kind: 'full' })
    expect(status.storage.fault.message).toContain('is full')
    expect(core.logs.join('')).not.toMatch(/"msg":"request failed"/)

    rmSync(filler())
    // The fault ends without traffic (the store's probe write), and requests are stored again.
    await expect
      .poll(async () => (await (await core.api('/status')).json()).storage.fault, { timeout: 15_000 })
      .toBeNull()
    const after = await core.webhook('/after?entity=full', { method: 'POST', body: '{"ok":1}' })
    expect(after.status).toBe(200)
    const { id } = (await after.json()) as { id: number }
    expect((await (await core.api(`/requests/${id}`)).json()).body).toBe('{"ok":1}')
  })
})
