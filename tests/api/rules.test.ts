import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { definitionOf } from '../helpers/rule-definition'

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0'
const FIXTURE_FILTER =
  "type = 'webhook' && source = 'slack' || source = 'telegram' && entity = 'slack' || entity = 'telegram'"

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) })
async function createRule(input: object) {
  const res = await core.api('/rules', json('POST', input))
  expect(res.status).toBe(200)
  return res.json()
}

describe('rules API: CRUD', () => {
  it('creates, reads, lists, updates and deletes a rule', async () => {
    const created = await createRule({ name: 'crud', condition: 'count() >= 2', window: 'length(5)' })
    expect(created.warnings).toEqual([])
    const rule = created.rule
    expect(rule).toMatchObject({
      name: 'crud',
      enabled: true,
      filter: '',
      condition: 'count() >= 2',
      window: 'length(5)',
      groupByEntity: true,
      groupTags: 'none',
      severity: 'UNDEFINED',
      leavingEvents: true,
      actions: [],
      openAlerts: 0,
      lastFiredAt: null,
      lastError: null,
    })
    expect(rule.id).toEqual(expect.any(String))

    expect(await (await core.api(`/rules/${rule.id}`)).json()).toEqual(rule)
    const list = await (await core.api('/rules')).json()
    expect(list.items.map((r: { id: string }) => r.id)).toContain(rule.id)
    expect(list.total).toBe(list.items.length)

    const updated = await core.api(
      `/rules/${rule.id}`,
      json('PUT', { ...definitionOf(rule), severity: 'MAJOR' }),
    )
    expect(updated.status).toBe(200)
    const after = (await updated.json()).rule
    expect(after).toMatchObject({ id: rule.id, severity: 'MAJOR', createdAt: rule.createdAt })

    expect(await (await core.api(`/rules/${rule.id}`, { method: 'DELETE' })).json()).toEqual({
      deleted: true,
    })
    const gone = await core.api(`/rules/${rule.id}`)
    expect(gone.status).toBe(404)
    expect((await gone.json()).error.kind).toBe('not_found')
    expect(await (await core.api(`/rules/${rule.id}`, { method: 'DELETE' })).json()).toEqual({
      deleted: false,
    })
  })

  it('answers 409 with field name when another rule has the name', async () => {
    await createRule({ name: 'taken' })
    const res = await core.api('/rules', json('POST', { name: 'taken' }))
    expect(res.status).toBe(409)
    expect((await res.json()).error).toMatchObject({ kind: 'conflict', field: 'name' })
  })

  it('answers 400 naming the field for an invalid window', async () => {
    const res = await core.api('/rules', json('POST', { name: 'bad-window', window: 'length(0)' }))
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({ kind: 'invalid_input', field: 'window' })
  })

  it.each([
    ['condition', 'count() >=', 1, 11],
    ['filter', "entity = 'a' AND\n  (source = 'b'", 2, 16],
    ['filter', "entity = = 'a'", 1, 10],
    ['condition', "message LIKE 'x*' AND\nnosuchfn(1) > 2", 2, 1],
  ])(
    'answers 400 with the field, line and column when the %s %j does not parse',
    async (field, text, line, column) => {
      const res = await core.api(
        '/rules',
        json('POST', { name: `bad-${field}-${line}-${column}`, [field]: text }),
      )
      expect(res.status).toBe(400)
      const { error } = await res.json()
      expect(error).toMatchObject({
        field,
        line,
        column,
        message: expect.stringContaining(`line ${line}, column ${column}`),
      })
      expect(error.message).toMatch(new RegExp(`^${field}: `))
      // Nothing is half-saved.
      const list = await (await core.api('/rules')).json()
      expect(list.items.map((r: { name: string }) => r.name)).not.toContain(`bad-${field}-${line}-${column}`)
    },
  )

  it('warns at save time about tag names no stored message has carried, and saves the rule anyway', async () => {
    const sent = await core.webhook('/ci?entity=warned&colour=red&build.number=7')
    expect(sent.status).toBe(200)
    const saved = await createRule({
      name: 'tag-typos',
      filter: "tags.colour = 'red'",
      condition: "tags.color = 'red' || tags['build.number'] > 5",
      actions: [{ kind: 'desktop', text: '${tags.sizee} ${tags.colour}' }],
    })
    expect(saved.rule.id).toEqual(expect.any(String))
    expect(saved.warnings).toHaveLength(2)
    expect(saved.warnings.join('\n')).toMatch(/"color"/)
    expect(saved.warnings.join('\n')).toMatch(/"sizee"/)
    expect(saved.warnings.join('\n')).not.toMatch(/"colour"|"build.number"/)
  })

  it('moves a botToken to the secret store: the rule, its listing and the export carry only botId', async () => {
    const saved = await createRule({
      name: 'with-token',
      actions: [{ kind: 'telegram', botToken: BOT_TOKEN, chatId: '${tags.message.chat.id}' }],
    })
    const action = saved.rule.actions[0]
    expect(action.botId).toMatch(/^bot-[0-9a-f]{12}$/)
    expect(action).not.toHaveProperty('botToken')
    expect(core.rules.botToken(action.botId)).toBe(BOT_TOKEN)

    const read = await (await core.api(`/rules/${saved.rule.id}`)).text()
    const list = await (await core.api('/rules')).text()
    const exported = await (await core.api('/rules/export')).text()
    const stored = JSON.stringify(core.store.db.prepare('SELECT * FROM rules').all())
    for (const text of [read, list, exported, stored, core.logs.join('')])
      expect(text).not.toContain(BOT_TOKEN)
    expect(read).toContain(action.botId)
  })
})

