import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  exportAtsdEndpointsXml,
  exportAtsdRulesXml,
  importAtsdXml,
  MAX_RULES,
  MAX_XML_BYTES,
} from '../../../../../../src/main/core/rules/xml'

const readFixture = (name: string): string =>
  readFileSync(resolve('tests/fixtures/shared/atsd', name), 'utf8')

function errorOf(xml: string): { message: string; line?: number; column?: number } {
  const result = importAtsdXml(xml)
  if (result.ok) throw new Error('expected the import to be refused')
  return result.error
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rules><rule><name>&lol9;</name></rule></rules>`

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE rules [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rules><rule><name>&xxe;</name><metric>message</metric><expression>true</expression></rule></rules>`

describe('importAtsdXml: refusals', () => {
  it('refuses a billion-laughs document before parsing, naming the DOCTYPE and where it is', () => {
    const error = errorOf(BILLION_LAUGHS)
    expect(error).toMatchObject({ line: 2, column: 1 })
    expect(error.message).toMatch(/^<!DOCTYPE declarations are refused: they can define entities/)
  })

  it('refuses an external entity, and a lone ENTITY declaration, whatever their case', () => {
    expect(errorOf(EXTERNAL_ENTITY).message).toMatch(/DOCTYPE declarations are refused/)
    expect(errorOf('<rules><!entity x "y"></rules>')).toMatchObject({ line: 1, column: 8 })
  })

  it('refuses references to undeclared entities rather than keeping them as text', () => {
    const error = errorOf('<rules>\n<rule><name>a &xxe; b</name></rule></rules>')
    expect(error).toMatchObject({ line: 2, column: 15 })
    expect(error.message).toContain('the undeclared entity &xxe;')
  })

  it('refuses character references to characters XML cannot hold', () => {
    expect(errorOf('<rules><rule><name>&#0;</name></rule></rules>').message).toContain('&#0;')
  })

  it.each([
    ['an unclosed tag', '<rules>\n  <rule>\n    <name>x</name>\n</rules>', 4, 1],
    ['a mismatched closing tag', '<rules><rule><name>x</nam></rule></rules>', 1, 21],
    ['a bare ampersand', '<rules>\n<rule><filter>a && b</filter></rule></rules>', 2, 17],
    ['a repeated attribute', '<rules a="1" a="2"></rules>', 1, 14],
    ['two roots', '<rules></rules>\n<rules></rules>', 2, 7],
  ])('reports %s with its line and column', (_label, xml, line, column) => {
    const error = errorOf(xml)
    expect(error.message).toMatch(/^Malformed XML: /)
    expect({ line: error.line, column: error.column }).toEqual({ line, column })
  })

  it('refuses empty input and text that is not XML', () => {
    expect(errorOf('').message).toMatch(/^Malformed XML/)
    expect(errorOf('rules').message).toMatch(/^Malformed XML/)
  })

  it('refuses another root with a message naming both accepted ones', () => {
    expect(errorOf('<portals><portal/></portals>').message).toBe(
      'The root element is <portals>: expected <rules> (an ATSD rules export) or <list> (an ATSD web notification endpoints export).',
    )
  })

  it('refuses input larger than 5 MiB', () => {
    const xml = `<rules><rule><description>${'x'.repeat(MAX_XML_BYTES)}</description></rule></rules>`
    expect(errorOf(xml).message).toMatch(/at most 5242880 bytes \(5 MiB\) are accepted/)
  })

  it('refuses more rules than MAX_RULES', () => {
    const xml = `<rules>${'<rule/>'.repeat(MAX_RULES + 1)}</rules>`
    expect(errorOf(xml).message).toBe(
      `The document holds ${MAX_RULES + 1} rules; at most ${MAX_RULES} are imported at once.`,
    )
  })

  it('refuses nesting deeper than the parser allows instead of throwing', () => {
    const xml = `<rules>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</rules>`
    expect(errorOf(xml).message).toMatch(/^Malformed XML: Maximum nested tags exceeded/)
  })
})

describe('importAtsdXml: what it accepts that is unusual', () => {
  it('skips a rule without a name or condition and says why, importing the others', () => {
    const result = importAtsdXml(
      '<rules><rule><metric>message</metric></rule><rule><name>ok</name><expression>true</expression></rule></rules>',
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.rules.map((rule) => rule.name)).toEqual(['ok'])
    expect(result.value.report.rules[0]).toMatchObject({ name: '(rule #1)', status: 'skipped' })
    expect(result.value.report.rules[0]?.fields.map((f) => f.detail)).toEqual([
      'skipped: name is missing',
      'skipped: expression is missing: a rule needs a condition',
      'message rule',
    ])
  })

  it('skips the second of two rules with the same name', () => {
    const rule = '<rule><name>dup</name><expression>true</expression></rule>'
    const result = importAtsdXml(`<rules>${rule}${rule}</rules>`)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.rules).toHaveLength(1)
    expect(result.value.report.rules.map((r) => r.status)).toEqual(['imported', 'skipped'])
    expect(result.value.report.warnings).toContain('Rule "dup" appears twice; the first one is imported.')
  })

  it('skips a rule whose window Hookbench cannot represent', () => {
    const result = importAtsdXml(
      '<rules><rule><name>w</name><expression>true</expression><window>time(1 month)</window></rule></rules>',
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.report.rules[0]?.status).toBe('skipped')
    expect(result.value.report.rules[0]?.fields[0]?.detail).toBe(
      'skipped: window "time(1 month)" is not length(N) or time(N unit)',
    )
  })

  it('folds several entity names into one LIKE list before the original filter', () => {
    const result = importAtsdXml(
      "<rules><rule><name>e</name><expression>true</expression><filter>type = 'x'</filter><entityFilter> a  b* </entityFilter></rule></rules>",
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.rules[0]?.filter).toBe("entity LIKE ('a', 'b*') AND (type = 'x')")
  })

  it('treats elements and entities named like Object.prototype members as ordinary names', () => {
    const result = importAtsdXml(
      '<rules><rule><name>p</name><expression>true</expression><toString>1</toString><hasOwnProperty/>' +
        '<valueOf>x</valueOf></rule></rules>',
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.rules[0]?.atsdExtra).toEqual({
      toString: '<toString>1</toString>',
      hasOwnProperty: '<hasOwnProperty/>',
      valueOf: '<valueOf>x</valueOf>',
    })
    expect(errorOf('<rules><rule><name>&toString;</name></rule></rules>').message).toContain(
      'undeclared entity &toString;',
    )
  })

  it('keeps a time filter it cannot apply for export, and drops a repeated single-valued element', () => {
    const xml =
      '<rules><rule><name>t</name><expression>true</expression><filter>a = 1</filter><filter>b = 2</filter>' +
      '<timeFilter><intervalCount>1</intervalCount><intervalUnit>MONTH</intervalUnit></timeFilter></rule></rules>'
    const result = importAtsdXml(xml)
    if (!result.ok) throw new Error(result.error.message)
    const [rule] = result.value.rules
    expect(rule?.filter).toBe('a = 1')
    expect(rule?.timeFilter).toBeUndefined()
    expect(result.value.report.rules[0]?.fields).toContainEqual({
      field: 'filter',
      outcome: 'ignored',
      detail: 'repeated element: the first one is used, this one dropped',
    })
    expect(result.value.report.warnings).toEqual([
      'Rule "t": time filter not applied: "1 month" is not an interval Hookbench supports (millisecond … week)',
    ])
    expect(exportAtsdRulesXml(result.value.rules)).toContain('<intervalUnit>MONTH</intervalUnit>')
  })

  it('reports an element named constructor as malformed instead of throwing', () => {
    expect(errorOf('<rules><rule><constructor/></rule></rules>').message).toMatch(
      /^Malformed XML: .*"constructor"/,
    )
  })

  it('accepts a byte-order mark, comments and processing instructions', () => {
    const result = importAtsdXml(
      '\uFEFF<?xml version="1.0"?><!-- c --><rules><?pi x?><rule><name>b</name><expression>true</expression></rule></rules>',
    )
    expect(result.ok && result.value.rules.map((rule) => rule.name)).toEqual(['b'])
  })
})

