import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { serve, type Served } from '../../helpers/serve'
import { api, expect } from './fixtures'

// The Scenarios page against a real bot: the example greeter bot polls the simulator through the Bot API proxy.
// A serve of its own, since it connects a simulated bot.
// The bot keeps polling the simulated bot, so no other spec may share this serve: overriding the worker fixture
// gives this file workers (and a serve) of its own.
const test = privateServeTest.extend<object, { served: Served }>({
  served: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this destructuring
    async ({}, use) => {
      const served = await serve(['--webhook-user', 'telegram:e2e-password-1'])
      await use(served)
      await served.stop()
    },
    { scope: 'worker' },
  ],
})
const GREETER = join(import.meta.dirname, '..', '..', 'fixtures', 'bots', 'greeter-bot.js')

let bot: ChildProcess | null = null
let botStderr = ''

async function startGreeter(served: Served): Promise<void> {
  if (bot) return
  const connected = await api(served, '/telegram/simulator', { method: 'POST', body: '{}' })
  const { token } = (await connected.json()) as { token: string }
  bot = spawn(process.execPath, [GREETER], {
    env: { ...process.env, BOT_TOKEN: token, BOT_API_ROOT: `${served.baseUrl}/bot-api` },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  bot.stderr?.on('data', (d: Buffer) => (botStderr += d.toString()))
  // Long polling shows as the forwarding state's lastPollAt (and, once answered, a getUpdates bot call).
  const polls = async () => {
    const forwarding = (await (await api(served, '/forwarding')).json()) as { lastPollAt: string | null }
    if (forwarding.lastPollAt !== null) return true
    const calls = (await (await api(served, '/bot-calls?method=getUpdates&limit=1')).json()) as {
      items?: unknown[]
    }
    return (calls.items?.length ?? 0) > 0
  }
  await expect.poll(polls, { message: 'the greeter bot polls the proxy', timeout: 20_000 }).toBe(true)
}

test.afterAll(async () => {
  if (!bot) return
  const exited = new Promise((resolve) => bot?.once('exit', resolve))
  bot.kill('SIGTERM')
  await exited
  bot = null
})

const editor = (page: Page) => page.getByRole('textbox', { name: /^Scenario / })

async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1400, 900],
    [900, 600],
  ] as const) {
    await page.setViewportSize({ width: w, height: h })
    await page.screenshot({ path: `/tmp/hb-${name}-${w}x${h}.png` })
  }
  await page.setViewportSize({ width: 1400, height: 900 })
}

const PASSING = [
  'name: greets Ada',
  'chats:',
  '  ada: { type: private, firstName: Ada }',
  'steps:',
  '  - send: { chat: ada, text: /start }',
  '  - expect: { chat: ada, text: "Hi, Ada" }',
  '  - send: { chat: ada, text: hello }',
  '  - expect: { chat: ada, text: "echo: hello" }',
  '',
].join('\n')

