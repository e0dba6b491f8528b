import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// Connects a simulated bot and changes settings: a `hookbench serve` of its own keeps the shared one untouched.
const test = privateServeTest

test.describe('Simulator webhook delivery', () => {
  test('the Webhook panel shows each attempt: delivered, then refused with the same update_id again', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const connected = await api(served, '/telegram/simulator', { method: 'POST', body: '{}' })
    const { token } = (await connected.json()) as { token: string }
    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)
    await simulator.createChat('Ada')
    await simulator.say('first')

    const panel = page.locator('details', { has: page.getByText(/^Webhook/) })
    await panel.getByText(/^Webhook/).click()
    const attempts = panel.getByRole('table', { name: 'Webhook delivery attempts' })
    await expect(attempts.getByRole('row').nth(1)).toContainText('200 delivered')

    // The bot's webhook now points at a closed port: the same update is tried again and again.
    const bot = `${served.baseUrl}/sim/bot${token}`
    const set = await fetch(`${bot}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook' }),
    })
    expect(set.status).toBe(200)
    await simulator.say('second')
    const refused = attempts.getByRole('row').filter({ hasText: 'Connection refused' })
    await expect(refused.first()).toBeVisible()
    await expect(refused).not.toHaveCount(1)
    await expect(panel.getByText('Pending updates')).toBeVisible()
    await expect(panel).toContainText(/Connection refused/)
    await expect(panel.getByText('failing')).toBeVisible()
    const ids = await refused.locator('td:nth-child(2)').allTextContents()
    expect(new Set(ids).size).toBe(1)
    await screenshotThemes(page, 'simulator-webhook')
    for (const [width, height] of [
      [1400, 900],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: `test-results/e2e/simulator-webhook-${width}x${height}.png` })
    }
  })

  test('the Settings page switches flood limits and sets the webhook read timeout', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await page.goto(`${served.baseUrl}/#/settings`)
    const flood = page.getByRole('switch', { name: 'Simulator flood limits' })
    await expect(flood).toBeChecked()
    await flood.click()
    await expect
      .poll(
        async () =>
          ((await (await api(served, '/settings')).json()) as { simulatorFloodLimits: boolean })
            .simulatorFloodLimits,
      )
      .toBe(false)
    const timeout = page.getByLabel('Simulator webhook read timeout (ms)')
    await expect(timeout).toHaveValue('60000')
    await timeout.fill('50')
    await page.getByRole('button', { name: 'Save timeout' }).click()
    await expect(page.getByRole('alert').filter({ hasText: /100/ })).toBeVisible()
    await timeout.fill('5000')
    await page.getByRole('button', { name: 'Save timeout' }).click()
    await expect
      .poll(
        async () =>
          ((await (await api(served, '/settings')).json()) as { simulatorWebhookTimeoutMs: number })
            .simulatorWebhookTimeoutMs,
      )
      .toBe(5000)
    await screenshotThemes(page, 'settings-simulator')
    await page.setViewportSize({ width: 900, height: 600 })
    await page.getByLabel('Simulator webhook read timeout (ms)').scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/e2e/settings-simulator-900x600.png' })
  })
})
