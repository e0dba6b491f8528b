import type { Page } from '@playwright/test'
import type { Served } from '../../helpers/serve'
import { createAlertsPage } from '../../helpers/pages/alerts-page'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, E2E_USER, expect } from './fixtures'
import { telegramUpdate } from './helpers'
import { controlPositions, layoutProblems, toolbarRows } from './layout-checks'

// Connects a simulated bot, writes a rule and opens an alert: a `hookbench serve` of its own.
const test = privateServeTest

const SIZES = [
  { width: 1400, height: 900 },
  { width: 900, height: 600 },
] as const

const RULE = 'Layout watch: every message of the layout chat opens this alert'
const LONG_PATH =
  '/bots/very-long-entity-name-for-layout-checks/with/a/deeply/nested/path/segment/that/goes/on'

async function post(served: Served, path: string, body: unknown): Promise<unknown> {
  const response = await api(served, path, { method: 'POST', body: JSON.stringify(body) })
  expect(response.ok, `${path}: ${response.status} ${await response.clone().text()}`).toBe(true)
  return response.json()
}

async function postRaw(served: Served, path: string, body: string): Promise<number> {
  const auth = `Basic ${Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64')}`
  const response = await fetch(`${served.webhookUrl}${path}`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body,
  })
  return response.status
}

const seeded = new Map<string, Promise<{ ruleId: string; chatId: number }>>()

/** Once per `hookbench serve`: long-path webhooks, a simulator chat, a rule whose alert is open. */
function seed(served: Served): Promise<{ ruleId: string; chatId: number }> {
  let done = seeded.get(served.baseUrl)
  if (!done) {
    done = (async () => {
      await post(served, '/telegram/simulator', {})
      const chat = (await post(served, '/simulator/chats', { firstName: 'Grace', lastName: 'Hopper' })) as {
        id: number
      }
      const { rule } = (await post(served, '/rules', {
        name: RULE,
        filter: `tags.message.chat.id = '${chat.id}'`,
        condition: 'true',
        window: 'length(1)',
        severity: 'WARNING',
        actions: [],
      })) as { rule: { id: string } }
      for (const text of ['a first message', 'a second message with a much longer text to show'])
        await post(served, `/simulator/chats/${chat.id}/messages`, { text })
      for (let i = 0; i < 6; i++) {
        const auth = `Basic ${Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64')}`
        await fetch(`${served.webhookUrl}${LONG_PATH}${i}`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify(telegramUpdate(`message number ${i} with some words in it`)),
        })
      }
      return { ruleId: rule.id, chatId: chat.id }
    })()
    seeded.set(served.baseUrl, done)
  }
  return done
}

async function goTo(page: Page, served: Served, hash: string): Promise<void> {
  await page.goto(`${served.baseUrl}/#/${hash}`)
  await page.getByRole('navigation', { name: 'Pages' }).waitFor()
  await page.locator('main h1').first().waitFor({ state: 'attached' })
}

