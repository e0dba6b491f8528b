import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot } from 'grammy'
import { Telegraf } from 'telegraf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type JsonResponse, type TestCore } from '../helpers/start-core'

// The developer's own bot (grammY, Telegraf, or plain HTTP) behind Hookbench: only its Bot API root changes.
// The upstream is the built-in simulator (simulator mode), so updates come from simulated users.
let core: TestCore
let token: string
let proxy: string

beforeAll(async () => {
  core = await startTestCore({ forwardRetryBaseMs: 10 })
  const connected = await (await core.api('/telegram/simulator', { method: 'POST', body: '{}' })).json()
  token = connected.token as string
  proxy = ((await (await core.api('/status')).json()) as { botApiProxyUrl: string }).botApiProxyUrl
})
afterAll(() => core.close())

async function newChat(firstName = 'Ada') {
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token, firstName }),
  })
  expect(res.status).toBe(200)
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
  const { items } = (await (await core.api(`/simulator/chats/${chatId}/transcript`)).json()) as {
    items: { from: string; text: string }[]
  }
  return items.map((i) => `${i.from}: ${i.text}`)
}

const calls = async (query = '') =>
  ((await (await core.api(`/bot-calls?limit=500${query}`)).json()) as { items: Record<string, unknown>[] })
    .items

const botApi = (method: string, params: Record<string, unknown> = {}): Promise<JsonResponse> =>
  fetch(`${proxy}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })

const forwarding = async () => (await core.api('/forwarding')).json()

async function setForwarding(body: Record<string, unknown>) {
  const res = await core.api('/forwarding', { method: 'PUT', body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return res.json()
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  port = 0,
): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  server.listen(port, '127.0.0.1')
  await once(server, 'listening')
  const p = (server.address() as AddressInfo).port
  return { server, url: `http://127.0.0.1:${p}/hook`, port: p }
}

const closeServer = (server: Server) => {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(resolve))
}

/** Every pending update handed over (so the next test starts from an empty queue). */
async function drain() {
  await setForwarding({ url: null })
  const r = await (await botApi('getUpdates', { offset: -1 })).json()
  const last = (r.result as { update_id: number }[]).at(-1)
  if (last) await botApi('getUpdates', { offset: last.update_id + 1 })
}

