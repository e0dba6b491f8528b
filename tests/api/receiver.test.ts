import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startTestCore, TEST_USER, type TestCore } from '../helpers/start-core'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore({ settings: { maxBodyBytes: 64 * 1024 } })
})
afterAll(() => core.close())

const update = readFixture('telegram/private-text.json')

async function detail(id: number) {
  const res = await core.api(`/requests/${id}`)
  expect(res.status).toBe(200)
  return res.json()
}

describe('webhook receiver', () => {
  it('stores a Telegram update with its message command and answers 200 with the request id', async () => {
    const res = await core.webhook('/telegram?command.message=message.text', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: update,
    })
    expect(res.status).toBe(200)
    const { ok, id } = await res.json()
    expect(ok).toBe(true)
    const d = await detail(id)
    expect(d.status).toBe(200)
    expect(d.authOutcome).toBe('ok')
    expect(d.user).toBe('telegram')
    expect(d.body).toBe(update)
    expect(d.updateId).toBe(815196407)
    expect(d.command.entity).toBe('telegram')
    expect(d.command.source).toBe('telegram')
    expect(d.command.message).toBe('status of cpu_busy on nurswgvml007?')
    expect(d.command.tags['message.from.first_name']).toBe('Ada')
    expect(d.command.tags.request_ip).toBe('127.0.0.1')
    // The stored Authorization header keeps the user, never the password.
    expect(d.headers.authorization).toBe('Basic telegram:***')
  })

  it('answers debug=true with exactly the command as JSON', async () => {
    const res = await core.webhook('/jenkins?entity=test-1&type=ci&severity=3&debug=true&action=started')
    expect(res.status).toBe(200)
    const text = await res.text()
    const cmd = JSON.parse(text)
    expect(Object.keys(cmd)).toEqual(['entity', 'type', 'source', 'severity', 'message', 'date', 'tags'])
    expect(cmd).toMatchObject({
      entity: 'test-1',
      type: 'ci',
      source: 'jenkins',
      severity: 'WARNING',
      message: null,
    })
    expect(cmd.tags).toEqual({ action: 'started', request_ip: '127.0.0.1' })
    expect(cmd.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('converts form bodies and keeps other content types raw, converting from the query only', async () => {
    const form = await core.webhook('/travis?debug=true&json.parse=payload', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'event=build&payload=' + encodeURIComponent('{"id":371662529,"config":{"os":"linux"}}'),
    })
    expect((await form.json()).tags).toMatchObject({
      event: 'build',
      'payload.id': '371662529',
      'payload.config.os': 'linux',
    })
    const raw = await core.webhook('/raw?kind=x', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    })
    const { id } = await raw.json()
    const d = await detail(id)
    expect(d.body).toBe('hello')
    expect(d.command.tags).toEqual({ kind: 'x', request_ip: '127.0.0.1' })
    expect(d.warnings.join(' ')).toMatch(/text\/plain/)
  })

  it('answers 400 naming the three ways to give an entity, and keeps the request', async () => {
    const res = await core.webhook('?type=x')
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.message).toMatch(/entity=/)
    expect(body.error.message).toMatch(/command\.entity/)
    expect(body.error.message).toMatch(/header\.entity/)
    const d = await detail(body.id)
    expect(d.status).toBe(400)
    expect(d.error.code).toBe('no_entity')
  })

  it('answers 400 with the line and column where malformed JSON broke, and keeps the body', async () => {
    const broken = '{\n  "a": 1,\n  "b": }'
    const res = await core.webhook('/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: broken,
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.where[0]).toMatchObject({ line: 3, column: 8 })
    const d = await detail(body.id)
    expect(d.body).toBe(broken)
    expect(d.error).toMatchObject({ code: 'malformed_json', line: 3, column: 8 })
  })

  it('answers 413 for a body over the limit and keeps its head with error too_large', async () => {
    const big = 'x'.repeat(200 * 1024)
    const res = await core.webhook('/big', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: big,
    })
    expect(res.status).toBe(413)
    const { id } = await res.json()
    const d = await detail(id)
    expect(d.error.code).toBe('too_large')
    expect(d.size).toBe(200 * 1024)
    expect(d.bodyTruncated).toBe(true)
  })

  it('records a deeply nested document as the request error and keeps serving', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    const res = await core.webhook('/deep', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep.slice(0, 60_000),
    })
    expect(res.status).toBe(400)
    const health = await fetch(`${core.baseUrl}/api/health`)
    expect(health.status).toBe(200)
  })

  it('answers 405 to other methods, still storing the request', async () => {
    const res = await core.webhook('/x?entity=e', { method: 'PUT', body: 'x' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, POST')
    const { id } = await res.json()
    expect((await detail(id)).method).toBe('PUT')
  })

  it('marks a redelivered Telegram update as a duplicate of the first', async () => {
    const body = JSON.stringify({
      update_id: 4242,
      message: { message_id: 1, text: 'again', chat: { id: 1 } },
    })
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body }
    const first = await (await core.webhook('/dup', init)).json()
    const second = await (await core.webhook('/dup', init)).json()
    expect((await detail(first.id)).duplicateOf).toBeNull()
    expect((await detail(second.id)).duplicateOf).toBe(first.id)
  })
})

