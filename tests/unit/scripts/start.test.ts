import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronLaunch } from '../../../scripts/start.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
/** A fake electron package folder: `path.txt` when `pathTxt`, and `dist/<pathTxt>` when `binary`. */
function electronPackage({ pathTxt, binary }: { pathTxt?: string; binary?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hb-electron-pkg-'))
  dirs.push(dir)
  if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt)
  if (binary) {
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', pathTxt!), '')
  }
  return dir
}
const display = { DISPLAY: ':0' }

describe('electronLaunch (npm start: desktop window or headless shell)', () => {
  it('gives the binary where it is installed and there is a display', () => {
    const electronDir = electronPackage({ pathTxt: 'electron', binary: true })
    const ok = { path: join(electronDir, 'dist', 'electron') }
    expect(electronLaunch({ electronDir, env: display, platform: 'linux' })).toEqual(ok)
    expect(electronLaunch({ electronDir, env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' })).toEqual(
      ok,
    )
    expect(electronLaunch({ electronDir, env: {}, platform: 'darwin' })).toEqual(ok)
  })

  it('names the missing binary and the command that installs it (never downloads it)', () => {
    const electronDir = electronPackage({})
    expect(electronLaunch({ electronDir, env: display, platform: 'linux' })).toEqual({
      reason:
        "Electron's binary is not installed (run `npx install-electron` once, with network, to get the desktop app)",
    })
    const listed = electronPackage({ pathTxt: 'electron' })
    expect(electronLaunch({ electronDir: listed, env: display, platform: 'linux' })).toEqual({
      reason: expect.stringMatching(
        /^Electron's binary is missing at .*dist\/electron \(run `npx install-electron`/,
      ),
    })
    expect(electronLaunch({ electronDir: null, env: display, platform: 'linux' })).toEqual({
      reason: expect.stringMatching(/electron package is not installed/),
    })
  })

  it('says when Linux has no display, even with the binary installed', () => {
    const electronDir = electronPackage({ pathTxt: 'electron', binary: true })
    expect(electronLaunch({ electronDir, env: {}, platform: 'linux' })).toEqual({
      reason: expect.stringMatching(/^there is no display \(neither DISPLAY nor WAYLAND_DISPLAY is set\)/),
    })
  })

  it('checks the overrides (ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH) instead of the package', () => {
    const dir = electronPackage({})
    const where = (env: NodeJS.ProcessEnv) => ({
      electronDir: null,
      env: { ...display, ...env },
      platform: 'linux' as const,
    })
    expect(electronLaunch(where({ ELECTRON_OVERRIDE_DIST_PATH: dir }))).toEqual({
      reason: expect.stringMatching(/^ELECTRON_OVERRIDE_DIST_PATH has no Electron binary/),
    })
    expect(electronLaunch(where({ ELECTRON_EXEC_PATH: join(dir, 'electron') }))).toEqual({
      reason: expect.stringMatching(/^ELECTRON_EXEC_PATH names no file/),
    })
    writeFileSync(join(dir, 'electron'), '')
    expect(electronLaunch(where({ ELECTRON_OVERRIDE_DIST_PATH: dir }))).toEqual({
      path: join(dir, 'electron'),
    })
    expect(electronLaunch(where({ ELECTRON_EXEC_PATH: join(dir, 'electron') }))).toEqual({
      path: join(dir, 'electron'),
    })
  })
})
