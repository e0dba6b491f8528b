import { once } from 'node:events'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, TEST_USER, type TestCore } from '../helpers/start-core'
import {
  callBotApi,
  startHookServer,
  tokenFor,
  type HookServer,
} from '../unit/main/core/simulator/sim-harness'

// TELEGRAM.md §9 "Simulator checklist", item by item, against the real core over HTTP.
let core: TestCore
let skewMs = 0
let nextBotId = 700_001
beforeAll(async () => {
  // The clock runs in real time; `skewMs` jumps it past setWebhook's once-per-second limit without sleeping.
  core = await startTestCore({ now: () => Date.now() + skewMs })
})
afterAll(() => core.close())

const call = (token: string, method: string, params?: Record<string, unknown> | string, init?: RequestInit) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params, init)
const nextSecond = () => (skewMs += 1100)

async function setStrict(simulatorStrict: boolean) {
  const res = await core.api('/settings', { method: 'PUT', body: JSON.stringify({ simulatorStrict }) })
  expect(res.status).toBe(200)
}

async function newChat(token: string, body: Record<string, unknown> = {}) {
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token, ...body }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { id: number; user: { id: number } }
}

async function say(chatId: number, text: string) {
  const res = await core.api(`/simulator/chats/${chatId}/messages`, {
    method: 'POST',
    body: JSON.stringify({ text }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { updateId: number; messageId: number }
}

/** A bot that exists: creating a chat for a token creates its bot, as on the Simulator page. */
async function newBot(): Promise<string> {
  const token = tokenFor(nextBotId++)
  await newChat(token)
  return token
}

const info = async (token: string) => (await call(token, 'getWebhookInfo')).body.result

describe('Bot API routing and envelope', () => {
  it.each(['getMe', 'getme', 'GETME', 'GetMe'])('routes /bot<token>/%s by GET and POST', async (method) => {
    const token = await newBot()
    for (const init of [{}, { method: 'POST' }]) {
      const res = await call(token, method, undefined, init)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(res.body.ok).toBe(true)
    }
  })

  it('reads the method from the `method` parameter when the path has none', async () => {
    const res = await call(await newBot(), '', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'method=getMe',
    })
    expect(res.body.result.is_bot).toBe(true)
  })

  const sources: [string, (q: URLSearchParams) => { query?: string; init?: RequestInit }][] = [
    ['query string', (q) => ({ query: q.toString() })],
    [
      'urlencoded form',
      (q) => ({
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: q.toString(),
        },
      }),
    ],
    [
      'JSON',
      (q) => ({
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(Object.fromEntries(q)),
        },
      }),
    ],
    [
      'multipart',
      (q) => {
        const form = new FormData()
        for (const [k, v] of q) form.append(k, v)
        return { init: { method: 'POST', body: form } }
      },
    ],
  ]
  it.each(sources)('takes parameters from the %s, nested fields as JSON strings', async (_how, make) => {
    const token = await newBot()
    const chat = await newChat(token)
    const markup = { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] }
    const q = new URLSearchParams({
      chat_id: String(chat.id),
      text: 'hi',
      reply_markup: JSON.stringify(markup),
    })
    const { query, init } = make(q)
    const res = await call(token, 'sendMessage', query, init)
    expect(res.body).toMatchObject({ ok: true, result: { text: 'hi', reply_markup: markup } })
  })

  it.each([
    ['true', 0],
    ['yes', 0],
    ['1', 0],
    ['TRUE', 0],
    ['no', 1],
    ['0', 1],
  ])('reads drop_pending_updates=%s as a boolean (pending afterwards: %i)', async (value, left) => {
    const token = await newBot()
    const chat = await newChat(token)
    await say(chat.id, 'queued')
    expect((await call(token, 'deleteWebhook', `drop_pending_updates=${value}`)).body.ok).toBe(true)
    expect((await info(token)).pending_update_count).toBe(left)
  })

  it('answers a well-formed token it never created with 401 Unauthorized, and creates no bot', async () => {
    const token = tokenFor(nextBotId++)
    for (const method of ['getMe', 'getUpdates', 'setWebhook']) {
      const res = await call(token, method)
      expect([res.status, res.body]).toEqual([
        401,
        { ok: false, error_code: 401, description: 'Unauthorized' },
      ])
    }
    const chats = (await (await core.api('/simulator/chats')).json()).items as { botId: number }[]
    expect(chats.map((c) => c.botId)).not.toContain(Number(token.split(':')[0]))
  })

  it('creates the bot of a new token on first use when simulatorCreateBotsOnFirstUse is on', async () => {
    const token = tokenFor(nextBotId++)
    const put = (on: boolean) =>
      core.api('/settings', { method: 'PUT', body: JSON.stringify({ simulatorCreateBotsOnFirstUse: on }) })
    expect((await put(true)).status).toBe(200)
    const res = await call(token, 'getMe')
    expect((await put(false)).status).toBe(200)
    expect(res.body.result).toMatchObject({ id: Number(token.split(':')[0]), is_bot: true })
    // Created once, it stays: the setting off again does not forget it.
    expect((await call(token, 'getMe')).status).toBe(200)
  })

  it('answers a wrong token (known id, other secret) with 401 Unauthorized', async () => {
    const token = await newBot()
    await call(token, 'getMe')
    const other = `${token.split(':')[0]}:${'Z'.repeat(35)}`
    const res = await call(other, 'getMe')
    expect([res.status, res.body]).toEqual([401, { ok: false, error_code: 401, description: 'Unauthorized' }])
  })

  it.each([
    [false, 401, 'Unauthorized: invalid token specified'],
    [true, 404, 'Not Found'],
  ])('answers a malformed token (strict=%s) with %i %s', async (strict, status, description) => {
    await setStrict(strict)
    const res = await call('12345:short', 'getMe')
    await setStrict(false)
    expect([res.status, res.body]).toEqual([status, { ok: false, error_code: status, description }])
  })

  it('answers an unknown method and a path without /bot with 404, status = error_code', async () => {
    const res = await call(await newBot(), 'sendTelepathy')
    expect([res.status, res.body.error_code, res.body.description]).toEqual([
      404,
      404,
      'Not Found: method not found',
    ])
    const bare = await fetch(`${core.baseUrl}/sim/nothing/getMe`)
    expect([bare.status, await bare.json()]).toEqual([
      404,
      { ok: false, error_code: 404, description: 'Not Found' },
    ])
  })

  it('answers getMe with the full bot User, privacy mode on (can_read_all_group_messages false)', async () => {
    const token = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1'
    await newChat(token)
    const res = await call(token, 'getMe')
    expect(res.body).toEqual({
      ok: true,
      result: {
        id: 7012345678,
        is_bot: true,
        first_name: 'Sim Bot 7012345678',
        username: 'sim_7012345678_bot',
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: true,
        can_connect_to_business: false,
        has_main_web_app: false,
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
        can_manage_bots: false,
        supports_join_request_queries: false,
      },
    })
  })
})

