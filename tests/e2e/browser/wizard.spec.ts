import { createServer } from 'node:net'
import { test as base, expect } from '@playwright/test'
import { serve, type Served } from '../../helpers/serve'
import { createSetupPage } from '../../helpers/pages/setup-page'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'

// Each test starts its own `hookbench serve`: the wizard is about a fresh install, and the worker's shared
// instance may already be connected by other specs.
const test = base

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function api(served: Served, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${served.baseUrl}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  expect(response.ok, `${path}: ${response.status}`).toBe(true)
  return response.json()
}

test.describe('Setup wizard', () => {
  test('opens on first run, checks the token, and "Use the simulator instead" lands on the simulator', async ({
    page,
  }) => {
    const served = await serve()
    try {
      const setup = createSetupPage(page)
      await page.goto(served.uiUrl)
      await expect(setup.heading).toBeVisible()
      await expect(setup.currentStep).toHaveText(/Bot token/)
      await screenshotThemes(page, 'setup-token')

      await setup.button('Connect').click()
      await expect(setup.error).toContainText('Paste the bot token from @BotFather.')
      await setup.tokenInput.fill('not-a-token')
      await setup.button('Connect').click()
      await expect(setup.error).toContainText('A bot token looks like')
      await expect(setup.step('Reachability')).toBeDisabled()

      await setup.useSimulator.click()
      const simulator = createSimulatorPage(page)
      await expect(simulator.heading).toBeVisible()
      await expect(page).toHaveURL(/#\/simulator$/)

      await setup.open(served.baseUrl)
      await expect(setup.botCard).toContainText('simulated')
      await expect(setup.currentStep).toHaveText(/First message/)
      await expect(setup.stepTitle).toHaveText('Send your bot a message')
      // A message from a simulated user is the first update: the wait completes by itself.
      const chat = (await api(served, '/simulator/chats', { firstName: 'Ada' })) as { id: number }
      await api(served, `/simulator/chats/${chat.id}/messages`, { text: 'hello' })
      await expect(setup.stepTitle).toHaveText('Connected')
      await expect(page.getByRole('link', { name: 'Try the simulator' })).toBeVisible()
      await screenshotThemes(page, 'setup-done')
    } finally {
      await served.stop()
    }
  })

  test('walks every step by hand against the simulator as the Bot API', async ({ page }) => {
    const port = await freePort()
    const served = await serve(['--port', String(port), '--bot-api-url', `http://127.0.0.1:${port}/sim`])
    try {
      const setup = createSetupPage(page)
      await page.goto(served.uiUrl)
      await expect(setup.heading).toBeVisible()

      const token = `4242424242:${'A'.repeat(35)}`
      // Like Telegram, the simulator answers a token it never issued 401: the bot is made by its first chat.
      await api(served, '/simulator/chats', { botToken: token })
      await setup.tokenInput.fill(token)
      await setup.button('Connect').click()
      await expect(setup.botCard).toContainText('@')
      await expect(setup.stepTitle).toHaveText('How Telegram reaches Hookbench')
      // The bot already has a webhook somewhere else: Hookbench saves it before replacing it.
      const botApi = (method: string, body: unknown) =>
        fetch(`${served.baseUrl}/sim/bot${token}/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ ok: boolean; result: { url: string } }>)
      const oldHook = `${served.baseUrl}/old-hook`
      expect((await botApi('setWebhook', { url: oldHook })).ok).toBe(true)

      await setup.radio(/My own HTTPS URL/).check()
      await setup.field('Public URL').fill('not a url')
      await setup.button('Connect').click()
      await expect(setup.form.getByRole('alert').first()).toContainText('Enter the full URL')
      await screenshotThemes(page, 'setup-reachability')
      await setup.field('Public URL').fill(served.baseUrl)
      await setup.button('Connect').click()
      await expect(setup.stepTitle).toHaveText('Webhook user and secret')
      await screenshotThemes(page, 'setup-credentials')

      await setup.field('Password').fill('short')
      await setup.button('Next').click()
      await expect(setup.form.getByRole('alert').first()).toContainText('8')
      await setup.field('Password').fill('')
      await setup.button('Next').click()
      await expect(setup.stepTitle).toHaveText('Webhook URL')
      await expect(setup.field('Query')).toHaveValue('command.message=message.text')
      await expect(setup.form).toContainText('/api/v1/messages/webhook/telegram?command.message=message.text')
      await screenshotThemes(page, 'setup-url')
      await setup.button('Back').click()
      await expect(setup.stepTitle).toHaveText('Webhook user and secret')
      await setup.button('Next').click()
      await setup.button('Prepare webhook').click()

      await expect(setup.stepTitle).toHaveText('Register the webhook')
      await setup.button('Register webhook').click()
      await expect(setup.stepTitle).toHaveText('Check the webhook')
      await expect(page.getByRole('table', { name: 'Webhook info' })).toContainText(':***@')
      await expect(setup.previousWebhook).toContainText(oldHook)
      await screenshotThemes(page, 'setup-check')
      await setup.button('Next').click()
      await expect(setup.stepTitle).toHaveText('Send your bot a message')

      // The state lives in the core: a reload resumes at the same step.
      await page.reload()
      await expect(setup.stepTitle).toHaveText('Send your bot a message')

      const chat = (await api(served, '/simulator/chats', { firstName: 'Grace' })) as { id: number }
      await api(served, `/simulator/chats/${chat.id}/messages`, { text: '/start' })
      await expect(setup.stepTitle).toHaveText('Connected')

      await setup.previousWebhook.getByRole('button', { name: 'Restore previous webhook' }).click()
      const confirm = page.getByRole('dialog', { name: 'Restore the previous webhook?' })
      await confirm.getByRole('button', { name: 'Restore' }).click()
      await expect(confirm).toBeHidden()
      await expect(setup.stepTitle).toHaveText('How Telegram reaches Hookbench')
      expect((await botApi('getWebhookInfo', {})).result.url).toBe(oldHook)
    } finally {
      await served.stop()
    }
  })
})