describe('the recording Bot API proxy', () => {
  it('status and serve name the proxy URL', () => {
    expect(proxy).toBe(`${core.baseUrl}/bot-api`)
  })

  it('grammY long polling through the proxy: getUpdates served by Hookbench, sendMessage passed on and recorded', async () => {
    const bot = new Bot(token, { client: { apiRoot: proxy } })
    bot.command('start', (ctx) => ctx.reply(`Welcome, ${ctx.from?.first_name}!`))
    const chat = await newChat('Grace')
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started() })
    await running
    try {
      await say(chat.id, '/start')
      await expect.poll(() => lines(chat.id)).toEqual(['user: /start', 'bot: Welcome, Grace!'])
    } finally {
      await bot.stop()
      await stopped
    }
    const recorded = await calls(`&chat=${chat.id}`)
    const send = recorded.find((c) => c.method === 'sendMessage')!
    expect(send).toMatchObject({
      source: 'proxy',
      answeredBy: 'upstream',
      ok: true,
      httpStatus: 200,
      chatId: chat.id,
      text: 'Welcome, Grace!',
      botId: Number(token.split(':')[0]),
    })
    expect(send.messageId).toEqual(expect.any(Number))
    // It answers the update the bot got for that chat, and the request that carried it.
    const request = (await (await core.api('/requests?limit=5')).json()).items.find(
      (r: { updateId: number | null }) => r.updateId === send.updateId,
    )
    expect(request).toBeDefined()
    expect(send.requestId).toBe(request.id)
    const byUpdate = await (await core.api(`/requests?updateId=${send.updateId}`)).json()
    expect(byUpdate.items.map((r: { id: number }) => r.id)).toEqual([request.id])
    // The request's exports carry the bot's side: its forwards and the calls that answered it.
    const json = await (await core.api(`/requests/export?format=json&ids=${request.id}`)).json()
    expect(json[0].botCalls.map((c: { method: string }) => c.method)).toContain('sendMessage')
    const har = await (await core.api(`/requests/export?format=har&ids=${request.id}`)).json()
    expect(har.log.entries[0]._hookbench.botCalls[0]).toMatchObject({ id: send.id, chatId: chat.id })
    const all = await calls()
    expect(all.find((c) => c.method === 'deleteWebhook')).toMatchObject({ answeredBy: 'hookbench', ok: true })
    expect(all.find((c) => c.method === 'getUpdates')).toMatchObject({ answeredBy: 'hookbench' })
    // The timeline of the chat joins the update and the call.
    const timeline = (await (await core.api(`/conversations/${chat.id}`)).json()).items as { kind: string }[]
    expect(timeline.map((i) => i.kind)).toEqual(expect.arrayContaining(['update', 'call']))
    const chats = (await (await core.api('/conversations')).json()).items
    expect(chats.find((c: { chatId: number }) => c.chatId === chat.id)).toMatchObject({ title: 'Grace' })
  })

  it('Telegraf in webhook mode: its setWebhook makes its URL the forward target, with its secret token', async () => {
    const bot = new Telegraf(token, { telegram: { apiRoot: `${proxy}/`, webhookReply: true } })
    bot.on('text', (ctx) => ctx.reply(`telegraf: ${ctx.message.text}`))
    let secretSeen: string | undefined
    const callback = bot.webhookCallback('/hook', { secretToken: 'tg-Secret_1' })
    const { server, url } = await listen((req, res, body) => {
      secretSeen = req.headers['x-telegram-bot-api-secret-token'] as string | undefined
      ;(req as IncomingMessage & { body?: unknown }).body = JSON.parse(body)
      void callback(req as never, res as never)
    })
    try {
      expect(await bot.telegram.setWebhook(url, { secret_token: 'tg-Secret_1' })).toBe(true)
      expect(await forwarding()).toMatchObject({ mode: 'webhook', url, setBy: 'bot', hasSecretToken: true })
      const info = await bot.telegram.getWebhookInfo()
      expect(info).toMatchObject({ url, pending_update_count: 0 })
      const set = (await calls()).find((c) => c.method === 'setWebhook')!
      expect(set.answeredBy).toBe('hookbench')
      // The secret never reaches the database; the warning says the cloud would refuse a local http URL.
      expect((set.params as Record<string, unknown>).secret_token).toBe('***')
      expect(set.warning).toMatch(/Telegram would refuse this URL .*HTTPS/)

      const chat = await newChat('Linus')
      await say(chat.id, 'hello')
      await expect.poll(() => lines(chat.id)).toEqual(['user: hello', 'bot: telegraf: hello'])
      expect(secretSeen).toBe('tg-Secret_1')
      const send = (await calls(`&chat=${chat.id}`)).find((c) => c.method === 'sendMessage')!
      const request = (await (await core.api('/requests?limit=1')).json()).items[0]
      expect(send).toMatchObject({
        source: 'proxy',
        ok: true,
        text: 'telegraf: hello',
        requestId: request.id,
      })
      const forwards = (await (await core.api(`/forwards?requestId=${request.id}`)).json()) as {
        update: { state: string; updateId: number }
        items: { delivered: boolean }[]
      }
      expect(forwards.update.state).toBe('delivered')
      expect(send.updateId).toBe(forwards.update.updateId)
      expect(forwards.items).toEqual([expect.objectContaining({ delivered: true })])
      // getUpdates while the target is set: Telegram's 409.
      const conflict = await botApi('getUpdates')
      expect(conflict.status).toBe(409)
      expect(await conflict.json()).toEqual({
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      })
      expect(await bot.telegram.deleteWebhook()).toBe(true)
      expect(await forwarding()).toMatchObject({ mode: 'polling', url: null })
    } finally {
      await closeServer(server)
    }
  })

  it('grammY webhook reply: the method call in its answer is run upstream and recorded as a webhook-reply', async () => {
    const bot = new Bot(token, {
      client: { apiRoot: proxy, canUseWebhookReply: (method) => method === 'sendMessage' },
    })
    bot.on('message:text', (ctx) => ctx.reply(`in the body: ${ctx.message.text}`))
    await bot.init()
    const { server, url } = await listen((req, res, body) => {
      void bot.handleUpdate(JSON.parse(body), {
        send: (payload: string) => {
          res.setHeader('content-type', 'application/json')
          res.end(payload)
        },
      })
      void req
    })
    try {
      await bot.api.setWebhook(url)
      const chat = await newChat('Barbara')
      await say(chat.id, 'hey')
      await expect.poll(() => lines(chat.id)).toEqual(['user: hey', 'bot: in the body: hey'])
      const reply = (await calls(`&chat=${chat.id}`)).find((c) => c.source === 'webhook-reply')!
      expect(reply).toMatchObject({ method: 'sendMessage', ok: true, text: 'in the body: hey' })
      const request = (await (await core.api('/requests?limit=1')).json()).items[0]
      expect(reply.requestId).toBe(request.id)
      await expect
        .poll(
          async () =>
            (await (await core.api(`/forwards?requestId=${request.id}`)).json()).items[0]?.replyCallId,
        )
        .toBe(reply.id)
    } finally {
      await bot.api.deleteWebhook()
      await closeServer(server)
    }
  })

  it('getUpdates: offset confirms earlier updates, limit and a negative offset as Telegram has them', async () => {
    await drain()
    const chat = await newChat('Offsets')
    for (const t of ['one', 'two', 'three']) await say(chat.id, t)
    await expect.poll(async () => (await forwarding()).pendingCount).toBe(3)
    const first = (await (await botApi('getUpdates', { limit: 2 })).json()).result as {
      update_id: number
      message: { text: string }
    }[]
    expect(first.map((u) => u.message.text)).toEqual(['one', 'two'])
    const next = (await (await botApi('getUpdates', { offset: first[1]!.update_id + 1 })).json()).result
    expect(next.map((u: { message: { text: string } }) => u.message.text)).toEqual(['three'])
    expect((await forwarding()).pendingCount).toBe(1)
    const last = (await (await botApi('getUpdates', { offset: -1 })).json()).result
    expect(last).toHaveLength(1)
    await botApi('getUpdates', { offset: last[0].update_id + 1 })
    expect((await forwarding()).pendingCount).toBe(0)
  })

  it('a second getUpdates ends the held one with 409, and setWebhook ends the last one', async () => {
    await drain()
    const describe = async (res: Promise<JsonResponse>) => (await (await res).json()).description as string
    const a = describe(botApi('getUpdates', { timeout: 30 }))
    const b = describe(botApi('getUpdates', { timeout: 30 }))
    // Whichever was held first is ended by the other, which is then held.
    const first = await Promise.race([a, b])
    expect(first).toBe(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    )
    await setForwarding({ url: 'http://127.0.0.1:9/never' })
    const both = await Promise.all([a, b])
    expect(both).toContain('Conflict: terminated by setWebhook request')
    await setForwarding({ url: null })
  })

  it("a malformed call to an intercepted method gets Telegram's error shape and changes nothing", async () => {
    const res = await fetch(`${proxy}/bot${token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"url": "http://127.0.0.1:9/x",',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: can't parse JSON object",
    })
    expect(await forwarding()).toMatchObject({ mode: 'polling' })
  })

  it('records a multipart file part by name, size, type and sha256', async () => {
    const form = new FormData()
    form.set('chat_id', '12345')
    form.set('document', new Blob([Buffer.from('hello file')], { type: 'text/plain' }), 'note.txt')
    await fetch(`${proxy}/bot${token}/sendDocument`, { method: 'POST', body: form })
    const call = (await calls('&method=sendDocument'))[0]!
    expect(call.files).toEqual([
      {
        field: 'document',
        name: 'note.txt',
        size: 10,
        contentType: 'text/plain',
        sha256: createHash('sha256').update('hello file').digest('hex'),
        keptBytes: 10,
        truncated: false,
      },
    ])
    expect(call.chatId).toBe(12345)
  })

  it('never stores, exports or logs the bot token', async () => {
    const everything = JSON.stringify(await calls())
    expect(everything).not.toContain(token)
    expect(everything).not.toContain(token.split(':')[1])
    const exported = await (await core.api('/requests/export?format=har&limit=500')).text()
    expect(exported).not.toContain(token.split(':')[1])
    expect(core.logs.join('\n')).not.toContain(token.split(':')[1])
  })
})

describe('forwarding faults, the way Telegram retries', () => {
  it('bot down, then up: the same update is delivered once, after failed attempts', async () => {
    await drain()
    const probe = await listen((_req, res) => res.end())
    const port = probe.port
    await closeServer(probe.server)
    await setForwarding({ url: `http://127.0.0.1:${port}/hook` })
    const chat = await newChat('Down')
    await say(chat.id, 'are you there')
    await expect.poll(async () => (await forwarding()).lastErrorMessage).toBe('Connection refused')
    const got: number[] = []
    const up = await listen((_req, res, body) => {
      got.push((JSON.parse(body) as { update_id: number }).update_id)
      res.end()
    }, port)
    try {
      await expect.poll(() => got.length).toBe(1)
      const request = (await (await core.api('/requests?limit=1')).json()).items[0]
      const { update, items } = await (await core.api(`/forwards?requestId=${request.id}`)).json()
      expect(update).toMatchObject({ updateId: got[0], state: 'delivered' })
      expect(items.length).toBeGreaterThan(1)
      expect(items.at(-1)).toMatchObject({ delivered: true, status: 200 })
      expect(items[0]).toMatchObject({ delivered: false, error: 'Connection refused', status: null })
      expect(new Set(items.map((a: { updateId: number }) => a.updateId))).toEqual(new Set([got[0]]))
    } finally {
      await closeServer(up.server)
    }
  })

  it('a 500, then 200: the attempt records the status and the answer, the retry delivers', async () => {
    await drain()
    let n = 0
    const { server, url } = await listen((_req, res) => {
      n++
      if (n === 1) {
        res.statusCode = 500
        res.end('boom')
      } else res.end()
    })
    try {
      await setForwarding({ url })
      const chat = await newChat('Flaky')
      await say(chat.id, 'hi')
      const request = async () => (await (await core.api('/requests?limit=1')).json()).items[0]
      await expect
        .poll(
          async () =>
            (await (await core.api(`/forwards?requestId=${(await request()).id}`)).json()).items.length,
        )
        .toBe(2)
      const { items } = await (await core.api(`/forwards?requestId=${(await request()).id}`)).json()
      expect(items[0]).toMatchObject({
        status: 500,
        responseBody: 'boom',
        error: 'Wrong response from the webhook: 500 Internal Server Error',
        delivered: false,
      })
      expect(items[1]).toMatchObject({ status: 200, delivered: true, attempt: 2 })
    } finally {
      await closeServer(server)
    }
  })

  it('a bot that does not answer in time: Read timeout expired, then the retry', async () => {
    await drain()
    let n = 0
    const { server, url } = await listen((_req, res) => {
      n++
      if (n > 1) res.end()
      // the first request is never answered
    })
    try {
      await setForwarding({ url, timeoutMs: 200 })
      const chat = await newChat('Slow')
      await say(chat.id, 'hi')
      await expect.poll(() => n, { timeout: 10_000 }).toBeGreaterThan(1)
      const request = (await (await core.api('/requests?limit=1')).json()).items[0]
      await expect
        .poll(
          async () =>
            (await (await core.api(`/forwards?requestId=${request.id}`)).json()).items.at(-1)?.delivered,
        )
        .toBe(true)
      const { items } = await (await core.api(`/forwards?requestId=${request.id}`)).json()
      expect(items[0]).toMatchObject({ error: 'Read timeout expired', delivered: false })
    } finally {
      await setForwarding({ url: null, timeoutMs: 60_000 })
      await closeServer(server)
    }
  })

  it('20 chats at once: each chat gets its updates in order, one at a time', async () => {
    await drain()
    const seen = new Map<number, string[]>()
    let inflightPerChat = 0
    const busy = new Set<number>()
    const { server, url } = await listen((_req, res, body) => {
      const u = JSON.parse(body) as { message: { chat: { id: number }; text: string } }
      const id = u.message.chat.id
      if (busy.has(id)) inflightPerChat++
      busy.add(id)
      seen.set(id, [...(seen.get(id) ?? []), u.message.text])
      setImmediate(() => {
        busy.delete(id)
        res.end()
      })
    })
    try {
      await setForwarding({ url, maxConnections: 40 })
      const chats = await Promise.all(Array.from({ length: 20 }, (_, i) => newChat(`Chat${i}`)))
      await Promise.all(
        chats.map(async (c) => {
          for (const t of ['1', '2', '3']) await say(c.id, t)
        }),
      )
      await expect.poll(() => [...seen.values()].flat().length, { timeout: 20_000 }).toBe(60)
      for (const texts of seen.values()) expect(texts).toEqual(['1', '2', '3'])
      expect(inflightPerChat).toBe(0)
    } finally {
      await setForwarding({ url: null })
      await closeServer(server)
    }
  })
})

