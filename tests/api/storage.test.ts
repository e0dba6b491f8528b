import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestCore, TEST_TOKEN, type TestCore } from '../helpers/start-core'

describe('retention', () => {
  let core: TestCore
  beforeAll(async () => {
    core = await startTestCore()
  })
  afterAll(() => core.close())

  it('keeps at most maxRows requests, says so in an event and in the status, never silently', async () => {
    for (let i = 0; i < 8; i++) await core.webhook(`/ret-${i}?entity=r`)
    const ws = new WebSocket(`ws://127.0.0.1:${core.port}/api/events`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    })
    await new Promise((r) => ws.once('open', r))
    const applied = new Promise<{ deleted: number }>((resolve) =>
      ws.on('message', (d) => {
        const e = JSON.parse(String(d))
        if (e.type === 'retention.applied') resolve(e)
      }),
    )
    await core.api('/settings', { method: 'PUT', body: JSON.stringify({ retention: { maxRows: 3 } }) })
    await core.retention.runOnce()
    expect((await applied).deleted).toBe(5)
    ws.close()
    const list = await (await core.api('/requests')).json()
    expect(list.items.map((r: { path: string }) => r.path)).toEqual(
      ['ret-7', 'ret-6', 'ret-5'].map((p) => `/api/v1/messages/webhook/${p}`),
    )
    const status = await (await core.api('/status')).json()
    expect(status.storage).toMatchObject({ requests: 3, lastRetention: { deleted: 5 } })
    expect(core.logs.join('')).toMatch(/retention deleted old requests/)
    // Messages of deleted requests go with them.
    expect((await (await core.api('/messages')).json()).total).toBe(3)
  })

  it('drops requests older than maxAgeDays', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const c = await startTestCore({ now: () => now })
    try {
      await c.webhook('/old?entity=o')
      now += 40 * 86_400_000
      await c.webhook('/new?entity=n')
      expect(await c.retention.runOnce()).toBe(1)
      expect(
        (await (await c.api('/requests')).json()).items.map((r: { entity: string }) => r.entity),
      ).toEqual(['n'])
    } finally {
      await c.close()
    }
  })
})

describe('browser UI authentication', () => {
  let core: TestCore
  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'hb-renderer-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hookbench</title>')
    core = await startTestCore({ rendererDir })
  })
  afterAll(() => core.close())

  it('exchanges the ?token= (the API token) for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const res = await fetch(core.uiUrl, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^hb_session=.+; HttpOnly; SameSite=Strict; Path=\//)
    const session = { cookie: cookie.split(';')[0]! }
    const api = await fetch(`${core.baseUrl}/api/status`, { headers: session })
    expect(api.status).toBe(200)
    const page = await fetch(`${core.baseUrl}/`, { headers: session })
    expect(await page.text()).toContain('<title>Hookbench</title>')
  })

  it('tells a browser without the session cookie to open the UI link serve printed (not to send a header)', async () => {
    for (const headers of [{}, { cookie: 'hb_session=from-an-earlier-run' }]) {
      const bare = await fetch(`${core.baseUrl}/`, { headers })
      expect(bare.status).toBe(401)
      expect(bare.headers.get('content-type')).toMatch(/^text\/html/)
      const page = await bare.text()
      expect(page).toContain('Open the UI link that <code>hookbench serve</code> printed')
      expect(page).toContain('it carries <code>?token=…</code>')
      expect(page).not.toContain('Authorization')
      expect(page).not.toContain('<title>Hookbench</title>')
    }
  })

  it('refuses a wrong UI token', async () => {
    const res = await fetch(`${core.baseUrl}/?token=wrong`, { redirect: 'manual' })
    expect(res.status).toBe(401)
  })
})