describe('setWebhook', () => {
  // An unresolvable host (…: Failed to resolve host: …) is covered in the unit test with a fake resolver,
  // so nothing here touches DNS.
  it.each([
    [
      'https://1.1.1.1:8080/tg',
      'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
    ],
    ['http://1.1.1.1/tg', 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook'],
    ['https://127.0.0.1:8443/tg', 'Bad Request: bad webhook: IP address 127.0.0.1 is reserved'],
    ['https://10.0.0.5/tg', 'Bad Request: bad webhook: IP address 10.0.0.5 is reserved'],
    ['https://192.168.1.10:88/tg', 'Bad Request: bad webhook: IP address 192.168.1.10 is reserved'],
    ['https://[::1]/tg', 'Bad Request: bad webhook: IPv6-only addresses are not allowed'],
    ['https://exa mple.com/tg', 'Bad Request: invalid webhook URL specified'],
  ])('in strict mode refuses %s with "%s"', async (url, description) => {
    await setStrict(true)
    const res = await call(await newBot(), 'setWebhook', { url })
    await setStrict(false)
    expect([res.status, res.body]).toEqual([400, { ok: false, error_code: 400, description }])
  })

  it.each([
    'http://127.0.0.1:8780/api/v1/messages/webhook/telegram',
    'http://localhost:3000/hook',
    'https://192.168.1.10:9443/x',
  ])('in relaxed mode (--local) accepts %s', async (url) => {
    const res = await call(await newBot(), 'setWebhook', { url })
    expect(res.body).toEqual({ ok: true, result: true, description: 'Webhook was set' })
  })

  it.each([
    ['x'.repeat(257), 'Bad Request: secret token is too long'],
    ['has space', 'Bad Request: secret token contains unallowed characters'],
    ['sémaphore', 'Bad Request: secret token contains unallowed characters'],
  ])('refuses secret_token %#', async (secret, description) => {
    const res = await call(await newBot(), 'setWebhook', {
      url: 'http://127.0.0.1:9/x',
      secret_token: secret,
    })
    expect([res.status, res.body.description]).toEqual([400, description])
  })

  it.each([
    [true, undefined, 40],
    [true, 0, 1],
    [true, 500, 100],
    [false, undefined, 100],
    [false, 500, 500],
    [false, 200_000, 100_000],
  ])('clamps max_connections (strict=%s, given %s) to %i', async (strict, given, expected) => {
    await setStrict(strict)
    const token = await newBot()
    const res = await call(token, 'setWebhook', { url: 'https://1.1.1.1:8443/tg', max_connections: given })
    const shown = (await info(token)).max_connections
    await setStrict(false)
    expect(res.body.ok).toBe(true)
    expect(shown).toBe(expected)
  })

  it("shows the mode's default max_connections (relaxed 100, strict 40) when setWebhook gave none", async () => {
    const token = await newBot()
    await call(token, 'setWebhook', { url: 'https://1.1.1.1:8443/tg' })
    expect((await info(token)).max_connections).toBe(100)
    await setStrict(true)
    const strict = await info(token)
    await setStrict(false)
    expect(strict.max_connections).toBe(40)
  })

  it('answers the exact success descriptions; url="" deletes', async () => {
    const token = await newBot()
    const set = (url: string) => call(token, 'setWebhook', { url })
    expect((await set('http://127.0.0.1:9/a')).body.description).toBe('Webhook was set')
    nextSecond()
    expect((await set('http://127.0.0.1:9/a')).body.description).toBe('Webhook is already set')
    nextSecond()
    expect((await set('http://127.0.0.1:9/b')).body.description).toBe('Webhook was set')
    expect((await set('')).body).toEqual({ ok: true, result: true, description: 'Webhook was deleted' })
    expect((await info(token)).url).toBe('')
    expect((await set('')).body.description).toBe('Webhook is already deleted')
    expect((await call(token, 'deleteWebhook')).body.description).toBe('Webhook is already deleted')
  })

  it('answers "Webhook was set" to the same URL with drop_pending_updates=true, and drops the queue', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    const url = 'http://127.0.0.1:9/same'
    expect((await call(token, 'setWebhook', { url })).body.description).toBe('Webhook was set')
    await say(chat.id, 'queued while the webhook fails')
    expect((await info(token)).pending_update_count).toBe(1)
    nextSecond()
    const again = await call(token, 'setWebhook', { url, drop_pending_updates: true })
    expect(again.body).toEqual({ ok: true, result: true, description: 'Webhook was set' })
    expect((await info(token)).pending_update_count).toBe(0)
  })

  it('answers "Webhook is already set" when only allowed_updates changes, and keeps the new list', async () => {
    const token = await newBot()
    const url = 'http://127.0.0.1:9/same'
    await call(token, 'setWebhook', { url })
    nextSecond()
    const again = await call(token, 'setWebhook', { url, allowed_updates: ['callback_query'] })
    expect(again.body.description).toBe('Webhook is already set')
    expect((await info(token)).allowed_updates).toEqual(['callback_query'])
  })

  it('answers a second setWebhook within 1 s with 429, Retry-After and parameters.retry_after', async () => {
    const token = await newBot()
    await call(token, 'setWebhook', { url: 'http://127.0.0.1:9/a' })
    const res = await call(token, 'setWebhook', { url: 'http://127.0.0.1:9/b' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(res.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    })
  })

  it('takes a certificate upload (has_custom_certificate) and refuses one over 3 MiB', async () => {
    const upload = (token: string, size: number) => {
      const form = new FormData()
      form.append('url', 'https://192.168.1.10:8443/x')
      form.append('certificate', new Blob(['-'.repeat(size)]), 'cert.pem')
      return call(token, 'setWebhook', undefined, { method: 'POST', body: form })
    }
    const token = await newBot()
    expect((await upload(token, 1200)).body.ok).toBe(true)
    expect((await info(token)).has_custom_certificate).toBe(true)
    const big = 3 * 1024 * 1024 + 1
    const res = await upload(await newBot(), big)
    expect([res.status, res.body.description]).toEqual([
      400,
      `Bad Request: certificate size is too big (${big} bytes)`,
    ])
  })
})

describe('getWebhookInfo', () => {
  it('has only url, has_custom_certificate and pending_update_count without a webhook', async () => {
    expect(await info(await newBot())).toEqual({
      url: '',
      has_custom_certificate: false,
      pending_update_count: 0,
    })
  })

  it('adds last_error_*, max_connections and ip_address in the server order; a new setWebhook clears the error', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    const closed = await startHookServer()
    await closed.close()
    await call(token, 'setWebhook', { url: `${closed.url}/hook` })
    await say(chat.id, 'into the void')
    await expect.poll(async () => (await info(token)).last_error_message).toBe('Connection refused')
    const withError = await info(token)
    expect(Object.keys(withError)).toEqual([
      'url',
      'has_custom_certificate',
      'pending_update_count',
      'last_error_date',
      'last_error_message',
      'max_connections',
      'ip_address',
    ])
    expect(withError).toMatchObject({
      pending_update_count: 1,
      max_connections: 100,
      ip_address: '127.0.0.1',
    })
    nextSecond()
    await call(token, 'setWebhook', { url: `${closed.url}/other`, drop_pending_updates: true })
    const cleared = await info(token)
    expect(cleared).not.toHaveProperty('last_error_date')
    expect(cleared).not.toHaveProperty('last_error_message')
    expect(cleared.pending_update_count).toBe(0)
  })
})

