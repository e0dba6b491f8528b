import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

/** The Electron binary, or why there is none (electron@45 downloads it lazily on first run). */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string
    if (typeof path === 'string' && existsSync(path)) return { path }
    return { reason: `the electron package points at ${String(path)}, which does not exist` }
  } catch (err) {
    return { reason: `no Electron binary is installed (${(err as Error).message.split('\n')[0]})` }
  }
}

const binary = electronBinary()
const main = join(import.meta.dirname, '..', '..', '..', 'out', 'main', 'index.js')

test.describe('Electron app', () => {
  test.skip('reason' in binary, 'reason' in binary ? `Skipped: ${binary.reason}` : '')
  test.skip(!existsSync(main), 'Skipped: run npm run build first (out/main/index.js is missing)')

  test('launches a secure window, receives a webhook and lists it live', async () => {
    if ('reason' in binary) return
    const userData = mkdtempSync(join(tmpdir(), 'hb-electron-'))
    const app = await electron.launch({
      executablePath: binary.path,
      args: [main],
      env: {
        ...process.env,
        HOOKBENCH_USER_DATA: userData,
        HOOKBENCH_PORT: '0',
        HOOKBENCH_ALLOW_ANONYMOUS: 'true',
      },
    })
    try {
      const window = await app.firstWindow()
      await expect(window).toHaveTitle(/Hookbench/)
      // A new profile opens the setup wizard first; the inspector is one route away.
      await window.evaluate(() => {
        ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/requests'
      })
      // No Node in the page (nodeIntegration off, sandbox + contextIsolation on): only the typed bridge.
      const page = await window.evaluate(() => ({
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        bridge: typeof (globalThis as Record<string, unknown>).hookbench,
      }))
      expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: 'object' })
      const status = await window.evaluate(async () => {
        const bridge = (
          window as unknown as { hookbench: { methods: Record<string, (i: unknown) => Promise<unknown>> } }
        ).hookbench
        return bridge.methods.getStatus!({})
      })
      const url = (status as { value: { receiver: { url: string } } }).value.receiver.url
      const res = await fetch(`${url}/api/v1/messages/webhook/electron-e2e?message=hello`)
      expect(res.status).toBe(200)
      await expect(window.getByRole('grid').getByText('electron-e2e').first()).toBeVisible()
      await window.screenshot({ path: 'test-results/e2e/electron-requests.png' })
    } finally {
      await app.close()
    }
  })
})
