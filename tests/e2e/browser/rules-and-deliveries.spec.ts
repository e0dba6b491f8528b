import { createDiagnosticsPage } from '../../helpers/pages/diagnostics-page'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { serve } from '../../helpers/serve'
import { api, E2E_USER, expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('rules and deliveries', () => {
  test('shows which rules match a message and the deliveries they made, live', async ({ page }) => {
    // Its own store: the rule would otherwise change what other tests see in the Rules tab.
    const served = await serve(['--webhook-user', `${E2E_USER.name}:${E2E_USER.password}`])
    try {
      const created = await api(served, '/rules', {
        method: 'POST',
        body: JSON.stringify({
          name: 'Chat echo',
          filter: "entity = 'chat'",
          condition: "message LIKE '*cpu*'",
          window: 'length(1)',
          actions: [{ kind: 'desktop', on: ['OPEN', 'REPEAT'] }],
        }),
      })
      expect(created.status).toBe(200)
      await api(served, '/rules', {
        method: 'POST',
        body: JSON.stringify({ name: 'Other entity', filter: "entity = 'other'", enabled: false }),
      })

      const requests = createRequestsPage(page)
      const diagnostics = createDiagnosticsPage(page)
      await signIn(page, served)
      await diagnostics.open(served.baseUrl)
      await expect(diagnostics.noDeliveries).toBeVisible()

      await postWebhook(served, '/chat?command.message=message.text', telegramUpdate('cpu is busy'))
      const row = diagnostics.deliveryRows.filter({ hasText: 'Chat echo' })
      await expect(row).toHaveCount(1)
      await expect(row).toContainText('Desktop')
      await expect(row).toContainText('recorded')
      await diagnostics.deliveryDetails(row).click()
      await expect(diagnostics.deliveryDetails(row)).toHaveAttribute('aria-expanded', 'true')
      await expect(diagnostics.deliveries).toContainText('Chat echo: OPEN')
      await screenshotThemes(page, 'deliveries')

      await requests.open(served.baseUrl)
      await requests.openRow(0)
      await requests.showTab('Rules')
      const chatEcho = requests.rulesTable.getByRole('row', { name: /^Chat echo/ })
      await expect(chatEcho).toContainText('passes')
      await expect(chatEcho).toContainText('chat') // window key
      await expect(chatEcho).toContainText('true') // condition value
      await expect(chatEcho).toContainText('REPEAT') // the window is open now, so this message would repeat
      const other = requests.rulesTable.getByRole('row', { name: /^Other entity/ })
      await expect(other).toContainText('disabled')
      await expect(other).toContainText('filtered out')
      // …and what happened when it arrived: the window opened and the desktop action recorded its delivery.
      const arrived = page.getByRole('region', { name: 'When it arrived' })
      await expect(arrived).toContainText(/Chat echo\s*OPEN\s*alert #\d+/)
      await expect(arrived).toContainText('1 delivery')
      await screenshotThemes(page, 'request-rules')
      await arrived.getByRole('link', { name: /alert #/ }).click()
      await expect(page).toHaveURL(/#\/alerts\?tab=history&alert=\d+/)
      await expect(page.getByText('Chat echo').first()).toBeVisible()
    } finally {
      await served.stop()
    }
  })
})