describe('webhook authentication', () => {
  it('answers 401 with WWW-Authenticate, keeps no body and records an incident for a wrong password', async () => {
    const before = (await (await core.api('/requests')).json()).total
    const res = await core.webhook('/telegram', {
      method: 'POST',
      auth: { name: 'telegram', password: 'wrong-password-1' },
      headers: { 'content-type': 'application/json' },
      body: update,
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/)
    const after = (await (await core.api('/requests')).json()).total
    expect(after).toBe(before)
    const incidents = await (await core.api('/incidents')).json()
    expect(incidents.items[0]).toMatchObject({
      user: 'telegram',
      reason: 'wrong user name or password',
      remoteAddress: '127.0.0.1',
    })
    expect(incidents.items[0].path).toMatch(/\/webhook\/telegram$/)
    expect(JSON.stringify(incidents)).not.toContain('wrong-password-1')
  })

  it('answers 401 without credentials unless anonymous webhooks are allowed', async () => {
    expect((await core.webhook('/x?entity=a', { auth: null })).status).toBe(401)
    await core.api('/settings', { method: 'PUT', body: JSON.stringify({ allowAnonymous: true }) })
    const res = await core.webhook('/x?entity=a', { auth: null })
    expect(res.status).toBe(200)
    const { id } = await res.json()
    expect((await detail(id)).authOutcome).toBe('anonymous')
    await core.api('/settings', { method: 'PUT', body: JSON.stringify({ allowAnonymous: false }) })
    expect((await core.webhook('/x?entity=a', { auth: null })).status).toBe(401)
  })

  it('answers 403 and records an incident when a user writes an entity outside its patterns', async () => {
    const created = await core.api('/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'jenkins', password: 'jenkins-pass-1', entities: ['ci-*'] }),
    })
    expect(created.status).toBe(200)
    const auth = { name: 'jenkins', password: 'jenkins-pass-1' }
    expect((await core.webhook('/ci-main', { auth })).status).toBe(200)
    const res = await core.webhook('/prod', { auth })
    expect(res.status).toBe(403)
    const incidents = await (await core.api('/incidents')).json()
    expect(incidents.items[0]).toMatchObject({ user: 'jenkins', reason: 'entity not allowed: prod' })
  })

  it('stops accepting a password once it is reset', async () => {
    const auth = { name: 'resetme', password: 'first-password' }
    await core.api('/users', { method: 'POST', body: JSON.stringify({ ...auth, entities: ['*'] }) })
    expect((await core.webhook('/e', { auth })).status).toBe(200)
    await core.api('/users/resetme', { method: 'PUT', body: JSON.stringify({ password: 'second-password' }) })
    expect((await core.webhook('/e', { auth })).status).toBe(401)
    expect(
      (await core.webhook('/e', { auth: { name: 'resetme', password: 'second-password' } })).status,
    ).toBe(200)
  })

  it('throttles repeated failures from one address with 429 and Retry-After, recording it', async () => {
    const c = await startTestCore({ settings: { authFailuresPerMinute: 3 } })
    try {
      const bad = { name: 'telegram', password: 'nope-nope-nope' }
      for (let i = 0; i < 3; i++) expect((await c.webhook('/t', { auth: bad })).status).toBe(401)
      const res = await c.webhook('/t', { auth: TEST_USER })
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    } finally {
      await c.close()
    }
  })
})