describe('getUpdates', () => {
  it('is refused with 409 while a webhook is set, and works after deleteWebhook', async () => {
    const token = await newBot()
    await call(token, 'setWebhook', { url: 'http://127.0.0.1:9/x' })
    const res = await call(token, 'getUpdates')
    expect([res.status, res.body.description]).toEqual([
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ])
    await call(token, 'deleteWebhook')
    expect((await call(token, 'getUpdates')).body).toEqual({ ok: true, result: [] })
  })

  it('honours offset (confirming earlier updates) and limit', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    const ids = [
      (await say(chat.id, 'a')).updateId,
      (await say(chat.id, 'b')).updateId,
      (await say(chat.id, 'c')).updateId,
    ]
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2])
    const two = (await call(token, 'getUpdates', { limit: 2 })).body.result
    expect(two.map((u: { update_id: number }) => u.update_id)).toEqual(ids.slice(0, 2))
    const rest = (await call(token, 'getUpdates', { offset: ids[1]! + 1 })).body.result
    expect(rest.map((u: { message: { text: string } }) => u.message.text)).toEqual(['c'])
    expect((await info(token)).pending_update_count).toBe(1)
    expect((await call(token, 'getUpdates', { offset: -1 })).body.result).toHaveLength(1)
  })

  it('holds a long poll until an update arrives', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    const poll = call(token, 'getUpdates', { timeout: 20 })
    const sent = await say(chat.id, 'wake up')
    const res = await poll
    expect(res.body.result.map((u: { update_id: number }) => u.update_id)).toEqual([sent.updateId])
  })

  it('answers [] when its timeout passes without updates', async () => {
    const started = Date.now()
    expect((await call(await newBot(), 'getUpdates', { timeout: 1 })).body.result).toEqual([])
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('ends a held getUpdates with 409 when another getUpdates comes', async () => {
    const token = await newBot()
    await call(token, 'getMe')
    let done = false
    const held = call(token, 'getUpdates', { timeout: 20 }).finally(() => (done = true))
    // The second caller may overtake the first on the wire: call again until the held one has been ended.
    await expect
      .poll(async () => {
        await call(token, 'getUpdates', { timeout: 0 })
        return done
      })
      .toBe(true)
    const res = await held
    expect([res.status, res.body.description]).toEqual([
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ])
  })
})

