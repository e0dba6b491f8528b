import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '../../helpers/serve'
import { E2E_USER, expect, test } from './fixtures'
import { signIn, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

/** A 6 MB tmpfs for the data folder (root only); null, with the reason, where it cannot be mounted. */
function mountTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'hb-e2e-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'pipe' })
    return dir
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    console.warn(`storage fault spec skipped: cannot mount a tmpfs (${String(err).split('\n')[0]})`)
    return null
  }
}

test.describe('storage fault banner (issue 18 "Faults")', () => {
  test('says above every page that requests are not stored while the disk is full, and goes when space returns', async ({
    page,
  }) => {
    const dir = mountTmpfs()
    test.skip(dir === null, 'needs root to mount a tmpfs')
    const served = await serve(['--webhook-user', `${E2E_USER.name}:${E2E_USER.password}`], {
      dataDir: join(dir!, 'data'),
    })
    const auth = `Basic ${Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64')}`
    const filler = join(dir!, 'filler')
    try {
      await signIn(page, served)
      const banner = page.getByRole('alert').filter({ hasText: 'requests are not being stored' })
      await expect(banner).toHaveCount(0)
      const fd = openSync(filler, 'w')
      try {
        for (;;) writeSync(fd, Buffer.alloc(64 * 1024, 1))
      } catch {
        // ENOSPC: the disk is full
      } finally {
        closeSync(fd)
      }
      let status = 200
      for (let i = 0; i < 200 && status === 200; i++) {
        const res = await fetch(`${served.webhookUrl}/full-${i}?entity=full`, {
          method: 'POST',
          headers: { authorization: auth },
          body: 'y'.repeat(50_000),
        })
        status = res.status
      }
      expect(status).toBe(507)
      await expect(banner).toContainText('Disk full: requests are not being stored')
      await expect(banner).toContainText('is full: requests are refused (507)')
      for (const [width, height] of [
        [1400, 900],
        [900, 600],
      ] as const) {
        await page.setViewportSize({ width, height })
        await page.screenshot({ path: `test-results/e2e/storage-fault-${width}x${height}.png` })
      }
      rmSync(filler)
      await expect(banner).toHaveCount(0, { timeout: 15_000 })
    } finally {
      await served.stop()
      execFileSync('umount', [dir!])
      rmSync(dir!, { recursive: true, force: true })
    }
  })
})
