import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestCore, TEST_TOKEN, TEST_USER, type TestCore } from '../helpers/start-core'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

describe('control API', () => {
  it('answers /api/health without a token', async () => {
    const res = await fetch(`${core.baseUrl}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('{"ok":true}')
  })

  it('refuses a missing or wrong token with 401', async () => {
    expect((await fetch(`${core.baseUrl}/api/requests`)).status).toBe(401)
    const wrong = await core.api('/requests', { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect((await wrong.json()).error.kind).toBe('unauthorized')
  })

  it('refuses a non-loopback Host or Origin (DNS rebinding) with 403', async () => {
    const { request } = await import('node:http')
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${core.baseUrl}/api/requests`,
          { headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers } },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        req.end()
      })
    expect(await status({ host: 'evil.example:8780' })).toBe(403)
    expect(await status({ origin: 'http://evil.example' })).toBe(403)
    expect(await status({ origin: `http://localhost:${core.port}` })).toBe(200)
  })

  it('lists requests newest first with total and a cursor, and filters them', async () => {
    for (let i = 0; i < 5; i++) await core.webhook(`/page-${i}?entity=pager&n=${i}`)
    await core.webhook('/other', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"needle":"haystack-xyz"}',
    })
    const first = await (await core.api('/requests?limit=2&path=page-')).json()
    expect(first.total).toBe(5)
    expect(first.items.map((r: { path: string }) => r.path)).toEqual([
      '/api/v1/messages/webhook/page-4',
      '/api/v1/messages/webhook/page-3',
    ])
    const second = await (await core.api(`/requests?limit=2&path=page-&cursor=${first.next}`)).json()
    expect(second.items[0].path).toBe('/api/v1/messages/webhook/page-2')
    const found = await (await core.api('/requests?text=haystack-x')).json()
    expect(found.total).toBe(1)
    expect(found.items[0].path).toMatch(/other$/)
    const errors = await (await core.api('/requests?errorsOnly=true')).json()
    expect(errors.items.every((r: { error: unknown }) => r.error !== null)).toBe(true)
    const byStatus = await (await core.api('/requests?status=2xx&entity=pager')).json()
    expect(byStatus.total).toBe(5)
  })

  it('answers 400 with the field path for bad input, and 404 for a missing request', async () => {
    const bad = await core.api('/requests?limit=0')
    expect(bad.status).toBe(400)
    const body = await bad.json()
    expect(body.error.kind).toBe('invalid_input')
    expect(body.error.where[0].path).toEqual(['limit'])
    const missing = await core.api('/requests/999999')
    expect(missing.status).toBe(404)
  })

  it('lists messages and filters them by tag', async () => {
    await core.webhook('/tagged?entity=t1&color=red')
    await core.webhook('/tagged?entity=t2&color=blue')
    const red = await (await core.api('/messages?tag=color%3Dred')).json()
    expect(red.items.map((m: { entity: string }) => m.entity)).toEqual(['t1'])
    const any = await (await core.api('/messages?tag=color')).json()
    expect(any.total).toBe(2)
  })

  it('finds messages by the text they contain, case-insensitively, with % and _ taken literally', async () => {
    await core.webhook('/texts?entity=x1&message=Disk%20100%25%20full')
    await core.webhook('/texts?entity=x2&message=disk%20ok')
    await core.webhook('/texts?entity=x3&message=cpu_busy')
    const disk = await (await core.api('/messages?text=DISK')).json()
    expect(disk.items.map((m: { entity: string }) => m.entity).sort()).toEqual(['x1', 'x2'])
    const percent = await (await core.api(`/messages?text=${encodeURIComponent('100%')}`)).json()
    expect(percent.items.map((m: { entity: string }) => m.entity)).toEqual(['x1'])
    const underscore = await (await core.api('/messages?text=u_b')).json()
    expect(underscore.items.map((m: { entity: string }) => m.entity)).toEqual(['x3'])
  })

  it('manages webhook users without ever returning a password or hash', async () => {
    const create = await core.api('/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'bob', password: 'short' }),
    })
    expect(create.status).toBe(400)
    expect((await create.json()).error.where[0].path).toEqual(['password'])
    expect(
      (
        await core.api('/users', {
          method: 'POST',
          body: JSON.stringify({ name: 'bob', password: 'long-enough-1' }),
        })
      ).status,
    ).toBe(200)
    const dup = await core.api('/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'bob', password: 'long-enough-1' }),
    })
    expect(dup.status).toBe(409)
    const list = await (await core.api('/users')).json()
    expect(list.items.map((u: { name: string }) => u.name)).toContain('bob')
    expect(JSON.stringify(list)).not.toMatch(/long-enough|hash|salt/)
    expect((await (await core.api('/users/bob', { method: 'DELETE' })).json()).deleted).toBe(true)
  })

  it('validates and persists settings', async () => {
    const bad = await core.api('/settings', { method: 'PUT', body: JSON.stringify({ maxBodyBytes: 'huge' }) })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.where[0].path).toEqual(['maxBodyBytes'])
    const ok = await core.api('/settings', {
      method: 'PUT',
      body: JSON.stringify({ retention: { maxRows: 5000 } }),
    })
    expect((await ok.json()).retention).toEqual({ maxRows: 5000, maxAgeDays: 30 })
    expect((await (await core.api('/settings')).json()).retention.maxRows).toBe(5000)
  })

  it('pushes request.received and message.converted over the WebSocket event stream', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${core.port}/api/events`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    })
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    const seen: { type: string }[] = []
    const got = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        seen.push(JSON.parse(String(data)))
        if (seen.some((e) => e.type === 'message.converted')) resolve()
      })
    })
    await core.webhook('/live?entity=live')
    await got
    expect(seen.map((e) => e.type)).toEqual(['request.received', 'message.converted'])
    ws.close()
  })

  it('refuses the event stream without a token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${core.port}/api/events`)
    const code = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.once('open', () => resolve(101))
    })
    expect(code).toBe(401)
  })

  it('clears requests on request and says how many', async () => {
    const c = await startTestCore()
    try {
      await c.webhook('/a?entity=a')
      const res = await (await c.api('/requests', { method: 'DELETE' })).json()
      expect(res.deleted).toBe(1)
      expect((await (await c.api('/requests')).json()).total).toBe(0)
    } finally {
      await c.close()
    }
  })

  it('never writes the webhook password or the token to the log', () => {
    const all = core.logs.join('\n')
    expect(all).not.toContain(TEST_USER.password)
    expect(all).not.toContain(TEST_TOKEN)
  })
})