async function shoot(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}-${size.width}x${size.height}.png` })
}

for (const size of SIZES) {
  test.describe(`layout at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size })

    test('every page shows its controls and columns whole, none covered', async ({
      page,
      served,
      signedIn: _,
    }) => {
      const { ruleId } = await seed(served)
      const requests = createRequestsPage(page)
      const alerts = createAlertsPage(page)
      const pages: { name: string; open(): Promise<void> }[] = [
        {
          name: 'setup',
          open: () => goTo(page, served, 'setup'),
        },
        {
          name: 'requests',
          open: async () => {
            await requests.open(served.baseUrl)
            await requests.rowWith('very-long-entity').first().click()
            await requests.detail.waitFor()
          },
        },
        {
          name: 'requests-rules-tab',
          open: async () => {
            await requests.open(served.baseUrl)
            await requests
              .rowWith(/\btelegram\b/)
              .first()
              .click()
            await requests.showTab('Rules')
            await requests.rulesTable.waitFor()
          },
        },
        {
          name: 'messages',
          open: async () => {
            await goTo(page, served, 'messages')
            await expect(page.getByRole('table', { name: 'Messages' }).getByRole('row').nth(2)).toBeVisible()
          },
        },
        {
          name: 'alerts',
          open: async () => {
            await alerts.open(served.baseUrl)
            await alerts.row(alerts.openTable, RULE).getByRole('button', { name: RULE }).click()
            await alerts.detail.waitFor()
          },
        },
        {
          name: 'rules',
          open: async () => {
            await goTo(page, served, 'rules')
            await expect(page.getByRole('main').getByText(RULE).first()).toBeVisible()
          },
        },
        {
          name: 'rule-editor',
          open: async () => {
            await goTo(page, served, `rules/${ruleId}`)
            await expect(page.getByRole('main').getByRole('textbox').first()).toBeVisible()
          },
        },
        {
          name: 'simulator',
          open: async () => {
            await goTo(page, served, 'simulator')
            await page
              .getByRole('navigation', { name: 'Chats' })
              .getByRole('button', { name: /Grace/ })
              .click()
            await expect(page.getByRole('log', { name: 'Messages' })).toContainText('a first message')
          },
        },
        { name: 'diagnostics', open: () => goTo(page, served, 'diagnostics') },
        { name: 'settings', open: () => goTo(page, served, 'settings') },
      ]
      for (const entry of pages) {
        await entry.open()
        await shoot(page, entry.name, size)
        expect.soft(await layoutProblems(page), entry.name).toEqual([])
      }
      // One dark shot per size of the busiest page.
      await requests.open(served.baseUrl)
      await requests.rowWith('very-long-entity').first().click()
      await page.locator('html').evaluate((root) => root.setAttribute('data-theme', 'dark'))
      await shoot(page, 'requests-dark', size)
      await alerts.open(served.baseUrl)
      await alerts.row(alerts.openTable, RULE).getByRole('button', { name: RULE }).click()
      await shoot(page, 'alerts-dark', size)
    })

    test('the request list stays usable beside the detail and the toolbar keeps to two steady rows', async ({
      page,
      served,
      signedIn: _,
    }) => {
      await seed(served)
      const requests = createRequestsPage(page)
      await requests.open(served.baseUrl)
      // With no detail open, the list takes the page's whole height, stacked layout or not.
      await requests.rowWith('very-long-entity').first().waitFor()
      const alone = await requests.grid.boundingBox()
      const body = await page.locator('.page--requests .page__body').boundingBox()
      expect(alone!.y + alone!.height).toBeGreaterThanOrEqual(body!.y + body!.height - 2)
      await requests.rowWith('very-long-entity').first().click()
      await requests.detail.waitFor()
      const grid = await requests.grid.boundingBox()
      const detail = await requests.detail.boundingBox()
      expect(grid).not.toBeNull()
      expect(detail).not.toBeNull()
      const stacked = detail!.y >= grid!.y + grid!.height - 1
      if (!stacked) expect(grid!.width).toBeGreaterThanOrEqual(300)

      const toolbar = page.locator('.page--requests .toolbar')
      expect(await toolbarRows(toolbar)).toBeLessThanOrEqual(2)
      const before = {
        height: (await toolbar.boundingBox())!.height,
        places: await controlPositions(toolbar),
      }
      // The count as it reads with 10,000 requests (and as many matching, the longest wording).
      await toolbar.locator('.toolbar__count').evaluate((count) => (count.textContent = '10,000 matching'))
      expect((await toolbar.boundingBox())!.height).toBe(before.height)
      expect(await controlPositions(toolbar)).toEqual(before.places)
      await toolbar.locator('.toolbar__count').evaluate((count) => (count.textContent = '100,000 requests'))
      expect((await toolbar.boundingBox())!.height).toBe(before.height)
      expect(await controlPositions(toolbar)).toEqual(before.places)

      // Filtered: a Reset button joins the filters, and it still takes two rows at most.
      await requests.pathFilter.fill('very-long-entity')
      await expect(requests.resetFilters).toBeVisible()
      expect(await toolbarRows(toolbar)).toBeLessThanOrEqual(2)
      expect(await layoutProblems(page)).toEqual([])
    })
  })
}

test.describe('layout details', () => {
  test.use({ viewport: SIZES[0] })

  test('the time range popover closes on Escape and stays under its button after a resize', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await seed(served)
    const requests = createRequestsPage(page)
    // The toolbar's button (the panel holds an "Any time" button of its own).
    const timeRangeButton = page.locator('button[popovertarget="time-range"]')
    await requests.open(served.baseUrl)
    await timeRangeButton.click()
    await expect(requests.timeRange).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(requests.timeRange).toBeHidden()

    // Escape from inside the panel, with a detail open (whose own Esc closes the detail) too.
    await requests.rowWith('very-long-entity').first().click()
    await requests.detail.waitFor()
    await timeRangeButton.click()
    await requests.timeRange.getByRole('button', { name: 'Any time' }).focus()
    await page.keyboard.press('Escape')
    await expect(requests.timeRange).toBeHidden()
    await expect(requests.detail).toBeVisible()

    await timeRangeButton.click()
    await expect(requests.timeRange).toBeVisible()
    await page.setViewportSize(SIZES[1])
    await expect
      .poll(async () => {
        const button = (await timeRangeButton.boundingBox())!
        const panel = (await requests.timeRange.boundingBox())!
        const below = Math.abs(panel.y - (button.y + button.height)) <= 8
        const above = Math.abs(panel.y + panel.height - button.y) <= 8
        const overlapsSideways = panel.x < button.x + button.width && panel.x + panel.width > button.x
        return (below || above) && overlapsSideways && panel.x >= 0 && panel.x + panel.width <= SIZES[1].width
      })
      .toBe(true)
    await shoot(page, 'time-range-popover', SIZES[1])
  })

  test('the JSON error excerpt shows the marked column of a long line', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const entity = 'layoutbadjson'
    const body = `{"update_id": 1, "message": {"text": "${'x'.repeat(400)}" "chat": 5}}`
    expect(await postRaw(served, `/${entity}`, body)).toBe(400)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      const requests = createRequestsPage(page)
      await requests.open(served.baseUrl, `path=${entity}`)
      await requests.rowWith(entity).first().click()
      await requests.detail.waitFor()
      const excerpt = requests.detail.locator('.code-excerpt')
      const mark = excerpt.locator('mark')
      await expect(mark).toBeVisible()
      const inside = await mark.evaluate((element) => {
        const box = element.getBoundingClientRect()
        const pre = element.closest('pre')!.getBoundingClientRect()
        return box.left >= pre.left && box.right <= pre.right
      })
      expect(inside).toBe(true)
      await shoot(page, 'json-error-excerpt', size)
    }
  })
})
