import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot, InlineKeyboard, webhookCallback } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { tokenFor } from '../unit/main/core/simulator/sim-harness'

// The real grammY library against the simulator, as a developer would point it at Hookbench.
let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

const apiRoot = () => `${core.baseUrl}/sim`

async function newChat(token: string) {
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token, firstName: 'Ada', username: 'ada_l' }),
  })
  return (await res.json()) as { id: number }
}

async function say(chatId: number, text: string) {
  const res = await core.api(`/simulator/chats/${chatId}/messages`, {
    method: 'POST',
    body: JSON.stringify({ text }),
  })
  expect(res.status).toBe(200)
}

async function lines(chatId: number): Promise<string[]> {
  const res = await core.api(`/simulator/chats/${chatId}/transcript`)
  const { items } = (await res.json()) as { items: { from: string; text: string; edited: boolean }[] }
  return items.map((i) => `${i.from}: ${i.text}${i.edited ? ' (edited)' : ''}`)
}

/** A grammY bot with a /start command, an echo, and an inline keyboard whose button edits the message. */
function echoBot(token: string, options: ConstructorParameters<typeof Bot>[1] = {}) {
  const bot = new Bot(token, { ...options, client: { apiRoot: apiRoot(), ...options.client } })
  bot.command('start', (ctx) => ctx.reply(`Welcome, ${ctx.from?.first_name}!`))
  bot.hears('menu', (ctx) =>
    ctx.reply('Pick one', { reply_markup: new InlineKeyboard().text('Acknowledge', 'ack:42') }),
  )
  bot.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Done' })
    await ctx.editMessageText(`Pressed ${ctx.callbackQuery.data}`)
  })
  bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`))
  return bot
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/grammy` }
}

describe('grammY against the simulator', () => {
  it('long polling: bot.start() answers /start, echoes, and handles an inline button', async () => {
    const token = tokenFor(880001)
    const bot = echoBot(token)
    const chat = await newChat(token)
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started() })
    await running
    try {
      await say(chat.id, '/start')
      await expect.poll(() => lines(chat.id)).toEqual(['user: /start', 'bot: Welcome, Ada!'])
      await say(chat.id, 'menu')
      await expect.poll(async () => (await lines(chat.id)).length).toBe(4)
      const { items } = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
      const press = await core.api(`/simulator/chats/${chat.id}/callback`, {
        method: 'POST',
        body: JSON.stringify({ messageId: items[3].messageId, data: 'ack:42' }),
      })
      expect(press.status).toBe(200)
      await expect.poll(async () => (await lines(chat.id)).at(-1)).toBe('bot: Pressed ack:42 (edited)')
    } finally {
      await bot.stop()
      await stopped
    }
    expect(bot.isRunning()).toBe(false)
  })

  it("webhook: webhookCallback(bot, 'http') behind a relaxed http URL with a secret token", async () => {
    const token = tokenFor(880002)
    const chat = await newChat(token)
    const bot = echoBot(token)
    await bot.init()
    const { server, url } = await listen(webhookCallback(bot, 'http', { secretToken: 'grammy-Secret' }))
    try {
      expect(await bot.api.setWebhook(url, { secret_token: 'grammy-Secret' })).toBe(true)
      await say(chat.id, 'hello')
      await expect.poll(() => lines(chat.id)).toEqual(['user: hello', 'bot: echo: hello'])
      const info = await bot.api.getWebhookInfo()
      expect(info).toMatchObject({ url, pending_update_count: 0 })
      expect(info.last_error_message).toBeUndefined()
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('webhook reply: grammY answers with the method call in the response body, and the simulator runs it', async () => {
    const token = tokenFor(880003)
    const chat = await newChat(token)
    const bot = echoBot(token, { client: { canUseWebhookReply: (method) => method === 'sendMessage' } })
    await bot.init()
    const { server, url } = await listen(webhookCallback(bot, 'http'))
    try {
      await bot.api.setWebhook(url)
      await say(chat.id, 'reply in the body')
      await expect
        .poll(() => lines(chat.id))
        .toEqual(['user: reply in the body', 'bot: echo: reply in the body'])
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('sees Telegram errors as GrammyError with the description', async () => {
    const token = tokenFor(880004)
    await newChat(token)
    const bot = new Bot(token, { client: { apiRoot: apiRoot() } })
    await expect(bot.api.sendMessage(1, 'x')).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: chat not found',
    })
  })
})
