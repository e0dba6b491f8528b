import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startHttpPeer, type HttpPeer } from '../helpers/http-peer'
import { startTestCore, tempDir, type TestCore } from '../helpers/start-core'
import { definitionOf } from '../helpers/rule-definition'

// Issue 18 item 13: an HTTP action's secret header values live in the secret store, never in the rule.
const BEARER = 's3cr3t-bearer-credential-4242'
const MARKED = 'marked-header-value-5353'
const NEW_BEARER = 'n3w-bearer-credential-6464'

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

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) })
const secretsFile = (dir: string): Record<string, string> =>
  JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>
/** The rules table as stored, every column of every row. */
function rulesTable(dir: string, table = 'rules'): string {
  const db = new DatabaseSync(join(dir, 'hookbench.db'), { readOnly: true })
  try {
    return JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all())
  } finally {
    db.close()
  }
}
/** The database files (main, WAL) as bytes: what a copy of the data folder would hand over. */
const databaseBytes = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.startsWith('hookbench.db'))
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n')
async function fire(entity: string, count: number) {
  await core.webhook(`/hdr?entity=${entity}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"text":"hi"}',
  })
  return (await peer.waitForRequests(count)).at(-1)!
}

const httpAction = (path: string, headers: Record<string, string>, extra: object = {}) => ({
  kind: 'http',
  on: ['OPEN', 'REPEAT'],
  url: `${peer.url}${path}`,
  headers,
  body: '{"m":"${message}"}',
  ...extra,
})

describe('an HTTP action’s secret header values', () => {
  it('are kept in the secret store: absent from the database, the rules API, the export and the logs; sent for real', async () => {
    const created = await core.api(
      '/rules',
      json('POST', {
        name: 'hdr secrets',
        filter: "entity = 'hdr-1'",
        actions: [
          httpAction(
            '/one',
            { Authorization: `Bearer ${BEARER}`, 'X-Sig': MARKED, 'X-Trace': 'plain' },
            { secretHeaders: ['x-sig'] },
          ),
        ],
      }),
    )
    expect(created.status).toBe(200)
    const { rule } = await created.json()
    expect(rule.actions[0].headers).toEqual({
      Authorization: 'Bearer ***',
      'X-Sig': '***',
      'X-Trace': 'plain',
    })
    expect(rule.actions[0].id).toEqual(expect.any(String))

    const answers = [
      await (await core.api('/rules')).text(),
      await (await core.api(`/rules/${rule.id}`)).text(),
      await (await core.api('/rules/export')).text(),
      await (await core.api(`/rules/export?ids=${rule.id}`)).text(),
      rulesTable(core.dataDir),
      databaseBytes(core.dataDir),
    ]
    const sent = await fire('hdr-1', 1)
    expect(sent.headers.authorization).toBe(`Bearer ${BEARER}`)
    expect(sent.headers['x-sig']).toBe(MARKED)
    expect(sent.headers['x-trace']).toBe('plain')
    await core.notifier.idle()
    const deliveries = await (await core.api('/deliveries')).text()
    expect(JSON.parse(deliveries).items[0].request.headers).toMatchObject({
      Authorization: 'Bearer ***',
      'X-Sig': '***',
    })
    // The dry run of the stored rule, and of a draft with a value just typed, show the placeholders.
    const command = {
      entity: 'hdr-1',
      type: 'webhook',
      source: 'test',
      severity: null,
      message: null,
      date: new Date().toISOString(),
      tags: {},
    }
    const test = await (await core.api(`/rules/${rule.id}/test`, json('POST', { command }))).json()
    expect(test.actions[0].texts['headers.Authorization']).toBe('Bearer ***')
    const draftTest = await core.api(
      '/rules/test',
      json('POST', {
        rule: { ...definitionOf(rule), actions: [httpAction('/one', { 'X-Api-Key': BEARER })] },
        command,
      }),
    )
    expect((await draftTest.json()).actions[0].texts['headers.X-Api-Key']).toBe('***')
    answers.push(deliveries, JSON.stringify(test), rulesTable(core.dataDir), databaseBytes(core.dataDir))
    for (const secret of [BEARER, MARKED]) {
      expect(answers.filter((a) => a.includes(secret)).map((a) => a.slice(0, 200))).toEqual([])
      expect(core.logs.filter((l) => l.includes(secret))).toEqual([])
    }
    const stored = Object.entries(secretsFile(core.dataDir)).filter(([name]) => name.includes(rule.id))
    expect(Object.fromEntries(stored)).toEqual({
      [`header:${rule.id}:${rule.actions[0].id}:authorization`]: `Bearer ${BEARER}`,
      [`header:${rule.id}:${rule.actions[0].id}:x-sig`]: MARKED,
    })
  })

  it('keep the stored value when the placeholder comes back, take a new one, clear on empty, go with the rule', async () => {
    const { rule } = await (
      await core.api(
        '/rules',
        json('POST', {
          name: 'hdr update',
          filter: "entity = 'hdr-2'",
          actions: [httpAction('/two', { Authorization: `Bearer ${BEARER}`, 'X-Api-Key': MARKED })],
        }),
      )
    ).json()
    const mine = () => Object.keys(secretsFile(core.dataDir)).filter((name) => name.includes(rule.id))
    peer.reset()
    // Saved as the editor or the enable switch sends it: placeholders unchanged, the name changed.
    const renamed = await core.api(
      `/rules/${rule.id}`,
      json('PUT', { ...definitionOf(rule), name: 'hdr update 2' }),
    )
    expect(renamed.status).toBe(200)
    expect((await fire('hdr-2', 1)).headers).toMatchObject({
      authorization: `Bearer ${BEARER}`,
      'x-api-key': MARKED,
    })

    const action = rule.actions[0]
    const replaced = { ...action, headers: { ...action.headers, Authorization: `Bearer ${NEW_BEARER}` } }
    await core.api(`/rules/${rule.id}`, json('PUT', { ...definitionOf(rule), actions: [replaced] }))
    expect((await fire('hdr-2', 2)).headers.authorization).toBe(`Bearer ${NEW_BEARER}`)
    expect(mine().map((name) => secretsFile(core.dataDir)[name])).toEqual([`Bearer ${NEW_BEARER}`, MARKED])

    const cleared = { ...action, headers: { Authorization: 'Bearer ***', 'X-Api-Key': '' } }
    const afterClear = await (
      await core.api(`/rules/${rule.id}`, json('PUT', { ...definitionOf(rule), actions: [cleared] }))
    ).json()
    expect(afterClear.rule.actions[0].headers).toEqual({ Authorization: 'Bearer ***', 'X-Api-Key': '' })
    expect(mine()).toEqual([`header:${rule.id}:${action.id}:authorization`])
    expect((await fire('hdr-2', 3)).headers.authorization).toBe(`Bearer ${NEW_BEARER}`)

    expect((await core.api(`/rules/${rule.id}`, { method: 'DELETE' })).status).toBe(200)
    expect(mine()).toEqual([])
    expect(Object.values(secretsFile(core.dataDir))).not.toContain(`Bearer ${NEW_BEARER}`)
  })

  it('follow their action when actions are reordered, and a placeholder with nothing stored is refused', async () => {
    const { rule } = await (
      await core.api(
        '/rules',
        json('POST', {
          name: 'hdr order',
          filter: "entity = 'hdr-3'",
          actions: [
            httpAction('/a', { Authorization: 'Bearer value-of-a' }),
            httpAction('/b', { Authorization: 'Bearer value-of-b' }),
          ],
        }),
      )
    ).json()
    const [a, b] = rule.actions
    const reordered = await core.api(
      `/rules/${rule.id}`,
      json('PUT', { ...definitionOf(rule), actions: [b, a] }),
    )
    expect(reordered.status).toBe(200)
    peer.reset()
    await fire('hdr-3', 2)
    const byPath = Object.fromEntries(peer.requests.map((r) => [r.url, r.headers.authorization]))
    expect(byPath).toEqual({ '/a': 'Bearer value-of-a', '/b': 'Bearer value-of-b' })

    // A header renamed with its placeholder: no value is stored under the new name.
    const renamed = { ...a, headers: { 'X-Auth-Token': '***' } }
    const refused = await core.api(
      `/rules/${rule.id}`,
      json('PUT', { ...definitionOf(rule), actions: [renamed] }),
    )
    expect(refused.status).toBe(400)
    const { error } = await refused.json()
    expect(error.kind).toBe('invalid_input')
    expect(error.message).toContain('X-Auth-Token of action 1 shows the masked placeholder')
    expect(error.where).toEqual([{ path: ['actions', 0, 'headers', 'X-Auth-Token'] }])
  })
})

const importXml = (file: string) =>
  core.api('/rules/import', {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: readFixture(`atsd/${file}`),
  })

describe('an imported ATSD rule whose endpoint has BASIC credentials', () => {
  it('keeps the Authorization header it became in the secret store, and the export writes no value', async () => {
    expect((await importXml('custom-jenkins-notification.xml')).status).toBe(200)
    const result = await (await importXml('custom-jenkins-rule.xml')).json()
    const id = result.rules[0].id as string
    const rule = await (await core.api(`/rules/${id}`)).json()
    expect(rule.actions[0].headers).toEqual({ Authorization: 'Basic ***' })
    const credentials = Buffer.from('username:111111').toString('base64')
    const exported = await (await core.api(`/rules/export?ids=${id}`)).text()
    expect(exported).toContain('<webNotificationConfigName>jenkins-notif</webNotificationConfigName>')
    for (const text of [JSON.stringify(rule), exported, rulesTable(core.dataDir), ...core.logs])
      expect(text).not.toContain(credentials)
    expect(secretsFile(core.dataDir)[`header:${id}:${rule.actions[0].id}:authorization`]).toBe(
      `Basic ${credentials}`,
    )
    await core.api(`/rules/${id}`, { method: 'DELETE' })
  })
})

describe('an imported ATSD endpoint with its own secret header', () => {
  it("keeps the header's value in the secret store, and the rules made from it still send it", async () => {
    expect((await importXml('custom-github-notification.xml')).status).toBe(200)
    const endpoints = rulesTable(core.dataDir, 'endpoints')
    expect(endpoints).toContain('github-notif')
    expect(endpoints).not.toContain('1111111')
    expect(secretsFile(core.dataDir)['endpoint:github-notif:header:authorization']).toBe('token 1111111')
    const result = await (await importXml('custom-github-rule.xml')).json()
    const id = result.rules[0].id as string
    const rule = await (await core.api(`/rules/${id}`)).json()
    expect(rule.actions[0].headers.Authorization).toBe('token ***')
    expect(secretsFile(core.dataDir)[`header:${id}:${rule.actions[0].id}:authorization`]).toBe(
      'token 1111111',
    )
    expect(rulesTable(core.dataDir)).not.toContain('1111111')
    await core.api(`/rules/${id}`, { method: 'DELETE' })
  })
})

describe('rules stored with secret header values in their definition (before issue 18 item 13)', () => {
  it('are migrated at start: the values move to the secret store, the rule keeps placeholders and still sends them', async () => {
    const dataDir = tempDir()
    const first = await startTestCore({ dataDir })
    const { rule } = await (
      await first.api('/rules', json('POST', { name: 'old format', filter: "entity = 'hdr-old'" }))
    ).json()
    await first.close()
    // What an earlier version stored: the values in clear, no action id.
    const db = new DatabaseSync(join(dataDir, 'hookbench.db'))
    const row = db.prepare('SELECT definition, updated_at FROM rules WHERE id = ?').get(rule.id) as {
      definition: string
      updated_at: number
    }
    const old = {
      ...JSON.parse(row.definition),
      actions: [
        {
          ...httpAction('/old', { Authorization: `Bearer ${BEARER}`, 'X-Sig': MARKED, Accept: 'text/plain' }),
          secretHeaders: ['X-Sig'],
          method: 'POST',
          enabled: true,
          repeat: { all: true },
          contentType: 'application/json',
        },
      ],
    }
    db.prepare('UPDATE rules SET definition = ? WHERE id = ?').run(JSON.stringify(old), rule.id)
    db.close()

    const second = await startTestCore({ dataDir })
    try {
      const got = await (await second.api(`/rules/${rule.id}`)).json()
      expect(got.actions[0].headers).toEqual({
        Authorization: 'Bearer ***',
        'X-Sig': '***',
        Accept: 'text/plain',
      })
      expect(got.updatedAt).toBe(new Date(row.updated_at).toISOString())
      expect(rulesTable(dataDir)).not.toContain(BEARER)
      expect(rulesTable(dataDir)).not.toContain(MARKED)
      expect(Object.values(secretsFile(dataDir))).toEqual([`Bearer ${BEARER}`, MARKED])
      expect(second.logs.some((l) => l.includes('moved secret header values'))).toBe(true)
      peer.reset()
      await second.webhook('/hdr?entity=hdr-old', { method: 'POST', body: '{"text":"hi"}' })
      const [sent] = await peer.waitForRequests(1)
      expect(sent!.headers).toMatchObject({ authorization: `Bearer ${BEARER}`, 'x-sig': MARKED })
      expect(second.logs.filter((l) => l.includes(BEARER) || l.includes(MARKED))).toEqual([])
    } finally {
      await second.close()
    }
  })
})
