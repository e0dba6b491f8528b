import { afterEach, describe, expect, it } from 'vitest'
import type { NgrokConnector } from '../../src/main/core/tunnel'
import { startTestCore, TEST_USER, type TestCore } from '../helpers/start-core'

/** Issue 18 items 4–6: whose X-Forwarded-For counts, attempts counted as they start, throttled attempts recorded. */

const TELEGRAM_IP = '149.154.167.220'
const bad = (i: number) => ({ name: 'telegram', password: `guess-${i}` })

/** A fake ngrok that remembers what it was asked to add to each request. */
function fakeNgrok() {
  const calls: Parameters<NgrokConnector['forward']>[0][] = []
  const connector: NgrokConnector = {
    async forward(options) {
      calls.push(options)
      return { url: () => 'https://fake.ngrok.example', close: async () => undefined }
    },
  }
  return { connector, calls }
}

let core: TestCore | null = null
afterEach(async () => {
  await core?.close()
  core = null
})

async function incidents(c: TestCore) {
  return (await (await c.api('/incidents?limit=100')).json()).items as {
    remoteAddress: string
    reason: string
    count: number
    lastTime: string | null
  }[]
}

/** Starts the fake tunnel and answers the header line it told ngrok to add. */
async function withTunnel(c: TestCore, ngrok: ReturnType<typeof fakeNgrok>): Promise<Record<string, string>> {
  const status = await c.tunnel.startNgrok({ authtoken: 'fake-authtoken-0123456789' })
  expect(status.state).toBe('online')
  const [options] = ngrok.calls
  expect(options?.request_header_remove).toBe('x-hookbench-tunnel')
  const [name, value] = String(options?.request_header_add).split(': ')
  expect(name).toBe('x-hookbench-tunnel')
  expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/)
  return { [name!]: value! }
}

describe('X-Forwarded-For is believed only from the own tunnel or a configured proxy (18.4)', () => {
  it('a local guesser rotating X-Forwarded-For is throttled on its socket address', async () => {
    core = await startTestCore({ settings: { authFailuresPerMinute: 3 } })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const res = await core.webhook('/t', {
        auth: bad(i),
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429])
    const list = await incidents(core)
    expect(new Set(list.map((i) => i.remoteAddress))).toEqual(new Set(['127.0.0.1']))
  })

  it("forging Telegram's address locally does not lock Telegram's deliveries through the tunnel out", async () => {
    const ngrok = fakeNgrok()
    core = await startTestCore({ settings: { authFailuresPerMinute: 3 }, ngrok: ngrok.connector })
    const tunnelHeader = await withTunnel(core, ngrok)
    for (let i = 0; i < 6; i++)
      await core.webhook('/t', { auth: bad(i), headers: { 'x-forwarded-for': TELEGRAM_IP } })
    expect(
      (await core.webhook('/t', { auth: bad(99), headers: { 'x-forwarded-for': TELEGRAM_IP } })).status,
    ).toBe(429)
    // The same address, arriving through the tunnel (ngrok adds the key): its own count, still clean.
    const res = await core.webhook('/t?entity=tg', {
      headers: { ...tunnelHeader, 'x-forwarded-for': TELEGRAM_IP },
      method: 'POST',
      body: '{"update_id":1}',
    })
    expect(res.status).toBe(200)
    const { id } = await res.json()
    const stored = await (await core.api(`/requests/${id}`)).json()
    expect(stored.remoteAddress).toBe(TELEGRAM_IP)
    // The key is Hookbench's own marker: never stored, never exported.
    expect(JSON.stringify(stored)).not.toContain(Object.values(tunnelHeader)[0])
    expect(Object.keys(stored.headers)).not.toContain('x-hookbench-tunnel')
  })

  it('through the tunnel the rightmost address is the client (what ngrok added), not what the client claimed', async () => {
    const ngrok = fakeNgrok()
    core = await startTestCore({ settings: { authFailuresPerMinute: 3 }, ngrok: ngrok.connector })
    const tunnelHeader = await withTunnel(core, ngrok)
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await core.webhook('/t', {
        auth: bad(i),
        headers: { ...tunnelHeader, 'x-forwarded-for': `10.0.0.${i}, 203.0.113.9` },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    expect((await incidents(core)).some((i) => i.remoteAddress === '203.0.113.9')).toBe(true)
    // A wrong key is not the tunnel: the socket's address.
    await core.webhook('/t', {
      auth: bad(50),
      headers: { 'x-hookbench-tunnel': 'forged-key-forged-key-forged-key', 'x-forwarded-for': '192.0.2.1' },
    })
    expect((await incidents(core)).some((i) => i.remoteAddress === '192.0.2.1')).toBe(false)
    // After the tunnel stops, its key means nothing.
    await core.tunnel.stop()
    await core.webhook('/t', { auth: bad(51), headers: { ...tunnelHeader, 'x-forwarded-for': '192.0.2.2' } })
    expect((await incidents(core)).some((i) => i.remoteAddress === '192.0.2.2')).toBe(false)
  })

  it('believes a configured reverse proxy, and refuses a malformed address at save', async () => {
    core = await startTestCore()
    const wrong = await core.api('/settings', {
      method: 'PUT',
      body: JSON.stringify({ trustedProxies: ['10.0.0.0/8'] }),
    })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).error.message).toMatch(/Not an IP address/)
    const ok = await core.api('/settings', {
      method: 'PUT',
      body: JSON.stringify({ trustedProxies: ['127.0.0.1'] }),
    })
    expect(ok.status).toBe(200)
    await core.webhook('/t', { auth: bad(1), headers: { 'x-forwarded-for': '198.51.100.7, 127.0.0.1' } })
    expect((await incidents(core))[0]!.remoteAddress).toBe('198.51.100.7')
  })
})

