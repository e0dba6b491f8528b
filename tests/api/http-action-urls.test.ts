import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpPeer, type HttpPeer } from '../helpers/http-peer'
import { startTestCore, type TestCore } from '../helpers/start-core'

// Issue 18 item 14: an HTTP action URL that can never be sent is refused at save, at its field; one that
// only turns out unsendable when rendered fails at once, as a permanent failure, not retried five times.

let core: TestCore
let peer: HttpPeer
beforeAll(async () => {
  peer = await startHttpPeer()
  core = await startTestCore()
})
afterAll(async () => {
  await core.close()
  await peer.close()
})

const rule = (name: string, url: string) => ({
  name,
  filter: `entity = '${name}'`,
  actions: [{ kind: 'http', url, body: '{}' }],
})

describe('HTTP action URLs', () => {
  it.each([
    [
      'credentials',
      'https://alice:s3cr3t-pw@example.com/hook',
      /^actions\[0\]\.url carries credentials \(user:password@\)/,
    ],
    [
      'credentials with a placeholder',
      'https://alice:s3cr3t-pw@example.com/${entity}',
      /carries credentials/,
    ],
    ['not a URL', 'example.com/hook', /^actions\[0\]\.url is not a valid URL/],
    ['another scheme', 'ftp://example.com/hook', /^actions\[0\]\.url uses ftp, not http or https\.$/],
  ])(
    'refuses a URL with %s at save, at its field, without echoing a password',
    async (_name, url, message) => {
      const res = await core.api('/rules', { method: 'POST', body: JSON.stringify(rule('refused', url)) })
      expect(res.status).toBe(400)
      const { error } = await res.json()
      expect(error.kind).toBe('invalid_input')
      expect(error.message).toMatch(message)
      expect(error.message).not.toContain('s3cr3t-pw')
      expect(error.where).toEqual([{ path: ['actions', 0, 'url'] }])
      expect(error.field).toBe('actions.0.url')
      expect(
        (await (await core.api('/rules')).json()).items.map((r: { name: string }) => r.name),
      ).not.toContain('refused')
    },
  )

  it('accepts a URL made of placeholders, and keeps a plain one', async () => {
    for (const [name, url] of [
      ['templated', '${tags.target}'],
      ['plain', `${peer.url}/ok`],
    ]) {
      const res = await core.api('/rules', { method: 'POST', body: JSON.stringify(rule(name!, url!)) })
      expect(res.status, name).toBe(200)
    }
  })

  async function onlyDeliveryOf(ruleId: string) {
    let deliveries: { ruleId: string; attempt: number; outcome: string; error: string }[] = []
    await expect
      .poll(async () => {
        deliveries = (await (await core.api('/deliveries')).json()).items.filter(
          (d: { ruleId: string }) => d.ruleId === ruleId,
        )
        return deliveries.length
      })
      .toBe(1)
    await core.notifier.idle()
    deliveries = (await (await core.api('/deliveries')).json()).items.filter(
      (d: { ruleId: string }) => d.ruleId === ruleId,
    )
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]).toMatchObject({ attempt: 1, outcome: 'failed' })
    return deliveries[0]!
  }

  it.each([
    ['a URL that does not parse once rendered', { url: '${tags.target}' }, /is not a valid URL/],
    [
      'a header value fetch refuses',
      { url: `http://127.0.0.1:1/x`, headers: { 'X-Note': '${tags.target}' } },
      /^Not sent \(not retried\)|^The request cannot be sent \(not retried\)/,
    ],
  ])('fails %s once, as permanent, not five times', async (_name, action, reason) => {
    const entity = `perm-${Math.random().toString(36).slice(2, 8)}`
    const created = await core.api('/rules', {
      method: 'POST',
      body: JSON.stringify({ ...rule(entity, ''), actions: [{ kind: 'http', body: '{}', ...action }] }),
    })
    expect(created.status).toBe(200)
    const sent = await core.webhook(`/p?entity=${entity}&target=${encodeURIComponent('a\u0000b')}`)
    expect(sent.status).toBe(200)
    const d = await onlyDeliveryOf((await created.json()).rule.id)
    expect(d.error).toMatch(reason)
  })

  it('fails a URL with credentials kept by an earlier version once, without echoing the password', async () => {
    // Saving refuses it now; a rule stored before that is loaded as it is.
    const created = await core.api('/rules', {
      method: 'POST',
      body: JSON.stringify(rule('legacy-creds', `http://127.0.0.1:1/x`)),
    })
    const { rule: saved } = await created.json()
    const {
      id,
      createdAt: _c,
      updatedAt: _u,
      openAlerts: _o,
      lastFiredAt: _l,
      lastError: _e,
      ...definition
    } = saved
    definition.actions[0].url = 'https://bob:hunter2-pw@127.0.0.1:1/x'
    await core.store.writer.write(() => core.store.rules.upsert(id, definition, Date.now()))
    await core.engine.ruleChanged(core.store.rules.get(id)!)
    expect((await core.webhook('/p?entity=legacy-creds')).status).toBe(200)
    const d = await onlyDeliveryOf(id)
    expect(d.error).toBe(
      'Not sent (not retried): the URL carries credentials (user:password@), which fetch refuses; put them in an Authorization header.',
    )
    const deliveries = await (await core.api('/deliveries')).text()
    expect(deliveries + core.logs.join('')).not.toContain('hunter2-pw')
  })
})
