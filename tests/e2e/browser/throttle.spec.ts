import { createDiagnosticsPage } from '../../helpers/pages/diagnostics-page'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { serve } from '../../helpers/serve'
import { expect, test } from './fixtures'
import { signIn, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('authentication throttle (issue 18.6)', () => {
  test('a burst of throttled guesses is one incident with its count; the sample still arrives', async ({
    page,
  }) => {
    // A store of its own: 127.0.0.1 gets throttled here, which would refuse the shared serve's webhooks.
    const served = await serve()
    try {
      const put = await fetch(`${served.baseUrl}/api/settings`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ authFailuresPerMinute: 2 }),
      })
      expect(put.status).toBe(200)
      const guess = (i: number) =>
        fetch(`${served.webhookUrl}/t`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`brute:guess-${i}`).toString('base64')}` },
          body: '{}',
        }).then((r) => r.status)
      const statuses: number[] = []
      for (let i = 0; i < 9; i++) statuses.push(await guess(i))
      expect(statuses).toEqual([401, 401, 429, 429, 429, 429, 429, 429, 429])

      const requests = createRequestsPage(page)
      await signIn(page, served)
      // The UI's sample goes through the receiver from 127.0.0.1, the throttled address: it is Hookbench's
      // own, guesses nothing, and arrives.
      await requests.sendSample.click()
      await expect(requests.rows).toHaveCount(1)

      const diagnostics = createDiagnosticsPage(page)
      await diagnostics.open(served.baseUrl)
      const burst = diagnostics.incidentRows.filter({ hasText: 'throttled' })
      await expect(burst).toHaveCount(1)
      await expect(burst).toContainText('×7')
      await expect(burst).toContainText('brute')
      for (const [width, height] of [
        [1400, 900],
        [900, 600],
      ] as const) {
        await page.setViewportSize({ width, height })
        await burst.scrollIntoViewIfNeeded()
        await page.screenshot({ path: `test-results/e2e/incidents-throttled-${width}x${height}.png` })
      }
    } finally {
      await served.stop()
    }
  })
})