describe('rules API: ATSD XML', () => {
  let importedId = ''

  it('imports rules_outgoing_webhook.xml with a field-by-field report and stores the rule', async () => {
    const res = await core.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: readFixture('atsd/rules_outgoing_webhook.xml'),
    })
    expect(res.status).toBe(200)
    const report = await res.json()
    expect(report.warnings).toEqual([])
    expect(report.rules).toHaveLength(1)
    const [rule] = report.rules
    expect(rule).toMatchObject({ name: 'outgoing_webhook', status: 'imported', error: null })
    const outcome = (field: string) => rule.fields.find((f: { field: string }) => f.field === field)?.outcome
    expect(outcome('filter')).toBe('imported')
    expect(outcome('window')).toBe('imported')
    expect(outcome('owner')).toBe('ignored')
    for (const f of rule.fields) expect(f.detail).toEqual(expect.any(String))
    importedId = rule.id

    const stored = await (await core.api(`/rules/${importedId}`)).json()
    expect(stored).toMatchObject({
      name: 'outgoing_webhook',
      enabled: true,
      filter: FIXTURE_FILTER,
      condition: 'true',
      window: 'length(1)',
      severity: 'WARNING',
      groupTags: 'none',
      groupByEntity: true,
      timeFilter: '1 minute',
      leavingEvents: true,
      actions: [],
    })
  })

  it('exports rules XML that imports back to the same rules', async () => {
    const made = await createRule({
      name: 'round-trip',
      enabled: false,
      description: 'Several <tags> & a "quote"',
      filter: "entity LIKE 'web*' AND tags.kind IN ('a', 'b')",
      condition: 'count() >= 3',
      window: 'time(5 minute)',
      groupByEntity: false,
      groupTags: ['kind', 'env'],
      severity: 'CRITICAL',
      leavingEvents: false,
    })
    const ids = [importedId, made.rule.id]
    const before = await Promise.all(ids.map(async (id) => (await core.api(`/rules/${id}`)).json()))

    const res = await core.api(`/rules/export?ids=${ids.join(',')}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/)
    const xml = await res.text()
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><rules>/)
    expect(xml.match(/<rule>/g)).toHaveLength(2)

    const again = await core.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: xml,
    })
    expect(again.status).toBe(200)
    const report = await again.json()
    expect(
      report.rules.map((r: { name: string; status: string; id: string }) => [r.name, r.status, r.id]),
    ).toEqual([
      ['outgoing_webhook', 'replaced', importedId],
      ['round-trip', 'replaced', made.rule.id],
    ])
    const after = await Promise.all(ids.map(async (id) => (await core.api(`/rules/${id}`)).json()))
    expect(after.map(definitionOf)).toEqual(before.map(definitionOf))
  })

  it('answers 400 with line and column for XML that does not parse', async () => {
    const res = await core.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<rules>\n  <rule><name>x</rule>\n</rules>',
    })
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.kind).toBe('syntax')
    expect(error.line).toBe(2)
    // The place once (the UI lists top-level line/column and where[] together).
    expect(error.where).toBeUndefined()
  })

  it('answers 400 with no empty place for XML that parses but is not a rules export', async () => {
    const res = await core.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<notrules/>',
    })
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.message).toMatch(/root element is <notrules>/)
    expect(error).not.toHaveProperty('where')
    expect(error).not.toHaveProperty('line')
  })
})

describe('rules API: dry run', () => {
  const update = readFixture('telegram/private-text.json')
  let ruleId = ''
  let messageId = 0

  beforeAll(async () => {
    // The message is stored before the rule exists, so only the dry run ever sees it with this rule.
    const sent = await core.webhook('/telegram?command.message=message.text&entity=dry-run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: update,
    })
    expect(sent.status).toBe(200)
    const messages = await (await core.api('/messages?entity=dry-run')).json()
    messageId = messages.items[0].id
    const saved = await createRule({
      name: 'dry-run',
      filter: "entity = 'dry-run'",
      condition: "message LIKE 'status*'",
      actions: [
        {
          kind: 'telegram',
          botToken: BOT_TOKEN,
          chatId: '${tags.message.chat.id}',
          text: 'Hello, ${tags.message.from.first_name}: ${message}',
        },
        { kind: 'desktop', on: ['CANCEL'], title: '${rule}', text: 'bye ${tags.message.from.username}' },
      ],
    })
    ruleId = saved.rule.id
  })

  const test = async (body: object) => {
    const res = await core.api(`/rules/${ruleId}/test`, json('POST', body))
    expect(res.status).toBe(200)
    return res.json()
  }
  const sideEffects = async () => ({
    alerts: (await (await core.api(`/alerts?status=all&ruleId=${ruleId}`)).json()).total,
    deliveries: (await (await core.api('/deliveries')).json()).items.filter(
      (d: { ruleId: string }) => d.ruleId === ruleId,
    ).length,
    lastFiredAt: (await (await core.api(`/rules/${ruleId}`)).json()).lastFiredAt,
  })

  it('reports filter, window key, condition, the status it would reach and rendered texts for a stored message', async () => {
    const result = await test({ messageId })
    expect(result).toEqual({
      filter: { value: true, error: null },
      windowKey: 'dry-run',
      condition: { value: true, error: null },
      status: 'OPEN',
      previousStatus: null,
      // The reply fires on OPEN only: the next message in the same chat would answer nothing.
      warnings: [expect.stringContaining('No action fires on REPEAT')],
      actions: [
        {
          index: 0,
          kind: 'telegram',
          fires: true,
          texts: { chatId: '77462709', text: 'Hello, Ada: status of cpu\\_busy on nurswgvml007?' },
          emptyPlaceholders: [],
          errors: [],
        },
        {
          index: 1,
          kind: 'desktop',
          fires: false,
          texts: expect.any(Object),
          emptyPlaceholders: [],
          errors: [],
        },
      ],
    })
  })

  it('tests a given command: a false condition reaches no status and fires nothing', async () => {
    const command = {
      entity: 'dry-run',
      type: 'webhook',
      source: 'cli',
      severity: null,
      message: 'hello',
      date: '2024-05-29T16:00:00.000Z',
      tags: {},
    }
    const result = await test({ command })
    expect(result).toMatchObject({
      filter: { value: true },
      windowKey: 'dry-run',
      condition: { value: false, error: null },
      status: null,
      previousStatus: null,
    })
    expect(result.actions.map((a: { fires: boolean }) => a.fires)).toEqual([false, false])
    expect(result.actions[0].emptyPlaceholders.sort()).toEqual([
      'tags.message.chat.id',
      'tags.message.from.first_name',
    ])

    const filtered = await test({ command: { ...command, entity: 'someone-else' } })
    expect(filtered).toEqual({
      filter: { value: false, error: null },
      windowKey: null,
      condition: null,
      status: null,
      previousStatus: null,
      warnings: [expect.stringContaining('No action fires on REPEAT')],
      actions: [],
    })
  })

  it('has no side effects: no alert, no delivery, no window, and the same answer twice', async () => {
    const before = await sideEffects()
    const first = await test({ messageId })
    const second = await test({ messageId })
    expect(second).toEqual(first)
    expect(second.status).toBe('OPEN')
    await core.engine.flush()
    expect(await sideEffects()).toEqual({ ...before, alerts: 0, deliveries: 0, lastFiredAt: null })
    expect(core.store.rules.loadWindows(ruleId)).toEqual([])
  })

  it('answers 404 for a message that is not stored and 400 without messageId or command', async () => {
    const missing = await core.api(`/rules/${ruleId}/test`, json('POST', { messageId: 987654 }))
    expect(missing.status).toBe(404)
    const empty = await core.api(`/rules/${ruleId}/test`, json('POST', {}))
    expect(empty.status).toBe(400)
  })
})
