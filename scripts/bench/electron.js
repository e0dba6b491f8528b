// The bench's `electron` section (issue 16): the desktop window's `ready-to-show` → first rows of the
// Requests page, over the same 100k-request store as the `ui` section, where Electron can start (its binary
// and, on Linux, a display; scripts/start.js electronHere). Skipped with the reason otherwise, as on this
// project's CI machines. The Electron end-to-end test (tests/e2e/electron/app.spec.ts) reports the same
// figure for a small store.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { electronHere } from '../start.js'
import { figures, median, record, ROOT, round, sizeLabel, skip, withSeededDir } from './harness.js'

const SIZE = 100_000
/** Timed starts after the first, which opens the Requests page once so later starts open on it. */
const SAMPLES = 3
/** The browser's target for the same page (ui.js). */
const TARGET_MS = 400

export async function electronSection() {
  const name = `electron_ready_to_show_to_first_rows_${sizeLabel(SIZE)}`
  const launch = electronHere()
  if ('reason' in launch) return skip(name, launch.reason)
  const main = join(ROOT, 'out', 'main', 'index.js')
  if (!existsSync(main)) return skip(name, 'out/main/index.js is missing (npm run build first)')
  try {
    const { _electron } = await import('@playwright/test')
    const times = await withSeededDir(SIZE, (dataDir) => startsOn(_electron, launch.path, main, dataDir))
    const ms = median(times)
    // Beside the browser's figure from this run, when the ui section ran: "as fast as the browser".
    const browser = figures.find((f) => f.name === `ui_first_rows_${sizeLabel(SIZE)}`)?.value
    record(name, ms, 'ms', `<= ${TARGET_MS} ms, as the browser's ui_first_rows`, ms <= TARGET_MS, {
      times: times.map(round),
      ...(typeof browser === 'number' && { browserMs: browser, vsBrowser: round(ms / browser) }),
      note: 'from the main process ready-to-show until the grid shows its first row',
    })
  } catch (err) {
    skip(
      name,
      String(err?.message ?? err)
        .split('\n')[0]
        .slice(0, 200),
    )
  }
}

/** Starts the app SAMPLES + 1 times on `dataDir`; the ms from ready-to-show to the first row, per timed start. */
async function startsOn(electron, executablePath, main, dataDir) {
  const env = {
    ...process.env,
    HOOKBENCH_USER_DATA: dataDir,
    HOOKBENCH_PORT: '0',
    HOOKBENCH_ALLOW_ANONYMOUS: 'true',
  }
  const times = []
  for (let i = 0; i <= SAMPLES; i++) {
    const app = await electron.launch({ executablePath, args: [main], env, timeout: 30_000 })
    try {
      const window = await app.firstWindow()
      if (i === 0)
        await window.evaluate(() => {
          globalThis.location.hash = '#/requests'
        })
      // aria-rowindex 1 is the header row.
      await window.locator('[role="grid"] [aria-rowindex="2"]').first().waitFor({ timeout: 30_000 })
      const rowsAt = Date.now()
      const readyAt = await app.evaluate(() => globalThis.__hookbenchReadyToShowAtMs)
      if (typeof readyAt !== 'number') throw new Error('the main process did not record ready-to-show')
      if (i > 0) times.push(rowsAt - readyAt)
    } finally {
      await app.close()
    }
  }
  return times
}
