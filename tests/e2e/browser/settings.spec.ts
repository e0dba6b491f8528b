import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { createSettingsPage } from '../../helpers/pages/settings-page'
import { serve, type Served } from '../../helpers/serve'
import { E2E_USER, expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

// Settings are global to a store: these tests change them on a server of their own.
let served: Served
test.beforeAll(async () => {
  served = await serve(['--webhook-user', `${E2E_USER.name}:${E2E_USER.password}`])
})
test.afterAll(async () => {
  await served.stop()
})

test.describe('settings', () => {
  test('a lower max body size answers a larger webhook 413, shown as such', async ({ page }) => {
    const settings = createSettingsPage(page)
    const requests = createRequestsPage(page)
    await signIn(page, served)
    await settings.open(served.baseUrl)
    await expect(settings.listeningPort).toHaveValue(new URL(served.baseUrl).port)
    await expect(settings.listeningPort).toHaveAttribute('readonly', '')
    await expect(page.getByText('hookbench serve --port N')).toBeVisible()
    await screenshotThemes(page, 'settings')

    await settings.maxBodySize.fill('1')
    await settings.saveSettings.click()
    await expect(settings.saveSettings).toBeDisabled()
    await expect(settings.maxBodySize).toHaveValue('1')

    const big = await postWebhook(served, '/large', telegramUpdate('x'.repeat(4000)))
    expect(big.status).toBe(413)
    const small = await postWebhook(served, '/small', telegramUpdate('fits'))
    expect(small.status).toBe(200)

    await requests.open(served.baseUrl)
    const row = requests.rowWith('/large')
    await expect(row).toContainText('413')
    await expect(row).toContainText('too_large')
    await row.click()
    await expect(requests.detailPanel).toContainText('too_large')

    // Put it back; retention settings save with the same form and survive a reload.
    await settings.open(served.baseUrl)
    await settings.maxBodySize.fill('10240')
    await settings.retentionRows.fill('50000')
    await settings.retentionDays.fill('7')
    await settings.saveSettings.click()
    await expect(settings.saveSettings).toBeDisabled()
    await page.reload()
    await expect(settings.maxBodySize).toHaveValue('10240')
    await expect(settings.retentionRows).toHaveValue('50000')
    await expect(settings.retentionDays).toHaveValue('7')
  })

  test('allowing anonymous webhooks accepts a post without credentials', async ({ page }) => {
    const settings = createSettingsPage(page)
    const requests = createRequestsPage(page)
    const post = () =>
      fetch(`${served.webhookUrl}/anon`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(telegramUpdate('no credentials')),
      })
    expect((await post()).status).toBe(401)

    await signIn(page, served)
    await settings.open(served.baseUrl)
    await expect(settings.anonymousSwitch).not.toBeChecked()
    await settings.anonymousSwitch.check()
    await expect(page.getByText(/Anyone who can reach the receiver/)).toBeVisible()
    await expect.poll(async () => (await post()).status).toBe(200)

    await requests.open(served.baseUrl, 'path=anon')
    await expect(requests.rows.filter({ hasText: 'anonymous' })).toHaveCount(1)

    await settings.open(served.baseUrl)
    await settings.anonymousSwitch.uncheck()
    await expect.poll(async () => (await post()).status).toBe(401)
  })

  test('the simulator strictness and alert notifications switches are saved', async ({ page }) => {
    const settings = createSettingsPage(page)
    await signIn(page, served)
    await settings.open(served.baseUrl)
    const strict = page.getByRole('switch', { name: /Simulator follows Telegram's cloud rules/ })
    const notify = page.getByRole('switch', { name: /Desktop notification when an alert opens/ })
    await expect(strict).not.toBeChecked()
    await expect(notify).toBeChecked()
    // An on switch is the accent colour, not the warning one: turning a setting on is not a hazard.
    // (A string: the test program has no DOM lib.)
    const colours = (await page.evaluate(`(() => {
      const probe = (name) => {
        const span = document.createElement('span')
        span.style.color = 'var(' + name + ')'
        document.body.append(span)
        const colour = getComputedStyle(span).color
        span.remove()
        return colour
      }
      const on = document.querySelector('.switch input:checked')
      return { on: getComputedStyle(on).backgroundColor, accent: probe('--accent'), warn: probe('--warn') }
    })()`)) as { on: string; accent: string; warn: string }
    expect(colours.on).toBe(colours.accent)
    expect(colours.on).not.toBe(colours.warn)
    await strict.check()
    await notify.uncheck()
    const stored = async (): Promise<{ simulatorStrict: boolean; notifyOnOpen: boolean }> => {
      const res = await fetch(`${served.baseUrl}/api/settings`, {
        headers: { authorization: `Bearer ${served.token}` },
      })
      return (await res.json()) as { simulatorStrict: boolean; notifyOnOpen: boolean }
    }
    await expect.poll(async () => (await stored()).simulatorStrict).toBe(true)
    await expect.poll(async () => (await stored()).notifyOnOpen).toBe(false)
    await strict.uncheck()
    await expect.poll(async () => (await stored()).simulatorStrict).toBe(false)
  })

  test('webhook users can be created, given a new password and deleted; the theme switches', async ({
    page,
  }) => {
    const settings = createSettingsPage(page)
    await signIn(page, served)
    await settings.open(served.baseUrl)

    await settings.createUser('ci-bot', 'short')
    await expect(settings.fieldError(settings.newUserPassword)).toHaveText('Use at least 8 characters')
    await settings.createUser('ci-bot', 'long-enough-1')
    await expect(settings.userRow('ci-bot')).toBeVisible()
    const auth = (password: string) =>
      fetch(`${served.webhookUrl}/users`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`ci-bot:${password}`).toString('base64')}` },
        body: '{}',
      }).then((r) => r.status)
    expect(await auth('long-enough-1')).toBe(200)

    await settings.resetPasswordOf('ci-bot').click()
    await settings.resetPasswordForm('ci-bot').getByLabel('New password').fill('another-pass-2')
    await settings.resetPasswordForm('ci-bot').getByRole('button', { name: 'Save' }).click()
    await expect(settings.resetPasswordForm('ci-bot')).toBeHidden()
    await expect.poll(() => auth('another-pass-2')).toBe(200)
    expect(await auth('long-enough-1')).toBe(401)

    await settings.deleteUser('ci-bot').click()
    await settings.confirmDelete.click()
    await expect(settings.userRow('ci-bot')).toBeHidden()
    expect(await auth('another-pass-2')).toBe(401)

    // The radio is visually hidden inside its label (a segmented control): click it through the label.
    await settings.theme('Dark').check({ force: true })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.reload()
    await expect(settings.theme('Dark')).toBeChecked()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await settings.theme('System').check({ force: true })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system')
  })
})
