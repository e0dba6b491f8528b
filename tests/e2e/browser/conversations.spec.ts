import { test as base, type Page, type Route } from '@playwright/test'
import { Bot } from 'grammy'
import type { BotCall, ForwardAttempt, ForwardedUpdate, TimelineItem } from '@shared/bot-loop'
import { createConversationsPage } from '../../helpers/pages/conversations-page'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { serve } from '../../helpers/serve'
import { api, expect, postWebhook, test } from './fixtures'
import { telegramUpdate, uniqueName } from './helpers'

const SIZES = [
  { name: 'wide', width: 1400, height: 900 },
  { name: 'small', width: 900, height: 600 },
] as const

test.describe('Conversations', () => {
  test('shows a recorded conversation with its updates, attempts and calls, filters and copies curl', async ({
    page,
    context,
    served,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    // Before the first load: the window reads the status once at boot.
    const fake = await fakeBotLoop(page, `${served.baseUrl}/bot-api`)
    await page.goto(`${served.uiUrl}#/conversations`)
    const conversations = createConversationsPage(page)
    await conversations.heading.waitFor()

    // With traffic in the store the panel starts closed; its summary still gives the URL and the forwarding.
    await expect(conversations.loopSummary).toContainText(`proxy ${served.baseUrl}/bot-api`)
    await expect(conversations.loopSummary).toContainText('1 pending, last error: Connection refused')
    await expect(conversations.proxyUrl).toBeHidden()
    await conversations.loopSummary.click()
    await expect(conversations.proxyUrl).toHaveText(`${served.baseUrl}/bot-api`)
    await expect(page.getByLabel('grammY snippet')).toContainText(`apiRoot: '${served.baseUrl}/bot-api'`)
    await conversations.library.selectOption({ label: 'aiogram' })
    await expect(page.getByLabel('aiogram snippet')).toContainText('TelegramAPIServer.from_base(')
    await expect(conversations.forwardingState).toContainText('webhook → http://127.0.0.1:3000/hook')
    await expect(conversations.forwardingState).toContainText('Connection refused')
    await expect(conversations.forwarding.getByLabel('Secret token', { exact: true })).toHaveValue('')

    // The newest chat opens first; its timeline is oldest first.
    await expect(conversations.chat(/Ada/)).toHaveAttribute('aria-current', 'true')
    await expect(conversations.updates).toHaveCount(1)
    await expect(conversations.updates.first().getByRole('link', { name: 'Open request 7' })).toHaveAttribute(
      'href',
      '#/requests?open=7',
    )
    await expect(conversations.forwards).toHaveCount(2)
    await expect(conversations.forwards.first()).toContainText('Connection refused')
    const reply = conversations.calls('sendMessage').first()
    await expect(reply.locator('strong')).toHaveText('Hi')
    await expect(conversations.calls('editMessageText')).toContainText(
      '400 Bad Request: message is not modified',
    )

    await page.evaluate("navigator.clipboard.writeText('')")
    await reply.getByRole('button', { name: 'Copy as curl' }).click()
    const readClipboard = async () => String(await page.evaluate('navigator.clipboard.readText()'))
    await expect.poll(readClipboard).toMatch(/^curl /)
    const curl = await readClipboard()
    expect(curl).toContain('"$BOT_API/bot$BOT_TOKEN/sendMessage"')
    expect(curl).toContain(`-d '{"chat_id":42,"text":"<b>Hi</b> Ada","parse_mode":"HTML"}'`)

    for (const size of SIZES) {
      await page.setViewportSize(size)
      await screenshotThemes(page, `conversations-${size.name}`)
    }
    await conversations.loopSummary.click()
    await expect(conversations.proxyUrl).toBeHidden()
    await screenshotThemes(page, 'conversations-small-closed')

    // The forward target, set by the user: checked before it is sent, the secret never shown back.
    await conversations.loopSummary.click()
    const form = conversations.forwarding
    await form.getByLabel('Bot webhook URL').fill('ftp://example.org')
    await form.getByRole('button', { name: 'Save forwarding' }).click()
    await expect(form).toContainText('Give an http:// or https:// URL')
    expect(fake.saved).toEqual([])
    await form.getByLabel('Bot webhook URL').fill('http://127.0.0.1:4000/bot')
    await form.getByLabel('Secret token', { exact: true }).fill('my-secret_1')
    await form.getByLabel('Max connections').fill('5')
    await form.getByRole('button', { name: 'Save forwarding' }).click()
    await expect
      .poll(() => fake.saved)
      .toEqual([
        { url: 'http://127.0.0.1:4000/bot', secretToken: 'my-secret_1', timeoutMs: 10000, maxConnections: 5 },
      ])
    await expect(conversations.forwardingState).toContainText('webhook → http://127.0.0.1:4000/bot')
    await expect(form.getByLabel('Secret token', { exact: true })).toHaveValue('')
    await expect(page.locator('body')).not.toContainText('my-secret_1')

    await conversations.errorsOnly.check()
    await expect(page).toHaveURL(/errors=1/)
    await expect(conversations.calls()).toHaveCount(1)
    await expect(conversations.calls('editMessageText')).toHaveCount(1)
  })

  test("shows a request's delivery attempts and the bot's answers in its Conversation tab", async ({
    page,
    served,
  }) => {
    const entity = uniqueName('conv')
    await postWebhook(served, `/${entity}?command.message=message.text`, telegramUpdate('/start'))
    const listed = (await (await api(served, `/requests?path=${entity}`)).json()) as {
      items: { id: number }[]
    }
    const requestId = listed.items[0]!.id
    await fakeBotLoop(page, `${served.baseUrl}/bot-api`, requestId)
    await page.goto(`${served.uiUrl}#/requests?path=${entity}`)
    const requests = createRequestsPage(page)
    await requests.openRow(0)
    await requests.showTab('Conversation')

    const tab = page.getByRole('list', { name: 'Request timeline' })
    await expect(tab.getByRole('article', { name: /^Update \d+/ })).toHaveCount(1)
    await expect(tab.getByRole('article', { name: /^Forward attempt/ })).toHaveCount(2)
    await expect(tab.getByRole('article', { name: /^Bot call / })).toHaveCount(2)
    await expect(page.getByRole('link', { name: 'Open the whole conversation' })).toHaveAttribute(
      'href',
      '#/conversations?chat=42',
    )
    await page.setViewportSize({ width: 1400, height: 900 })
    await screenshotThemes(page, 'request-conversation-tab')
  })

  // Needs the core's /bot-api proxy and update forwarding (issue 12 §1-2).
  base('runs a grammY bot through the proxy and shows its conversation live', async ({ page }) => {
    const served = await serve(['--simulator'])
    let bot: Bot | null = null
    // The bot answers only once the update is on screen, so its call must arrive live.
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    try {
      await expect.poll(() => /^Simulator bot token: (\S+)/m.exec(served.stdout())?.[1] ?? '').not.toBe('')
      const token = /^Simulator bot token: (\S+)/m.exec(served.stdout())![1]!
      await page.goto(`${served.uiUrl}#/conversations`)
      const conversations = createConversationsPage(page)
      await conversations.heading.waitFor()

      const running = new Bot(token, { client: { apiRoot: `${served.baseUrl}/bot-api` } })
      bot = running
      running.command('start', async (ctx) => {
        await answered
        await ctx.reply('Hi')
      })
      // Resolves once polling runs; a failed getMe (no proxy) rejects with grammY's error.
      await new Promise<void>((resolve, reject) => {
        running.start({ onStart: () => resolve() }).catch(reject)
      })

      const chat = (await (
        await api(served, '/simulator/chats', { method: 'POST', body: JSON.stringify({ firstName: 'Ada' }) })
      ).json()) as { id: number }
      const sent = await api(served, `/simulator/chats/${chat.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ text: '/start' }),
      })
      expect(sent.status).toBe(200)

      // The chat list names a chat by its title, or by its id when the core has no title for it.
      await conversations.chat(new RegExp(`Ada|${chat.id}`)).click()
      await expect(conversations.updates.filter({ hasText: '/start' })).toHaveCount(1)
      await expect(conversations.calls('sendMessage')).toHaveCount(0)
      answer()
      await expect(conversations.calls('sendMessage').filter({ hasText: 'Hi' })).toHaveCount(1)
      await expect(page.getByRole('region', { name: /^Conversation with/ })).toBeVisible()

      // In simulator mode the bot's reply through the proxy is in the simulated chat too.
      const simulator = createSimulatorPage(page)
      await simulator.open(served.baseUrl)
      await simulator.chat('Ada').click()
      await expect(simulator.botMessages.filter({ hasText: 'Hi' })).toHaveCount(1)
    } finally {
      answer() // a handler still waiting would hold the bot's polling loop
      await bot?.stop()
      await served.stop()
    }
  })
})

const AT = (second: number) => `2024-05-29T12:00:${String(second).padStart(2, '0')}.000Z`

function update(patch: Partial<ForwardedUpdate> = {}): ForwardedUpdate {
  return {
    updateId: 500,
    requestId: 7,
    time: AT(1),
    chatId: 42,
    updateType: 'message',
    text: '/start',
    state: 'delivered',
    attempts: 2,
    ...patch,
  }
}

function attempt(id: number, patch: Partial<ForwardAttempt> = {}): ForwardAttempt {
  return {
    id,
    time: AT(id),
    updateId: 500,
    requestId: 7,
    chatId: 42,
    attempt: id - 1,
    url: 'http://127.0.0.1:3000/hook',
    status: 200,
    durationMs: 14,
    responseBody: '',
    responseTruncated: false,
    error: null,
    delivered: true,
    replyCallId: null,
    ...patch,
  }
}

function call(id: number, patch: Partial<BotCall> = {}): BotCall {
  return {
    id,
    time: AT(id),
    botId: 123456,
    method: 'sendMessage',
    source: 'proxy',
    answeredBy: 'upstream',
    params: { chat_id: 42, text: '<b>Hi</b> Ada', parse_mode: 'HTML' },
    files: [],
    httpStatus: 200,
    ok: true,
    errorCode: null,
    description: null,
    retryAfter: null,
    result: { message_id: 11 },
    durationMs: 31,
    chatId: 42,
    messageId: 11,
    updateId: 500,
    requestId: 7,
    text: '<b>Hi</b> Ada',
    warning: null,
    ...patch,
  }
}

const timeline = (requestId: number): TimelineItem[] => [
  { kind: 'update', time: AT(1), update: update({ requestId }) },
  {
    kind: 'forward',
    time: AT(2),
    attempt: attempt(2, {
      requestId,
      status: null,
      delivered: false,
      error: 'Connection refused',
      durationMs: 3,
    }),
  },
  { kind: 'forward', time: AT(3), attempt: attempt(3, { requestId }) },
  { kind: 'call', time: AT(4), call: call(4, { requestId }) },
  {
    kind: 'call',
    time: AT(5),
    call: call(5, {
      requestId,
      method: 'editMessageText',
      params: { chat_id: 42, message_id: 11, text: 'Hi Ada' },
      ok: false,
      httpStatus: 400,
      errorCode: 400,
      description: 'Bad Request: message is not modified',
      text: 'Hi Ada',
    }),
  },
]

/** Answers the bot-loop methods with a fixed conversation, so the page renders without a bot running. */
async function fakeBotLoop(page: Page, proxyUrl: string, requestId = 7): Promise<{ saved: unknown[] }> {
  const saved: unknown[] = []
  const items = timeline(requestId)
  const json = (route: Route, body: unknown) => route.fulfill({ json: body })
  await page.route(
    (url) => url.pathname === '/api/status',
    async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, json: { ...(await response.json()), botApiProxyUrl: proxyUrl } })
    },
  )
  await page.route(
    (url) => url.pathname === '/api/conversations',
    (route) =>
      json(route, {
        items: [
          { chatId: 42, title: 'Ada', lastTime: AT(5), updates: 1, calls: 2, errors: 2 },
          { chatId: -100200, title: 'Ops room', lastTime: AT(0), updates: 3, calls: 0, errors: 0 },
        ],
      }),
  )
  await page.route(
    (url) => url.pathname.startsWith('/api/conversations/'),
    (route) => {
      const url = new URL(route.request().url())
      const errorsOnly =
        url.searchParams.get('errorsOnly') === 'true' || url.searchParams.get('errorsOnly') === '1'
      const chat = url.pathname.endsWith('/42') ? items : []
      return json(route, {
        items: errorsOnly ? chat.filter((i) => i.kind === 'call' && !i.call.ok) : chat,
      })
    },
  )
  await page.route(
    (url) => url.pathname === '/api/forwarding',
    (route) => {
      const request = route.request()
      const input = request.method() === 'PUT' ? (request.postDataJSON() as Record<string, unknown>) : null
      if (input) saved.push(input)
      return json(route, {
        mode: 'webhook',
        url: input ? input.url : 'http://127.0.0.1:3000/hook',
        hasSecretToken: true,
        timeoutMs: input ? input.timeoutMs : 10000,
        maxConnections: input ? input.maxConnections : 40,
        allowedUpdates: null,
        setBy: input ? 'user' : 'bot',
        pendingCount: 1,
        lastErrorAt: AT(2),
        lastErrorMessage: 'Connection refused',
        lastPollAt: null,
      })
    },
  )
  await page.route(
    (url) => url.pathname === '/api/forwards',
    (route) =>
      json(route, {
        update: update({ requestId }),
        items: items.flatMap((item) => (item.kind === 'forward' ? [item.attempt] : [])),
      }),
  )
  return { saved }
}