describe('webhook delivery', () => {
  let hook: HookServer
  beforeAll(async () => {
    hook = await startHookServer()
  })
  afterAll(() => hook.close())

  it("delivers into Hookbench's own receiver with Basic auth from the URL and the secret header", async () => {
    const token = await newBot()
    const chat = await newChat(token, { firstName: 'Ada', lastName: 'Lovelace', username: 'ada_l' })
    const url = `http://${TEST_USER.name}:${TEST_USER.password}@127.0.0.1:${core.port}/api/v1/messages/webhook/telegram?command.message=message.text`
    const set = await call(token, 'setWebhook', { url, secret_token: 'sim-Secret_42' })
    expect(set.body.description).toBe('Webhook was set')
    const { updateId } = await say(chat.id, 'status of cpu_busy on nurswgvml007?')
    let id = 0
    await expect
      .poll(async () => {
        const page = await (await core.api('/requests?text=cpu_busy')).json()
        id = page.items.find((r: { updateId: number }) => r.updateId === updateId)?.id ?? 0
        return id
      })
      .toBeGreaterThan(0)
    const detail = await (await core.api(`/requests/${id}`)).json()
    expect(detail).toMatchObject({
      method: 'POST',
      status: 200,
      user: TEST_USER.name,
      messageText: 'status of cpu_busy on nurswgvml007?',
    })
    expect(detail.headers['content-type']).toBe('application/json')
    expect(detail.headers['x-telegram-bot-api-secret-token']).toBeDefined()
    expect(detail.command.tags['message.from.last_name']).toBe('Lovelace')
    await expect.poll(async () => (await info(token)).pending_update_count).toBe(0)
    expect(await info(token)).not.toHaveProperty('last_error_message')
  })

  it('POSTs one JSON Update per request; secret and Basic auth headers only when configured', async () => {
    const plain = await newBot()
    const chat = await newChat(plain)
    await call(plain, 'setWebhook', { url: `${hook.url}/plain?x=1` })
    const first = await say(chat.id, 'one')
    await hook.waitFor(1)
    const withAuth = await newBot()
    const chat2 = await newChat(withAuth)
    await call(withAuth, 'setWebhook', {
      url: hook.url.replace('//', '//bob:p%40ss@') + '/auth',
      secret_token: 'Abc_1-2',
    })
    await say(chat2.id, 'two')
    await hook.waitFor(2)
    const [a, b] = hook.received.slice(-2)
    expect(a!.url).toBe('/plain?x=1')
    expect(a!.headers['content-type']).toBe('application/json')
    expect(a!.headers).not.toHaveProperty('authorization')
    expect(a!.headers).not.toHaveProperty('x-telegram-bot-api-secret-token')
    expect(Object.keys(a!.update)).toEqual(['update_id', 'message'])
    expect(a!.update.update_id).toBe(first.updateId)
    expect(b!.url).toBe('/auth')
    expect(b!.headers.authorization).toBe(`Basic ${Buffer.from('bob:p@ss').toString('base64')}`)
    expect(b!.headers['x-telegram-bot-api-secret-token']).toBe('Abc_1-2')
  })

  it('records a non-2xx answer as last_error_* and retries at once (first retry has no delay)', async () => {
    const server = await startHookServer((_r, i) => (i === 0 ? { status: 401 } : { status: 200 }))
    const token = await newBot()
    const chat = await newChat(token)
    await call(token, 'setWebhook', { url: server.url })
    const before = Math.floor((Date.now() + skewMs) / 1000)
    await say(chat.id, 'knock knock')
    await server.waitFor(2)
    await expect.poll(async () => (await info(token)).pending_update_count).toBe(0)
    const result = await info(token)
    expect(result.last_error_message).toBe('Wrong response from the webhook: 401 Unauthorized')
    expect(result.last_error_date).toBeGreaterThanOrEqual(before)
    expect(server.received[0]!.update.update_id).toBe(server.received[1]!.update.update_id)
    await server.close()
  })

  it('delivers over TLS to a self-signed server only with its certificate uploaded', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    })
    const got: string[] = []
    const tls = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        got.push(body)
        res.writeHead(200).end()
      })
    })
    tls.listen(0, '127.0.0.1')
    await once(tls, 'listening')
    const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/tg`
    try {
      const trusted = await newBot()
      const form = new FormData()
      form.append('url', url)
      form.append('certificate', new Blob([pems.cert]), 'cert.pem')
      expect((await call(trusted, 'setWebhook', undefined, { method: 'POST', body: form })).body.ok).toBe(
        true,
      )
      await say((await newChat(trusted)).id, 'over tls')
      await expect.poll(() => got.length).toBe(1)
      expect(JSON.parse(got[0]!).message.text).toBe('over tls')

      const untrusted = await newBot()
      await call(untrusted, 'setWebhook', { url })
      await say((await newChat(untrusted)).id, 'refused')
      await expect
        .poll(async () => (await info(untrusted)).last_error_message)
        .toMatch(/^SSL error \{.*certificate verify failed\}$/)
      expect((await info(untrusted)).pending_update_count).toBe(1)
    } finally {
      tls.closeAllConnections()
      tls.close()
    }
  })

  it('empties the queue with drop_pending_updates', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    await call(token, 'setWebhook', { url: 'http://127.0.0.1:9/x' })
    await say(chat.id, 'a')
    await say(chat.id, 'b')
    nextSecond()
    await call(token, 'setWebhook', { url: 'http://127.0.0.1:9/y', drop_pending_updates: 'true' })
    expect((await info(token)).pending_update_count).toBe(0)
  })
})

describe('sendMessage', () => {
  it('returns the Message from the bot with per-chat ids, date in seconds and reply_to_message', async () => {
    const token = await newBot()
    const chat = await newChat(token, { firstName: 'Ada', username: 'ada_l' })
    const user = await say(chat.id, 'ping')
    const res = await call(token, 'sendMessage', {
      chat_id: chat.id,
      text: 'cpu\\_busy \\= *97\\.5*',
      parse_mode: 'MarkdownV2',
      reply_parameters: { message_id: user.messageId },
    })
    expect(res.body.result).toMatchObject({
      message_id: user.messageId + 1,
      from: { id: Number(token.split(':')[0]), is_bot: true, username: `sim_${token.split(':')[0]}_bot` },
      chat: { id: chat.id, first_name: 'Ada', username: 'ada_l', type: 'private' },
      text: 'cpu_busy = 97.5',
      entities: [{ offset: 11, length: 4, type: 'bold' }],
      reply_to_message: { message_id: user.messageId, text: 'ping' },
    })
    expect(Math.abs(res.body.result.date - (Date.now() + skewMs) / 1000)).toBeLessThan(5)
    const legacy = await call(token, 'sendMessage', {
      chat_id: chat.id,
      text: 'again',
      reply_to_message_id: user.messageId,
    })
    expect(legacy.body.result.reply_to_message.message_id).toBe(user.messageId)
    const transcript = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
    expect(
      transcript.items.map((i: { from: string; messageId: number }) => `${i.from}#${i.messageId}`),
    ).toEqual([`user#${user.messageId}`, `bot#${user.messageId + 1}`, `bot#${user.messageId + 2}`])
  })

  it.each([
    [{ text: '' }, 'Bad Request: message text is empty'],
    [{ text: '   ' }, 'Bad Request: message text is empty'],
    [{ text: 'x'.repeat(4097) }, 'Bad Request: message is too long'],
    [{ text: 'hi', chat_id: 123456789 }, 'Bad Request: chat not found'],
    [{ text: 'hi', chat_id: '@nobody_here' }, 'Bad Request: chat not found'],
    [{ text: 'hi', chat_id: undefined }, 'Bad Request: chat_id is empty'],
    [
      { text: 'Done.', parse_mode: 'MarkdownV2' },
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    ],
    [
      { text: '*bold', parse_mode: 'MarkdownV2' },
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    ],
    [
      { text: 'ok *bold', parse_mode: 'Markdown' },
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 3",
    ],
    [
      { text: '<b>bold', parse_mode: 'HTML' },
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    ],
    [{ text: 'hi', parse_mode: 'Markdown3' }, 'Bad Request: unsupported parse_mode'],
    [{ text: 'hi', reply_parameters: { message_id: 999 } }, 'Bad Request: message to be replied not found'],
    [
      { text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'y'.repeat(65) }]] } },
      'Bad Request: BUTTON_DATA_INVALID',
    ],
  ])('answers 400 for %j: %s', async (params, description) => {
    const token = await newBot()
    const chat = await newChat(token)
    const res = await call(token, 'sendMessage', { chat_id: chat.id, ...params })
    expect([res.status, res.body]).toEqual([400, { ok: false, error_code: 400, description }])
  })

  it('sends without the reply when allow_sending_without_reply is set', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    const res = await call(token, 'sendMessage', {
      chat_id: chat.id,
      text: 'hi',
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    })
    expect(res.body.ok).toBe(true)
    expect(res.body.result).not.toHaveProperty('reply_to_message')
  })

  it('edits a bot message (edit_date, transcript edited) and refuses an edit that changes nothing', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    const sent = (await call(token, 'sendMessage', { chat_id: chat.id, text: 'v1' })).body.result
    const edited = await call(token, 'editMessageText', {
      chat_id: chat.id,
      message_id: sent.message_id,
      text: 'v2',
    })
    expect(edited.body.result).toMatchObject({
      message_id: sent.message_id,
      text: 'v2',
      edit_date: expect.any(Number),
    })
    const again = await call(token, 'editMessageText', {
      chat_id: chat.id,
      message_id: sent.message_id,
      text: 'v2',
    })
    expect(again.body.description).toMatch(/^Bad Request: message is not modified: /)
    const transcript = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
    expect(transcript.items).toMatchObject([{ text: 'v2', edited: true }])
    expect(
      (await call(token, 'deleteMessage', { chat_id: chat.id, message_id: sent.message_id })).body.result,
    ).toBe(true)
    const gone = await call(token, 'deleteMessage', { chat_id: chat.id, message_id: sent.message_id })
    expect(gone.body.description).toBe('Bad Request: message to delete not found')
  })

  it('answers 429 with retry_after after 20 messages a minute to one group', async () => {
    const token = await newBot()
    const group = await newChat(token, { type: 'group', title: 'Ops team' })
    for (let i = 0; i < 20; i++) {
      expect((await call(token, 'sendMessage', { chat_id: group.id, text: `m${i}` })).status).toBe(200)
    }
    const res = await call(token, 'sendMessage', { chat_id: group.id, text: 'one too many' })
    expect(res.status).toBe(429)
    const retryAfter = res.body.parameters.retry_after
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(res.body.description).toBe(`Too Many Requests: retry after ${retryAfter}`)
    expect(res.headers.get('retry-after')).toBe(String(retryAfter))
  })

  it('answers 403 when the user blocked the bot', async () => {
    const token = await newBot()
    const chat = await newChat(token)
    await core.simulator.blockChat(chat.id, true)
    const res = await call(token, 'sendMessage', { chat_id: chat.id, text: 'hi' })
    expect([res.status, res.body.description]).toEqual([403, 'Forbidden: bot was blocked by the user'])
  })
})

