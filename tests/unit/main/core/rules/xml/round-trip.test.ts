import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEVERITY_NAMES } from '@shared/message'
import { RuleInput, type RuleActionInput } from '@shared/rules'
import {
  exportAtsdEndpointsXml,
  exportAtsdRulesXml,
  importAtsdXml,
  type AtsdImport,
  type ImportedEndpoint,
} from '../../../../../../src/main/core/rules/xml'

const readFixture = (name: string): string =>
  readFileSync(resolve('tests/fixtures/shared/atsd', name), 'utf8')

function imported(xml: string, endpoints?: ImportedEndpoint[]): AtsdImport {
  const result = importAtsdXml(xml, { endpoints })
  if (!result.ok)
    throw new Error(`import failed: ${result.error.message} at ${result.error.line}:${result.error.column}`)
  return result.value
}

const ENDPOINTS = [
  ...imported(readFixture('custom-github-notification.xml')).endpoints,
  ...imported(readFixture('custom-jenkins-notification.xml')).endpoints,
]
const RULE_FIXTURES = [
  'rules.xml',
  'rules_outgoing_webhook.xml',
  'custom-github-rule.xml',
  'custom-jenkins-rule.xml',
]

describe('exportAtsdRulesXml round trip', () => {
  it.each(
    RULE_FIXTURES.flatMap((file) => [
      [file, 'without endpoints', []] as const,
      [file, 'with endpoints', ENDPOINTS] as const,
    ]),
  )(
    're-imports the export of %s (%s) as the same rules with the same report statuses',
    (file, _label, endpoints) => {
      const first = imported(readFixture(file), [...endpoints])
      expect(first.rules.length).toBeGreaterThan(0)
      const xml = exportAtsdRulesXml(first.rules)
      const second = imported(xml, [...endpoints])
      expect(second.rules).toStrictEqual(first.rules)
      expect(second.report.rules.map((r) => r.status)).toEqual(first.report.rules.map((r) => r.status))
      expect(exportAtsdRulesXml(second.rules)).toBe(xml)
    },
  )

  it('writes the export in ATSD shape: CDATA condition, escaped filter, entity filter split back out', () => {
    const xml = exportAtsdRulesXml([
      ...imported(readFixture('rules.xml')).rules,
      ...imported(readFixture('rules_outgoing_webhook.xml')).rules,
    ])
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?><rules>\n    <rule>\n        <name>atsd.jvm.low_memory</name>',
      ),
    ).toBe(true)
    expect(xml).toContain('<expression><![CDATA[avg() > 10 || max() > 85]]></expression>')
    expect(xml).toContain('<entityFilter>atsd</entityFilter>')
    expect(xml).toContain('<metric>jvm_memory_used_percent</metric>')
    expect(xml).toContain('<enabled>true</enabled>')
    expect(xml).toContain(
      "<filter>type = 'webhook' &amp;&amp; source = 'slack' || source = 'telegram' &amp;&amp; entity = 'slack' || entity = 'telegram'</filter>",
    )
    expect(xml).toContain('<webNotificationConfigName>Telegram</webNotificationConfigName>')
    expect(xml).not.toMatch(/<filter>entity LIKE/)
  })

  it('round-trips a DEFINED_TAGS rule, an INTERVAL repeat, NONE repeat and a disabled notification', () => {
    const xml = `<rules><rule><name>z</name><metric>message</metric><tags>cluster, host</tags>
      <tagsGroupingStrategy>DEFINED_TAGS</tagsGroupingStrategy><expression>count() = 0</expression>
      <window>time(2 minute)</window><severity>warn</severity><disableEntityGrouping>true</disableEntityGrouping>
      <timeFilter><intervalCount>0</intervalCount><intervalUnit>SECOND</intervalUnit></timeFilter>
      <webNotification><disabled>true</disabled><repeat-interval><type>INTERVAL</type><intervalCount>6</intervalCount>
      <intervalUnit>HOUR</intervalUnit></repeat-interval><webNotificationConfigName>a</webNotificationConfigName>
      <first-enabled>true</first-enabled><repeat-enabled>true</repeat-enabled><cancel-enabled>true</cancel-enabled></webNotification>
      <webNotification><repeat-interval><type>NONE</type></repeat-interval><webNotificationConfigName>b</webNotificationConfigName>
      <first-enabled>false</first-enabled><repeat-enabled>true</repeat-enabled><cancel-enabled>false</cancel-enabled></webNotification>
      </rule></rules>`
    const first = imported(xml)
    const [rule] = first.rules
    expect(rule).toMatchObject({ groupTags: ['cluster', 'host'], groupByEntity: false, severity: 'WARNING' })
    expect(rule?.timeFilter).toBeUndefined()
    expect(rule?.actions).toMatchObject([
      { endpoint: 'a', enabled: false, repeat: { interval: '6 hour' }, on: ['OPEN', 'REPEAT', 'CANCEL'] },
      { endpoint: 'b', enabled: false, on: ['OPEN'] },
    ])
    expect(first.report.rules[0]?.fields.map((f) => f.field)).toContain('webNotification[1].repeat-interval')
    expect(imported(exportAtsdRulesXml(first.rules)).rules).toStrictEqual(first.rules)
  })
})

