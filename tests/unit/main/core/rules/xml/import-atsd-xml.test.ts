import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { RuleActionInput } from '@shared/rules'
import {
  importAtsdXml,
  type AtsdImport,
  type ImportedEndpoint,
  type ImportReport,
} from '../../../../../../src/main/core/rules/xml'

const readFixture = (name: string): string =>
  readFileSync(resolve('tests/fixtures/shared/atsd', name), 'utf8')

function imported(xml: string, endpoints?: ImportedEndpoint[]): AtsdImport {
  const result = importAtsdXml(xml, { endpoints })
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`)
  return result.value
}

function endpointsOf(...files: string[]): ImportedEndpoint[] {
  return files.flatMap((file) => imported(readFixture(file)).endpoints)
}

function httpAction(action: RuleActionInput | undefined): Extract<RuleActionInput, { kind: 'http' }> {
  if (action?.kind !== 'http') throw new Error('expected an HTTP action')
  return action
}

/** Child element names of each record, read independently of the module under test. */
function childNamesPerRecord(xml: string, recordName: string): string[][] {
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value : [])
  const tagsOf = (node: Record<string, unknown>): string[] =>
    Object.keys(node).filter((key) => !key.startsWith('#') && key !== ':@')
  const top = list(new XMLParser({ preserveOrder: true, ignoreDeclaration: true }).parse(xml))
  const records = top
    .flatMap((node) => [...list(node.rules), ...list(node.list)])
    .filter((node) => recordName in node)
  return records.map((record) => list(record[recordName]).flatMap(tagsOf))
}

const ALL_RULE_FIXTURES = [
  'rules.xml',
  'rules_outgoing_webhook.xml',
  'custom-github-rule.xml',
  'custom-jenkins-rule.xml',
]
const ENDPOINT_FIXTURES = ['custom-github-notification.xml', 'custom-jenkins-notification.xml']

describe('importAtsdXml: fixtures', () => {
  it('imports rules_outgoing_webhook.xml as one message rule with its filter unescaped', () => {
    const { rules, report } = imported(readFixture('rules_outgoing_webhook.xml'))
    expect(rules).toHaveLength(1)
    expect(rules[0]).toMatchObject({
      name: 'outgoing_webhook',
      enabled: true,
      window: 'length(1)',
      condition: 'true',
      severity: 'WARNING',
      filter:
        "type = 'webhook' && source = 'slack' || source = 'telegram' && entity = 'slack' || entity = 'telegram'",
      groupTags: 'none',
      groupByEntity: true,
      timeFilter: '1 minute',
      leavingEvents: true,
      actions: [],
    })
    expect(rules[0]?.atsdExtra?.owner).toBe('<owner>Anna Striganova</owner>')
    expect(report.rules).toEqual([expect.objectContaining({ name: 'outgoing_webhook', status: 'imported' })])
    expect(report.warnings).toEqual([])
  })

  it('imports rules.xml: a series rule stays disabled, the entity filter folds into the filter', () => {
    const { rules, report } = imported(readFixture('rules.xml'))
    const [rule] = rules
    expect(rule).toMatchObject({
      name: 'atsd.jvm.low_memory',
      enabled: false,
      filter: "entity LIKE 'atsd'",
      condition: 'avg() > 10 || max() > 85',
      window: 'time(15 minute)',
      leavingEvents: false,
      timeFilter: '1 minute',
    })
    expect(rule?.description).toMatch(
      /^The rule creates an alert when the JVM memory is too low\.\nThe recommended/,
    )
    expect(rule?.atsdExtra?.metric).toBe('<metric>jvm_memory_used_percent</metric>')
    expect(report.rules[0]?.status).toBe('imported_disabled')
    const metric = report.rules[0]?.fields.find((field) => field.field === 'metric')
    expect(metric?.detail).toContain('Hookbench only evaluates message rules')
    const action = httpAction(rule?.actions?.[0])
    expect(action).toMatchObject({
      endpoint: 'Telegram',
      url: 'atsd-endpoint:Telegram',
      on: ['OPEN', 'REPEAT', 'CANCEL'],
      repeat: { every: 6 },
      enabled: true,
    })
    expect(action.params?.OPEN?.text).toBe('[${status}] ${rule} for ${entity} ${tags}. ${ruleLink}')
    expect(report.warnings.join('\n')).toMatch(/Endpoint "Telegram" is used by rules but was not supplied/)
  })

  it('binds custom-github-rule.xml to the github endpoint and fills its templates with the parameters', () => {
    const endpoints = endpointsOf('custom-github-notification.xml')
    const { rules, report } = imported(readFixture('custom-github-rule.xml'), endpoints)
    const [rule] = rules
    expect(rule).toMatchObject({ name: 'GitHub', groupTags: 'all', condition: 'value > 1', enabled: false })
    const action = httpAction(rule?.actions?.[0])
    expect(action).toMatchObject({
      endpoint: 'github-notif',
      method: 'POST',
      url: 'https://api.github.com/repos/username/github_repository/issues/1/comments',
      headers: { Accept: 'application/vnd.github.v3+json', Authorization: 'token 1111111' },
      contentType: 'application/json',
      repeat: { all: true },
      on: ['OPEN', 'REPEAT', 'CANCEL'],
      body: '{\r\n  "body": "[${status}] ${rule} for ${entity} ${tags}\\n\\n[Chart]()\\n\\n"\r\n}\r\n',
    })
    // The REPEAT and CANCEL texts add a CRLF line, JSON-escaped inside the body's string.
    const later =
      '{\r\n  "body": "[${status}] ${rule} for ${entity} ${tags}. \\r\\nDuration: ${alert_duration_interval}\\n\\n[Chart]()\\n\\n"\r\n}\r\n'
    expect(action.texts).toEqual({ REPEAT: later, CANCEL: later })
    expect(JSON.parse(later)).toEqual({
      body: '[${status}] ${rule} for ${entity} ${tags}. \r\nDuration: ${alert_duration_interval}\n\n[Chart]()\n\n',
    })
    expect(action.params?.OPEN).toEqual({
      chartLink: '',
      issue_id: '1',
      markdownDetailsTable: '',
      message: '[${status}] ${rule} for ${entity} ${tags}',
      repository_name: 'github_repository',
    })
    expect(action.params?.REPEAT?.message).toBe(
      '[${status}] ${rule} for ${entity} ${tags}. \r\nDuration: ${alert_duration_interval}',
    )
    expect(report.warnings).toEqual([])
  })

  it('keeps the endpoint name and asks for the endpoint when its definition is not supplied', () => {
    const { rules, report } = imported(readFixture('custom-github-rule.xml'))
    const action = httpAction(rules[0]?.actions?.[0])
    expect(action).toMatchObject({ endpoint: 'github-notif', url: 'atsd-endpoint:github-notif', headers: {} })
    const field = report.rules[0]?.fields.find((f) => f.field === 'webNotification.webNotificationConfigName')
    expect(field?.detail).toMatch(
      /endpoint "github-notif" was not supplied: import its WebNotificationConfig XML/,
    )
  })

  it('binds custom-jenkins-rule.xml: URL parameter filled, BASIC auth becomes an Authorization header, CANCEL off', () => {
    const { rules } = imported(readFixture('custom-jenkins-rule.xml'), endpointsOf(...ENDPOINT_FIXTURES))
    const [rule] = rules
    expect(rule).toMatchObject({ name: 'Jenkins', groupTags: 'none', condition: 'value  > 1' })
    expect(rule?.timeFilter).toBeUndefined()
    const action = httpAction(rule?.actions?.[0])
    expect(action).toMatchObject({
      endpoint: 'jenkins-notif',
      url: 'https://jenkins.example.org/job/atsd-api-test/buildWithParameters',
      contentType: 'application/x-www-form-urlencoded',
      body: 'timezone=Etc%2FUTC&run_extra_tests=false',
      headers: { Authorization: `Basic ${Buffer.from('username:111111').toString('base64')}` },
      on: ['OPEN', 'REPEAT'],
    })
    expect(action.params?.CANCEL).toEqual({ job_name: '', run_extra_tests: '', timezone: '' })
  })

  it('imports endpoints from custom-github-notification.xml, headers split on CRLF lines', () => {
    const { endpoints, rules, report } = imported(readFixture('custom-github-notification.xml'))
    expect(rules).toEqual([])
    expect(endpoints).toHaveLength(1)
    expect(endpoints[0]).toMatchObject({
      name: 'github-notif',
      method: 'POST',
      contentType: 'application/json',
      headers: { Accept: 'application/vnd.github.v3+json', Authorization: 'token 1111111' },
      authType: 'NONE',
      ignoreSslErrors: true,
      logResponse: true,
      enabled: true,
    })
    expect(endpoints[0]?.body).toBe(
      '{\r\n  "body": "${message}\\n\\n[Chart](${chartLink})\\n\\n${markdownDetailsTable}"\r\n}\r\n',
    )
    expect(report.endpoints[0]?.fields.find((f) => f.field === 'headers')).toMatchObject({
      outcome: 'mapped',
    })
  })

  it('imports the jenkins endpoint with BASIC credentials', () => {
    const { endpoints } = imported(readFixture('custom-jenkins-notification.xml'))
    expect(endpoints[0]).toMatchObject({
      name: 'jenkins-notif',
      authType: 'BASIC',
      username: 'username',
      password: '111111',
      headers: {},
      logResponse: false,
    })
  })
})

describe('importAtsdXml: report', () => {
  function topLevel(report: ImportReport, index: number): string[] {
    return (report.rules[index]?.fields ?? [])
      .map((f) => f.field)
      .filter((f) => f !== 'rule' && !f.includes('.'))
  }

  it.each(ALL_RULE_FIXTURES)('lists every child element of every <rule> in %s, in document order', (file) => {
    const xml = readFixture(file)
    const { report } = imported(xml)
    const expected = childNamesPerRecord(xml, 'rule')
    expect(report.rules).toHaveLength(expected.length)
    expected.forEach((names, index) => {
      expect(names.length).toBeGreaterThan(15)
      expect(topLevel(report, index)).toEqual(names)
    })
  })

  it.each(ENDPOINT_FIXTURES)('lists every child element of every endpoint in %s', (file) => {
    const xml = readFixture(file)
    const { report } = imported(xml)
    const expected = childNamesPerRecord(xml, 'com.axibase.tsd.model.notifications.WebNotificationConfig')
    expect(expected[0]).toHaveLength(14)
    expect(report.endpoints.map((endpoint) => endpoint.fields.map((f) => f.field))).toEqual(expected)
  })

  it('reports the children of a web notification under its name', () => {
    const { report } = imported(readFixture('custom-jenkins-rule.xml'))
    const fields = report.rules[0]?.fields.map((f) => f.field) ?? []
    for (const child of [
      'disabled',
      'rule-name',
      'repeat-interval',
      'name',
      'first-enabled',
      'cancel-enabled',
    ]) {
      expect(fields).toContain(`webNotification.${child}`)
    }
    expect(fields).toContain('webNotification.firstWebConfigParameters')
  })

  it('says why the alert texts are ignored and keeps them for export', () => {
    const { rules, report } = imported(readFixture('rules_outgoing_webhook.xml'))
    const field = report.rules[0]?.fields.find((f) => f.field === 'alertOpenMessage')
    expect(field).toEqual({
      field: 'alertOpenMessage',
      outcome: 'ignored',
      detail: 'Hookbench has no alert logger; texts kept for export',
    })
    expect(rules[0]?.atsdExtra?.alertOpenMessage).toMatch(
      /^<alertOpenMessage><!\[CDATA\[\$\{received_datetime\}\t/,
    )
  })

  it('reports everything Hookbench does not use as ignored and kept for export', () => {
    const { report } = imported(readFixture('rules_outgoing_webhook.xml'))
    const byField = new Map(report.rules[0]?.fields.map((f) => [f.field, f]))
    for (const name of [
      'owner',
      'lastUpdated',
      'ruleTable',
      'alertLoggerName',
      'derivedCommand',
      'scriptEnabled',
    ]) {
      expect(byField.get(name)).toEqual({
        field: name,
        outcome: 'ignored',
        detail: 'not used by Hookbench, kept for export',
      })
    }
    expect(byField.get('expression')).toMatchObject({ outcome: 'mapped' })
    expect(byField.get('name')).toMatchObject({ outcome: 'imported' })
  })
})

describe('importAtsdXml: endpoint parameters', () => {
  const endpoint: ImportedEndpoint = {
    name: 'form',
    method: 'get',
    contentType: 'application/x-www-form-urlencoded',
    url: 'https://hooks.example.org/${room}/send?q=${q}',
    headers: { 'X-Room': '${room}' },
    body: 'a=1&text=old&b=${b}',
    authType: 'NONE',
    username: '',
    password: '',
    ignoreSslErrors: false,
    logResponse: false,
    enabled: true,
  }
  const param = (group: string, key: string, value: string): string =>
    `<${group}><key>${key}</key><value>${value}</value></${group}>`
  const xml = `<rules><rule><name>p</name><metric>message</metric><expression>true</expression><webNotification>
    <webNotificationConfigName>form</webNotificationConfigName>
    ${param('firstWebConfigParameters', 'room', 'r 1/${entity}')}${param('firstWebConfigParameters', 'text', 'hi ${entity}&amp;more')}
    ${param('firstWebConfigParameters', 'b', 'B')}
    ${param('repeatWebConfigParameters', 'room', 'r2')}${param('repeatWebConfigParameters', 'text', 'again')}
    ${param('repeatWebConfigParameters', 'b', 'B')}
    <first-enabled>true</first-enabled><repeat-enabled>true</repeat-enabled><cancel-enabled>false</cancel-enabled>
    </webNotification></rule></rules>`

  it('fills URL placeholders URL-encoded, keeps placeholders of values, and overrides form fields', () => {
    const { rules, report } = imported(xml, [endpoint])
    const action = httpAction(rules[0]?.actions?.[0])
    expect(action).toMatchObject({
      method: 'GET',
      url: 'https://hooks.example.org/r%201%2F${entity}/send?q=${q}',
      headers: { 'X-Room': 'r 1/${entity}' },
      body: 'a=1&text=hi%20${entity}%26more&b=B',
      texts: { REPEAT: 'a=1&text=again&b=B' },
    })
    const field = report.rules[0]?.fields.find((f) => f.field === 'webNotification.webNotificationConfigName')
    expect(field?.detail).toContain('REPEAT parameters give another URL or headers; the OPEN ones are used')
  })

  it('disables the action when the endpoint is disabled in ATSD', () => {
    const { rules } = imported(xml, [{ ...endpoint, enabled: false }])
    expect(rules[0]?.actions?.[0]?.enabled).toBe(false)
  })
})
