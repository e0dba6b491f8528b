import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseExpression, parseTemplate } from '../../../../../../src/main/core/rules/expr'

const ATSD_DIR = fileURLToPath(new URL('../../../../../fixtures/shared/atsd/', import.meta.url))

// Element text as ATSD wrote it: CDATA unwrapped, the XML entities the fixtures use decoded.
function decode(xml: string): string {
  return xml
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function extract(): { file: string; what: string; source: string }[] {
  const found: { file: string; what: string; source: string }[] = []
  for (const file of readdirSync(ATSD_DIR).filter((f) => f.endsWith('.xml'))) {
    const xml = readFileSync(ATSD_DIR + file, 'utf8')
    for (const m of xml.matchAll(/<(filter|expression)>([\s\S]*?)<\/\1>/g)) {
      found.push({ file, what: m[1] ?? '', source: decode(m[2] ?? '') })
    }
    for (const m of decode(xml).matchAll(/\$\{([^}]*)\}/g))
      found.push({ file, what: '${}', source: m[1] ?? '' })
  }
  return found
}

const EXPRESSIONS = extract()

describe('ATSD fixture expressions', () => {
  it('finds the filters, conditions and placeholders in the fixtures', () => {
    const sources = new Set(EXPRESSIONS.map((e) => e.source))
    expect(EXPRESSIONS.filter((e) => e.what === 'filter')).toHaveLength(1)
    expect(EXPRESSIONS.filter((e) => e.what === 'expression')).toHaveLength(4)
    for (const s of ['avg() > 10 || max() > 85', 'value  > 1', 'true', '100 - value', 'tags', 'chartLink']) {
      expect(sources).toContain(s)
    }
  })

  it.each(EXPRESSIONS.map((e) => [e.file, e.what, e.source] as const))(
    '%s %s parses: %s',
    (_f, _w, source) => {
      const result = parseExpression(source)
      expect(result.ok ? 'ok' : result.error.message).toBe('ok')
    },
  )

  it('parses every notification text of the fixtures as a template without errors', () => {
    for (const file of readdirSync(ATSD_DIR).filter((f) => f.endsWith('.xml'))) {
      const parts = parseTemplate(decode(readFileSync(ATSD_DIR + file, 'utf8')))
      expect(parts.flatMap((p) => (p.kind === 'expr' && p.error ? [p.error.message] : []))).toEqual([])
    }
  })
})
