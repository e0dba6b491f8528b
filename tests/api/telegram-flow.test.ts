import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { definitionOf } from '../helpers/rule-definition'

// Two instances: `telegram` plays Telegram (its built-in simulator at /sim), `hb` is the Hookbench under test.
const TOKEN = '5555555555:AAHrB1gmYKaSvzsXjhbyDypOJlfu_FgdwrEx'
let telegram: TestCore
let hb: TestCore

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const botApi = (method: string, params: Record<string, unknown> = {}) =>
  fetch(`${telegram.baseUrl}/sim/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  }).then((r) => r.json() as Promise<{ ok: boolean; result: Record<string, unknown> }>)

beforeAll(async () => {
  telegram = await startTestCore()
  // @BotFather's part: the bot exists on "Telegram" before Hookbench is given its token.
  await telegram.simulator.createBot(TOKEN)
  hb = await startTestCore({ botApiUrl: `${telegram.baseUrl}/sim` })
})
afterAll(async () => {
  await hb.close()
  await telegram.close()
})

describe('Telegram connect flow against the simulator, direct HTTPS with a self-signed certificate', () => {
  it('connects the bot, registers the webhook over TLS, and a message travels to a rule reply', async () => {
    await botApi('setWebhook', { url: 'http://127.0.0.1:9/previous-hook' })

    const bot = await (
      await hb.api('/telegram/bot', { method: 'POST', body: JSON.stringify({ token: TOKEN }) })
    ).json()
    expect(bot).toMatchObject({ step: 'reachability', strict: false, bot: { id: 5555555555 } })
    expect(JSON.stringify(bot)).not.toContain(TOKEN)

    const reach = await (
      await hb.api('/telegram/reachability', {
        method: 'POST',
        body: JSON.stringify({ mode: 'direct', host: '127.0.0.1', port: 0, bindHost: '127.0.0.1' }),
      })
    ).json()
    expect(reach.reachability).toMatchObject({ mode: 'direct', state: 'online', selfSigned: true })
    expect(reach.reachability.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)

    const prepared = await (await hb.api('/telegram/webhook', { method: 'POST', body: '{}' })).json()
    expect(prepared.webhook.url).toMatch(
      /^https:\/\/tg-sim_5555555555_bot:\*\*\*@127\.0\.0\.1:\d+\/api\/v1\/messages\/webhook\/telegram\?command\.message=message\.text$/,
    )

    const registered = await (await hb.api('/telegram/register', { method: 'POST', body: '{}' })).json()
    expect(registered).toMatchObject({ step: 'wait', lastError: null })
    expect(registered.previousWebhook).toEqual({
      url: 'http://127.0.0.1:9/previous-hook',
      hasCustomCertificate: false,
    })
    expect(registered.info).toMatchObject({ hasCustomCertificate: true, pendingUpdateCount: 0 })
    // getWebhookInfo echoes the URL with the webhook password: Hookbench keeps and shows it masked.
    expect(registered.info.url).toMatch(/^https:\/\/tg-sim_5555555555_bot:\*\*\*@127\.0\.0\.1:/)

    const imported = await hb.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: readFixture('atsd/rules_outgoing_webhook.xml'),
    })
    const ruleId = (await imported.json()).rules[0].id
    const rule = await (await hb.api(`/rules/${ruleId}`)).json()
    const definition = definitionOf(rule)
    const updated = await hb.api(`/rules/${ruleId}`, {
      method: 'PUT',
      body: JSON.stringify({
        ...definition,
        actions: [
          {
            kind: 'telegram',
            on: ['OPEN', 'REPEAT'],
            chatId: '${tags.message.chat.id}',
            text: 'Hello, ${tags.message.from.first_name}',
          },
        ],
      }),
    })
    expect(updated.status).toBe(200)

    const chat = await (
      await telegram.api('/simulator/chats', {
        method: 'POST',
        body: JSON.stringify({ firstName: 'Ada', botToken: TOKEN }),
      })
    ).json()
    await telegram.api(`/simulator/chats/${chat.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'hi bot' }),
    })

    const reply = await until(async () => {
      const t = await (await telegram.api(`/simulator/chats/${chat.id}/transcript`)).json()
      return t.items.find((i: { from: string }) => i.from === 'bot')
    }, 'the bot reply in the transcript')
    expect(reply.text).toBe('Hello, Ada')

    const stored = await (await hb.api('/requests?path=webhook/telegram')).json()
    const detail = await (await hb.api(`/requests/${stored.items[0].id}`)).json()
    expect(detail.command.message).toBe('hi bot')
    expect(detail.headers['x-telegram-bot-api-secret-token']).toBe('***')
    expect((await (await hb.api('/telegram')).json()).step).toBe('done')
  })

  it('answers 401 and records an incident when the secret token is wrong', async () => {
    const state = await (await hb.api('/telegram')).json()
    const secrets = JSON.parse(readFileSync(join(hb.dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >
    const user = state.webhook.user as string
    const password = secrets[`webhook-password:${user}`]!
    const { request } = await import('node:https')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${state.reachability.url}/api/v1/messages/webhook/telegram`,
        {
          method: 'POST',
          rejectUnauthorized: false,
          headers: {
            authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
            'x-telegram-bot-api-secret-token': 'not-the-secret',
            'content-type': 'application/json',
          },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end('{"update_id":1}')
    })
    expect(status).toBe(401)
    const incidents = await (await hb.api('/incidents')).json()
    expect(incidents.items[0]).toMatchObject({ user, reason: 'Telegram secret token mismatch' })
  })

  it('replays a secret-token request with the real token re-applied server-side, stored masked', async () => {
    const state = await (await hb.api('/telegram')).json()
    const secrets = JSON.parse(readFileSync(join(hb.dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >
    const user = state.webhook.user as string
    const password = secrets[`webhook-password:${user}`]!
    const token = Object.entries(secrets).find(([key]) => key.startsWith('telegram-secret:'))![1]
    const { request } = await import('node:https')
    // header.tag.* (ATSD-BEHAVIOUR §2.4) shows what the pipeline saw in the header.
    const path = '/api/v1/messages/webhook/telegram?header.tag.seen=X-Telegram-Bot-Api-Secret-Token'
    const sent = await new Promise<{ id: number }>((resolve, reject) => {
      const req = request(
        `${state.reachability.url}${path}`,
        {
          method: 'POST',
          rejectUnauthorized: false,
          headers: {
            authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
            'x-telegram-bot-api-secret-token': token,
            'content-type': 'application/json',
          },
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString()))
          res.on('end', () => resolve(JSON.parse(text) as { id: number }))
        },
      )
      req.on('error', reject)
      req.end('{"update_id":424242,"message":{"text":"with token","chat":{"id":1}}}')
    })
    const replayed = await (
      await hb.api(`/requests/${sent.id}/replay`, { method: 'POST', body: '{}' })
    ).json()
    const original = await (await hb.api(`/requests/${sent.id}`)).json()
    const replay = await (await hb.api(`/requests/${replayed.id}`)).json()
    expect(replay.headers['x-telegram-bot-api-secret-token']).toBe('***')
    expect(replay.headers).toEqual(original.headers)
    expect(replay.command.tags.seen).not.toBe('***')
    expect(replay.command.tags.seen).toBe(original.command.tags.seen)
  })

  it('restores the previous webhook on disconnect', async () => {
    const res = await (
      await hb.api('/telegram/disconnect', {
        method: 'POST',
        body: JSON.stringify({ restorePrevious: true }),
      })
    ).json()
    expect(res.webhook).toBeNull()
    const info = await botApi('getWebhookInfo')
    expect(info.result.url).toBe('http://127.0.0.1:9/previous-hook')
  })

  it('never writes the bot token or webhook passwords to logs or API answers', async () => {
    const secret = TOKEN.split(':')[1]!
    expect(hb.logs.join('')).not.toContain(secret)
    expect(telegram.logs.join('')).not.toContain(secret)
  })
})

describe('the simulator path (hookbench serve --simulator)', () => {
  it('runs the whole loop: message → webhook → stored → rule → reply in the transcript', async () => {
    const core = await startTestCore()
    try {
      const connected = await (await core.api('/telegram/simulator', { method: 'POST', body: '{}' })).json()
      expect(connected).toMatchObject({ simulated: true, step: 'wait' })
      expect(connected.token).toMatch(/^\d+:[A-Za-z0-9_-]{35}$/)
      // The status bar reads this: simulator mode, not "Tunnel online".
      expect((await (await core.api('/status')).json()).telegram.simulated).toBe(true)
      await core.api('/rules', {
        method: 'POST',
        body: JSON.stringify({
          name: 'greet',
          filter: "message LIKE '/start*'",
          actions: [
            {
              kind: 'telegram',
              chatId: '${tags.message.chat.id}',
              text: 'Hello, ${tags.message.from.first_name}',
            },
          ],
        }),
      })
      const chat = await (
        await core.api('/simulator/chats', { method: 'POST', body: JSON.stringify({ firstName: 'Ada' }) })
      ).json()
      const sent = await (
        await core.api(`/simulator/chats/${chat.id}/messages`, {
          method: 'POST',
          body: JSON.stringify({ text: '/start' }),
        })
      ).json()
      expect(sent.updateId).toBeGreaterThan(0)
      const reply = await until(async () => {
        const t = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
        return t.items.find((i: { from: string }) => i.from === 'bot')
      }, 'the reply')
      expect(reply.text).toBe('Hello, Ada')
    } finally {
      await core.close()
    }
  })

  it('applies strict rules (HTTPS, Telegram ports) before calling the Bot API when the simulator is strict', async () => {
    const core = await startTestCore()
    try {
      await core.api('/telegram/simulator', { method: 'POST', body: '{}' })
      await core.api('/settings', { method: 'PUT', body: JSON.stringify({ simulatorStrict: true }) })
      const http = await core.api('/telegram/reachability', {
        method: 'POST',
        body: JSON.stringify({ mode: 'own', publicUrl: 'http://bot.example.com' }),
      })
      expect(http.status).toBe(400)
      expect((await http.json()).error.message).toMatch(/https:\/\/ URL/)
      const port = await core.api('/telegram/reachability', {
        method: 'POST',
        body: JSON.stringify({ mode: 'direct', host: '203.0.113.7', port: 9443, bindHost: '127.0.0.1' }),
      })
      expect(port.status).toBe(400)
      expect((await port.json()).error.message).toMatch(
        /only to ports 443, 80, 88 or 8443; 9443 would be refused/,
      )
    } finally {
      await core.close()
    }
  })
})
