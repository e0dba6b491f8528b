import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// Connects a simulated bot: a `hookbench serve` of its own keeps the shared one untouched.
const test = privateServeTest

test.describe('Status bar and sign-in page', () => {
  test('says Simulator, not "Tunnel online", once the simulated bot is connected', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const footer = page.locator('footer.status-bar')
    // The worker's serve is shared with other specs, which may have connected the simulator already.
    const before = (await (await api(served, '/status')).json()) as { telegram: { simulated: boolean } }
    if (!before.telegram.simulated) await expect(footer).toContainText('Tunnel off')
    await api(served, '/telegram/simulator', { method: 'POST', body: '{}' })
    await expect(footer).toContainText('Bot API Simulator')
    await expect(footer).not.toContainText('Tunnel')
    await expect(footer).toContainText('Webhook set')
    for (const [width, height] of [
      [1400, 900],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: `test-results/e2e/status-bar-simulator-${width}x${height}.png` })
    }
  })

  test('a browser without the session cookie is told to open the UI link serve printed', async ({
    browser,
    served,
  }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const res = await page.goto(served.baseUrl)
    expect(res?.status()).toBe(401)
    await expect(page.locator('body')).toContainText(
      'Open the UI link that hookbench serve printed (it carries ?token=…).',
    )
    await expect(page.locator('body')).not.toContainText('Authorization')
    for (const [width, height] of [
      [1400, 900],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: `test-results/e2e/no-session-page-${width}x${height}.png` })
    }
    await context.close()
  })

  test('the page holds a session, not the token; its event stream is live under the CSP; Sign out ends it', async ({
    browser,
    served,
  }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.goto(`${served.uiUrl}#/requests`)
    const footer = page.locator('footer.status-bar')
    await expect(footer.getByRole('status', { name: 'Event stream: Live' })).toBeVisible()
    const [cookie] = await context.cookies()
    expect(cookie?.name).toBe('hb_session')
    expect(cookie?.value).not.toContain(new URL(served.uiUrl).searchParams.get('token')!)
    await footer.getByRole('button', { name: 'Sign out' }).click()
    await expect(page.locator('body')).toContainText('Open the UI link that hookbench serve printed')
    // The old session id is dead server-side, not just forgotten by this browser.
    const res = await fetch(`${served.baseUrl}/api/status`, {
      headers: { cookie: `hb_session=${cookie!.value}` },
    })
    expect(res.status).toBe(401)
    expect(violations).toEqual([])
    await context.close()
  })
})