describe('the upstream Bot API', () => {
  let upstream: { server: Server; url: string }
  let other: TestCore
  beforeAll(async () => {
    upstream = await listen((req, res) => {
      if (req.url?.endsWith('/sendMessage')) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' })
        res.end(
          JSON.stringify({
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 7',
            parameters: { retry_after: 7 },
          }),
        )
      } else {
        res.writeHead(403, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            ok: false,
            error_code: 403,
            description: 'Forbidden: bot was blocked by the user',
          }),
        )
      }
    })
    other = await startTestCore({ botApiUrl: upstream.url.replace('/hook', '') })
  })
  afterAll(async () => {
    await other.close()
    await closeServer(upstream.server)
  })

  const otherToken = '777000:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw2'

  it('passes 429 with retry_after and 403 back verbatim, and records them', async () => {
    const res = await fetch(`${other.baseUrl}/bot-api/bot${otherToken}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 5, text: 'x' }),
    })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('7')
    expect(((await res.json()) as { parameters: unknown }).parameters).toEqual({ retry_after: 7 })
    const blocked = await fetch(`${other.baseUrl}/bot-api/bot${otherToken}/sendPhoto?chat_id=5`)
    expect(blocked.status).toBe(403)
    const items = (await (await other.api('/bot-calls?errorsOnly=true')).json()).items
    expect(items.map((c: { method: string }) => c.method)).toEqual(['sendPhoto', 'sendMessage'])
    expect(items[1]).toMatchObject({
      errorCode: 429,
      retryAfter: 7,
      httpStatus: 429,
      chatId: 5,
      botId: 777000,
    })
    expect(items[0]).toMatchObject({ errorCode: 403, description: 'Forbidden: bot was blocked by the user' })
  })

  it('an unreachable upstream: a Bot API 502 naming it, recorded', async () => {
    const probe = await listen((_req, res) => res.end())
    await closeServer(probe.server)
    const dead = await startTestCore({ botApiUrl: `http://127.0.0.1:${probe.port}` })
    try {
      const res = await fetch(`${dead.baseUrl}/bot-api/bot${otherToken}/getMe`)
      expect(res.status).toBe(502)
      const body = (await res.json()) as { description: string }
      expect(body).toMatchObject({ ok: false, error_code: 502 })
      expect(body.description).toBe(
        `Bad Gateway: Hookbench could not reach the Bot API at http://127.0.0.1:${probe.port} (ECONNREFUSED)`,
      )
      expect(body.description).not.toContain(otherToken)
      const items = (await (await dead.api('/bot-calls')).json()).items
      expect(items[0]).toMatchObject({ method: 'getMe', ok: false, errorCode: 502, httpStatus: 502 })
    } finally {
      await dead.close()
    }
  })

  it('refuses a request that does not come to a loopback host name', async () => {
    const res = await fetch(`${other.baseUrl}/bot-api/bot${otherToken}/getMe`, {
      headers: { host: 'example.ngrok.app' },
    })
    expect(res.status).toBe(403)
  })
})