test.describe('Scenarios', () => {
  test.beforeAll(async ({ served }) => startGreeter(served))

  test('creates a scenario, runs it (✓), then a wrong expectation fails with expected vs actual', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(`${served.baseUrl}/#/scenarios`)
    await expect(page.getByRole('heading', { name: 'Scenarios', level: 1 })).toBeVisible()
    await expect(page.getByText('docs/scenarios.md')).toBeVisible()
    await expect(page.getByText(`BOT_API_ROOT=${served.baseUrl}/bot-api`)).toBeVisible()
    await shoot(page, 'scenarios-empty')

    await page.getByRole('button', { name: 'New scenario' }).click()
    const dialog = page.getByRole('dialog', { name: 'New scenario' })
    await dialog.getByLabel('Name').fill('Greets Ada')
    await expect(dialog).toContainText('greets-ada.scenario.yaml')
    await dialog.getByRole('button', { name: 'Create' }).click()
    // The modal makes the page inert until it has closed: type only after that.
    await expect(dialog).toBeHidden()
    await expect(editor(page)).toContainText('name: "Greets Ada"')

    await editor(page).fill(PASSING)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
    await page.getByRole('button', { name: 'Run this file' }).click()
    const results = page.getByRole('region', { name: 'Run results' })
    await expect(results).toContainText('1 passed', { timeout: 20_000 })
    await expect(results).toContainText('0 failed')
    await expect(results).toContainText('✓')
    const files = page.getByRole('navigation', { name: 'Scenario files' })
    await expect(files.getByRole('link', { name: /greets Ada/ })).toContainText('passed')
    await shoot(page, 'scenarios-passed')

    await editor(page).fill(PASSING.replace('"Hi, Ada"', '"Hello, Ada"'))
    await page.getByRole('button', { name: 'Run this file' }).click()
    await expect(results).toContainText('0 passed, 1 failed', { timeout: 20_000 })
    const diff = results.getByLabel('Expected (−) vs actual (+)')
    await expect(diff).toContainText('− Hello, Ada')
    await expect(diff).toContainText('+ Hi, Ada')
    await expect(results).toContainText('/start')
    await expect(files.getByRole('link', { name: /greets Ada/ })).toContainText('failed')
    await shoot(page, 'scenarios-failed')
    await screenshotThemes(page, 'scenarios-failed')

    // The history keeps both runs; the first opens again.
    const history = page.getByRole('list', { name: 'Run history' })
    await expect(history.getByRole('button')).toHaveCount(2)
    await history.getByRole('button').last().click()
    await expect(results).toContainText('1 passed, 0 failed')
  })

  test('a bad step is a problem at its line and column; clicking it moves the cursor there', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await page.goto(`${served.baseUrl}/#/scenarios`)
    await page.getByRole('button', { name: 'New scenario' }).click()
    await page.getByRole('dialog', { name: 'New scenario' }).getByLabel('Name').fill('broken one')
    await page.getByRole('dialog', { name: 'New scenario' }).getByRole('button', { name: 'Create' }).click()
    await expect(page.getByRole('dialog', { name: 'New scenario' })).toBeHidden()
    await expect(editor(page)).toContainText('name: "broken one"')
    await editor(page).fill('name: broken\nchats:\n  ada: {}\nsteps:\n  - sned: { chat: ada, text: hi }\n')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const problems = page.getByRole('list', { name: 'Problems' })
    await expect(problems.getByRole('button').first()).toContainText(/^5:\d+/)
    await problems.getByRole('button').first().click()
    await expect(editor(page)).toBeFocused()
    const files = page.getByRole('navigation', { name: 'Scenario files' })
    await expect(files.getByRole('link', { name: /broken/ })).toContainText(/\d+ problems?/)
    await page.getByRole('button', { name: 'Delete' }).click()
    await page
      .getByRole('dialog', { name: /^Delete broken-one/ })
      .getByRole('button', { name: 'Delete' })
      .click()
    await expect(files.getByRole('link', { name: /broken/ })).toHaveCount(0)
  })

  test('records a simulator chat, saves it as a scenario, and it appears on the Scenarios page', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)
    await simulator.createChat('Grace')
    // The switch follows the core's answer, so click and wait for it rather than check().
    const record = page.getByRole('switch', { name: 'Record' })
    await record.click()
    await expect(record).toBeChecked()
    await simulator.say('/start')
    await expect(simulator.botMessages.filter({ hasText: 'Hi, Grace' })).toBeVisible()
    await expect(page.getByText(/Recording · [1-9]\d* steps/)).toBeVisible()
    await shoot(page, 'simulator-recording')
    await record.click()
    await expect(record).not.toBeChecked()
    await expect(page.getByRole('textbox', { name: 'Recorded scenario' })).toContainText('Hi, Grace')
    await page.getByLabel('Scenario name').fill('Grace says start')
    await page.getByRole('button', { name: 'Save as scenario' }).click()
    await shoot(page, 'simulator-recorded')
    await page.getByRole('link', { name: 'Open it on the Scenarios page' }).click()
    await expect(editor(page)).toContainText('Hi, Grace')
    await expect(
      page
        .getByRole('navigation', { name: 'Scenario files' })
        .getByRole('link', { name: /grace-says-start/ }),
    ).toBeVisible()
  })

  test('adds a fault in the Faults panel, lists it with what is left, and removes it', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)
    await page.getByText('Faults', { exact: true }).click()
    await page.getByLabel('Method').fill('sendMessage')
    await page.getByLabel('Fault', { exact: true }).selectOption({ label: '403 bot was blocked by the user' })
    await page.getByLabel('Times').fill('2')
    await page.getByRole('button', { name: 'Add fault' }).click()
    const live = page.getByRole('list', { name: 'Live faults' })
    await expect(live).toContainText(/sendMessage → 403 · 2 left · 0 hits/i)
    const listed = (await (await api(served, '/simulator/faults')).json()) as { items: unknown[] }
    expect(listed.items).toHaveLength(1)
    await shoot(page, 'simulator-faults')
    await live.getByRole('button', { name: /^Remove fault/ }).click()
    await expect(live).toHaveCount(0)
    await expect(page.getByText('No faults: every call answers normally.')).toBeVisible()
  })

  test('Settings edits the scenario folder and the default wait', async ({ page, served, signedIn: _ }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(`${served.baseUrl}/#/settings`)
    const form = page.getByRole('form', { name: 'Scenarios' })
    await form.getByLabel('Default wait (ms)').fill('2500')
    await form.getByRole('button', { name: 'Save scenario settings' }).click()
    await expect
      .poll(
        async () =>
          ((await (await api(served, '/settings')).json()) as { scenarioWithinMs: number }).scenarioWithinMs,
      )
      .toBe(2500)
    await form.scrollIntoViewIfNeeded()
    await shoot(page, 'settings-scenarios')
  })
})