describe('simulator control API', () => {
  it('refuses createSimChat without botToken when no bot is connected', async () => {
    const res = await core.api('/simulator/chats', {
      method: 'POST',
      body: JSON.stringify({ type: 'private' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toEqual({
      kind: 'invalid_input',
      message: 'No bot: connect a bot first or pass botToken',
    })
  })

  it('lists chats and emits simulator.message for user and bot messages', async () => {
    const token = await newBot()
    const chat = await newChat(token, { type: 'supergroup', title: 'Support' })
    const list = await (await core.api('/simulator/chats')).json()
    expect(list.items.find((c: { id: number }) => c.id === chat.id)).toMatchObject({
      type: 'supergroup',
      title: 'Support',
    })
    const items: { from: string; text: string }[] = []
    const off = core.bus.onType('simulator.message', (e) => e.chatId === chat.id && items.push(e.item))
    await say(chat.id, 'hello bot')
    await call(token, 'sendMessage', { chat_id: chat.id, text: 'hello human' })
    off()
    expect(items.map((i) => `${i.from}:${i.text}`)).toEqual(['user:hello bot', 'bot:hello human'])
  })

  it('never writes bot tokens, webhook passwords or secret tokens to the log', async () => {
    const joined = core.logs.join('\n')
    expect(joined).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1')
    expect(joined).not.toContain(TEST_USER.password)
    expect(joined).not.toContain('sim-Secret_42')
  })
})