describe('exportAtsdEndpointsXml round trip', () => {
  it('re-imports the exported endpoints unchanged, CRLF header lines included', () => {
    const xml = exportAtsdEndpointsXml(ENDPOINTS)
    expect(xml).toContain(
      '<headers>Accept: application/vnd.github.v3+json&#xd;\nAuthorization: token 1111111</headers>',
    )
    expect(imported(xml).endpoints).toStrictEqual(ENDPOINTS)
  })
})

// Text that stresses escaping: markup characters, CDATA terminators, CR, quotes, non-BMP characters.
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '7',
    ' ',
    '\n',
    '\r',
    '\t',
    '&',
    '<',
    '>',
    '"',
    "'",
    ']]>',
    ']',
    '${',
    '}',
    'é',
    '😀',
  ),
  maxLength: 40,
})
const nonBlank = tricky.filter((text) => text.trim() !== '')
const word = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,11}$/)
const interval = fc
  .tuple(
    fc.integer({ min: 1, max: 9_999 }),
    fc.constantFrom('millisecond', 'second', 'minute', 'hour', 'day', 'week'),
  )
  .map(([count, unit]) => `${count} ${unit}`)
const repeat = fc.oneof(
  fc.constant({ all: true as const }),
  fc.integer({ min: 1, max: 1_000_000 }).map((every) => ({ every })),
  interval.map((text) => ({ interval: text })),
)
// ATSD writes a parameter list per status, so an empty list and no list are the same thing there.
const params = fc.dictionary(word, tricky, { minKeys: 1, maxKeys: 3 })
const endpoint: ImportedEndpoint = {
  name: 'hook',
  method: 'PUT',
  contentType: 'text/plain',
  url: 'https://example.org/${Path}',
  headers: { 'X-Token': 'abc' },
  body: '{"text": "${Text}"}',
  authType: 'NONE',
  username: '',
  password: '',
  ignoreSslErrors: false,
  logResponse: false,
  enabled: true,
}
const action = fc
  .record({
    enabled: fc.boolean(),
    on: fc.subarray(['OPEN', 'REPEAT', 'CANCEL'] as const, { minLength: 1 }),
    repeat,
    params: fc.option(
      fc.record({ OPEN: params, REPEAT: params, CANCEL: params }, { requiredKeys: ['OPEN'] }),
      {
        nil: undefined,
      },
    ),
  })
  .map(({ params: values, ...fields }): RuleActionInput => ({
    kind: 'http',
    ...fields,
    ...(values ? { params: values } : {}),
    endpoint: endpoint.name,
    method: 'PUT',
    url: endpoint.url,
    headers: endpoint.headers,
    body: endpoint.body,
    contentType: endpoint.contentType,
  }))
const rule = fc.record(
  {
    name: word,
    enabled: fc.boolean(),
    description: tricky,
    filter: tricky,
    condition: nonBlank,
    window: fc.constantFrom('length(1)', 'length(25)', 'time(15 minute)', 'time(2 hour)'),
    groupByEntity: fc.boolean(),
    groupTags: fc.oneof(
      fc.constantFrom('none' as const, 'all' as const),
      fc.uniqueArray(word, { minLength: 1, maxLength: 3 }),
    ),
    severity: fc.constantFrom(...SEVERITY_NAMES),
    timeFilter: interval,
    leavingEvents: fc.boolean(),
    actions: fc.array(action, { maxLength: 2 }),
  },
  { requiredKeys: ['name', 'condition'] },
)

describe('round trip property', () => {
  it('re-imports any exportable message rule as the same rule', () => {
    fc.assert(
      fc.property(rule, (input) => {
        const expected = RuleInput.parse(input)
        const again = imported(exportAtsdRulesXml([expected]), [endpoint])
        expect(again.rules).toStrictEqual([expected])
      }),
      { numRuns: 300 },
    )
  })
})