// Mutations a damaged or hand-edited file might have: cut, duplicated, inserted or replaced text.
const SNIPPETS = [
  '<',
  '>',
  '&',
  '&amp;',
  '<![CDATA[',
  ']]>',
  '</rule>',
  '<rule>',
  '<name>',
  '"',
  '\r\n',
  '<!--',
  '&#xd;',
  '\u0000',
]
function mutate(text: string, ops: { kind: number; at: number; length: number; snippet: string }[]): string {
  let out = text
  for (const op of ops) {
    const at = op.at % (out.length + 1)
    const end = Math.min(out.length, at + op.length)
    if (op.kind === 0) out = out.slice(0, at) + out.slice(end)
    else if (op.kind === 1) out = out.slice(0, at) + out.slice(at, end) + out.slice(at)
    else if (op.kind === 2) out = out.slice(0, at) + op.snippet + out.slice(at)
    else out = out.slice(0, at) + op.snippet + out.slice(end)
  }
  return out
}

describe('importAtsdXml: robustness', () => {
  const fixtures = [
    'rules.xml',
    'rules_outgoing_webhook.xml',
    'custom-github-rule.xml',
    'custom-jenkins-rule.xml',
    'custom-github-notification.xml',
    'custom-jenkins-notification.xml',
  ].map(readFixture)
  const op = fc.record({
    kind: fc.integer({ min: 0, max: 3 }),
    at: fc.nat(),
    length: fc.integer({ min: 0, max: 60 }),
    snippet: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 })),
  })

  it('never throws on mutated fixture text, and what it imports exports again', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(op, { minLength: 1, maxLength: 4 }),
        (fixture, ops) => {
          const result = importAtsdXml(mutate(fixture, ops))
          if (!result.ok) {
            expect(result.error.message.length).toBeGreaterThan(0)
            return
          }
          expect(importAtsdXml(exportAtsdRulesXml(result.value.rules)).ok).toBe(true)
          expect(importAtsdXml(exportAtsdEndpointsXml(result.value.endpoints)).ok).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })
})