describe('attempts count as they start (18.5)', () => {
  it('of 60 guesses sent at once, no more than the limit are checked; the rest are refused without scrypt', async () => {
    core = await startTestCore({ settings: { authFailuresPerMinute: 10 } })
    const c = core
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => c.webhook('/t', { auth: bad(i) }).then((r) => r.status)),
    )
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50)
  })

  it('the right password sent on 30 connections at once is one attempt: all accepted', async () => {
    core = await startTestCore({ settings: { authFailuresPerMinute: 3 } })
    const c = core
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => c.webhook('/t?entity=e', { auth: TEST_USER }).then((r) => r.status)),
    )
    expect(statuses).toEqual(Array(30).fill(200))
  })
})

describe('throttled attempts leave a trace (18.6)', () => {
  it('one incident per burst with its count; sample and replay still go through and say so when refused', async () => {
    core = await startTestCore({ settings: { authFailuresPerMinute: 2 } })
    const ok = await core.webhook('/t?entity=keep', { auth: TEST_USER, method: 'POST', body: '{"a":1}' })
    const { id } = await ok.json()
    for (let i = 0; i < 2; i++) expect((await core.webhook('/t', { auth: bad(i) })).status).toBe(401)
    const refused = await core.webhook('/t', { auth: TEST_USER })
    expect(refused.status).toBe(429)
    const message = (await refused.json()).error.message as string
    expect(message).toMatch(/refused without checking until \d{4}-\d\d-\d\dT/)
    for (let i = 0; i < 19; i++) expect((await core.webhook('/t', { auth: bad(10 + i) })).status).toBe(429)
    await expect
      .poll(async () => (await incidents(core!)).find((i) => i.reason === 'throttled')?.count, {
        timeout: 5000,
      })
      .toBe(20)
    const list = await incidents(core)
    expect(list.filter((i) => i.reason === 'throttled')).toHaveLength(1)
    expect(list.find((i) => i.reason === 'throttled')!.lastTime).not.toBeNull()
    // The UI's sample and replay go through the receiver from 127.0.0.1, the throttled address: they are
    // Hookbench's own (per-process key), guess nothing, and are not throttled.
    const sample = await core.api('/requests/sample', { method: 'POST', body: '{}' })
    expect(sample.status).toBe(200)
    const replay = await core.api(`/requests/${id}/replay`, { method: 'POST', body: '{}' })
    expect(replay.status).toBe(200)
  })
})
