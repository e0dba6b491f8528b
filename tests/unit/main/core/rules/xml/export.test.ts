import { describe, expect, it } from 'vitest'
import type { RuleInput } from '@shared/rules'
import {
  exportAtsdEndpointsXml,
  exportAtsdRulesXml,
  importAtsdXml,
  type ImportedEndpoint,
} from '../../../../../../src/main/core/rules/xml'

function rulesOf(xml: string): RuleInput[] {
  const result = importAtsdXml(xml)
  if (!result.ok) throw new Error(result.error.message)
  return result.value.rules
}

const ENDPOINT: ImportedEndpoint = {
  name: 'ops',
  method: 'POST',
  contentType: 'application/json',
  url: 'https://bot:hunter2@hooks.example.org/post?token=s3cr3t-token',
  headers: { Authorization: 'Bearer abc.def.ghi', 'X-Api-Key': 'k-123', Accept: 'application/json' },
  body: '{"a": "${text}"}',
  authType: 'BASIC',
  username: 'bot',
  password: 'hunter2',
  ignoreSslErrors: false,
  logResponse: true,
  enabled: true,
}

describe('exportAtsdRulesXml', () => {
  it('escapes the filter and keeps the condition in CDATA, even when it contains ]]> and CR', () => {
    const rule: RuleInput = { name: 'a<b', filter: `tags.x = '<&>'`, condition: 'message = "]]>" || x\r = 1' }
    const xml = exportAtsdRulesXml([rule])
    expect(xml).toContain('<name>a&lt;b</name>')
    expect(xml).toContain("<filter>tags.x = '&lt;&amp;&gt;'</filter>")
    expect(xml).toContain(
      '<expression><![CDATA[message = "]]]]><![CDATA[>" || x]]>&#xd;<![CDATA[ = 1]]></expression>',
    )
    expect(rulesOf(xml)[0]).toMatchObject(rule)
  })

  it('leaves out what ATSD cannot hold, with a comment for each, never silently', () => {
    const rule: RuleInput = {
      name: 'mixed',
      condition: 'true',
      actions: [
        { kind: 'telegram', chatId: '42' },
        { kind: 'http', url: 'https://example.org' },
        { kind: 'desktop' },
        { kind: 'http', url: 'atsd-endpoint:ops', endpoint: 'ops' },
      ],
    }
    const xml = exportAtsdRulesXml([rule])
    expect(xml).toContain(
      '<!-- Hookbench: Rule "mixed", action 1 (telegram) has no ATSD equivalent and was not exported. -->',
    )
    expect(xml).toContain(
      '<!-- Hookbench: Rule "mixed", action 2 (http) has no ATSD endpoint and was not exported; create a web notification for it in ATSD. -->',
    )
    expect(xml).toContain('action 3 (desktop) has no ATSD equivalent')
    expect(rulesOf(xml)[0]?.actions).toMatchObject([{ kind: 'http', endpoint: 'ops' }])
  })

  it('does not write an atsdExtra value that is not well-formed XML of its own name', () => {
    const rule: RuleInput = {
      name: 'r',
      condition: 'true',
      atsdExtra: {
        owner: '</rule><rule><name>injected</name><expression>true</expression></rule><rule><owner>x</owner>',
        lastUpdated: '<lastUpdated>1</lastUpdated>',
        window: '<window>length(9)</window>',
        ruleTable: 'plain text',
      },
    }
    const xml = exportAtsdRulesXml([rule])
    expect(rulesOf(xml).map((r) => r.name)).toEqual(['r'])
    expect(rulesOf(xml)[0]?.atsdExtra).toEqual({ lastUpdated: '<lastUpdated>1</lastUpdated>' })
    for (const name of ['owner', 'window', 'ruleTable']) {
      expect(xml).toContain(
        `<!-- Hookbench: Rule "r": kept element <${name}> is not valid XML for it and was not exported. -->`,
      )
    }
  })

  it('writes a comment instead of a rule that fails the schema', () => {
    const xml = exportAtsdRulesXml([{ name: 'bad', condition: 'true', window: 'forever' } as RuleInput])
    expect(xml).toMatch(/<!-- Hookbench: rule #1 is not valid \(window: Use length\(N\) or time\(N unit\)/)
    expect(rulesOf(xml)).toEqual([])
  })

  it('drops the entity filter when the filter no longer starts with the clause it was folded into', () => {
    const [rule] = rulesOf(
      '<rules><rule><name>e</name><expression>true</expression><entityFilter>atsd</entityFilter></rule></rules>',
    )
    if (!rule) throw new Error('no rule')
    const edited = exportAtsdRulesXml([{ ...rule, filter: "entity = 'other'" }])
    expect(edited).not.toContain('<entityFilter>')
    expect(rulesOf(edited)[0]?.filter).toBe("entity = 'other'")
    expect(exportAtsdRulesXml([rule])).toContain('<entityFilter>atsd</entityFilter>')
  })

  it('writes an empty <rules> for no rules', () => {
    expect(exportAtsdRulesXml([])).toBe('<?xml version="1.0" encoding="UTF-8"?><rules>\n</rules>\n')
  })
})

describe('exportAtsdEndpointsXml', () => {
  it('writes every field and re-imports to the same endpoint', () => {
    const xml = exportAtsdEndpointsXml([ENDPOINT])
    expect(xml).toContain('<password>hunter2</password>')
    const result = importAtsdXml(xml)
    expect(result.ok && result.value.endpoints).toStrictEqual([ENDPOINT])
  })

  it('masks passwords, secret headers and URL credentials with maskSecrets', () => {
    const xml = exportAtsdEndpointsXml([ENDPOINT], { maskSecrets: true })
    for (const secret of ['hunter2', 'abc.def.ghi', 'k-123', 's3cr3t-token'])
      expect(xml).not.toContain(secret)
    expect(xml).toContain('<password>***</password>')
    expect(xml).toContain(
      'Authorization: Bearer ***&#xd;\nX-Api-Key: ***&#xd;\nAccept: application/json</headers>',
    )
    expect(xml).toContain('<username>bot</username>')
  })

  it('masks the github fixture token', () => {
    const result = importAtsdXml(
      '<list><com.axibase.tsd.model.notifications.WebNotificationConfig><name>g</name><headers>Authorization: token 1111111</headers></com.axibase.tsd.model.notifications.WebNotificationConfig></list>',
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(exportAtsdEndpointsXml(result.value.endpoints, { maskSecrets: true })).toContain(
      '<headers>Authorization: token ***</headers>',
    )
  })

  it('reports header lines that are not Name: value and keeps the rest', () => {
    const result = importAtsdXml(
      '<list><com.axibase.tsd.model.notifications.WebNotificationConfig><name>h</name><headers>Accept: a&#xd;\nnot a header&#xd;\n\nX-A: 1&#xd;\nx-a: 2</headers></com.axibase.tsd.model.notifications.WebNotificationConfig></list>',
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.endpoints[0]?.headers).toEqual({ Accept: 'a', 'X-A': '1, 2' })
    expect(result.value.report.endpoints[0]?.fields[1]?.detail).toBe(
      '2 header(s) from Name: value lines; line "not a header" is not "Name: value"; dropped; header x-a repeats; values joined with ", "',
    )
  })
})
