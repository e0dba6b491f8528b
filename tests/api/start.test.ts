import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const FALLBACK = 'Starting the headless shell instead (the same UI, in your browser).'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

/** Runs `node scripts/start.js --skip-build` (out/ is built) with `env(scratch dir)`; resolves once it prints the UI link. */
async function start(env: (scratch: string) => NodeJS.ProcessEnv) {
  const scratch = mkdtempSync(join(tmpdir(), 'hb-start-'))
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), '--skip-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DISPLAY: '',
      ELECTRON_EXEC_PATH: '',
      WAYLAND_DISPLAY: '',
      HOOKBENCH_PORT: '0',
      HOOKBENCH_DATA_DIR: join(scratch, 'data'),
      CI: '1',
      ...env(scratch),
    },
  })
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(scratch, { recursive: true, force: true })
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const ui = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /^UI: (\S+)/m.exec(out)
      // The last line start.js prints about the UI comes right after the shell's own UI line.
      if (m && /open the UI link above/.test(out)) resolve(m[1]!)
    })
    void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${out}\n${err}`)))
  })
  return { child, ui, scratch, exited, out: () => out, err: () => err }
}

const reasonLines = (out: string) =>
  out.split('\n').filter((l) => l.startsWith('hookbench: no desktop window:'))

describe.skipIf(!existsSync(CLI))('npm start (scripts/start.js)', () => {
  it('without an Electron binary says why in one line, then runs the headless shell and prints the UI link', async () => {
    let dist = ''
    // An Electron folder without a binary: the same outcome as a skipped download, on every machine.
    const s = await start((scratch) => ({ ELECTRON_OVERRIDE_DIST_PATH: (dist = scratch) }))
    expect(reasonLines(s.out())).toEqual([
      `hookbench: no desktop window: ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${join(dist, 'electron')}). ${FALLBACK}`,
    ])
    expect(s.out()).toContain(`Data: ${join(s.scratch, 'data')}`)
    expect(await (await fetch(new URL('/api/health', s.ui))).json()).toEqual({ ok: true })

    // Ctrl+C under npm start arrives twice (terminal and npm): forwarded once, the shell shuts down cleanly.
    s.child.kill('SIGINT')
    s.child.kill('SIGINT')
    expect(await s.exited).toBe(0)
    expect(s.err()).toContain('"msg":"stopped"')
  })

  it.skipIf(process.platform === 'win32')(
    'falls back the same way when Electron is there but exits non-zero while starting',
    async () => {
      const s = await start((scratch) => {
        const fake = join(scratch, 'electron')
        writeFileSync(fake, '#!/bin/sh\necho "fake electron: cannot open display" >&2\nexit 3\n')
        chmodSync(fake, 0o755)
        return { ELECTRON_EXEC_PATH: fake, DISPLAY: ':99' }
      })
      expect(s.err()).toContain('fake electron: cannot open display')
      expect(reasonLines(s.out())).toEqual([
        `hookbench: no desktop window: Electron exited with code 3 while starting (see its output above). ${FALLBACK}`,
      ])
      expect(await (await fetch(new URL('/api/health', s.ui))).json()).toEqual({ ok: true })
      s.child.kill('SIGTERM')
      expect(await s.exited).toBe(0)
    },
  )
})
