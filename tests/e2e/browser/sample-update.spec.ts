import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { serve } from '../../helpers/serve'
import { expect, test } from './fixtures'
import { signIn, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('first run', () => {
  test('the empty state sends a sample update, which arrives live', async ({ page }) => {
    // A store of its own: the worker's shared one already has requests.
    const served = await serve()
    try {
      const requests = createRequestsPage(page)
      await signIn(page, served)
      await expect(requests.emptyState).toBeVisible()
      await expect(requests.copyWebhookUrl).toBeVisible()
      await screenshotThemes(page, 'requests-empty')

      await requests.sendSample.click()
      await expect(requests.emptyState).toBeHidden()
      await expect(requests.rows).toHaveCount(1)
      const row = requests.rows.first()
      await expect(row).toContainText('/api/v1/messages/webhook/telegram')
      await expect(row).toContainText('200')
      await expect(row).toHaveAttribute('aria-selected', 'true')
      await row.click()
      await requests.showTab('Message')
      await expect(requests.detailPanel).toContainText('status of cpu_busy on nurswgvml007?')
    } finally {
      await served.stop()
    }
  })
})
