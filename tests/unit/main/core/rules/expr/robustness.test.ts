import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  evaluate,
  parseExpression,
  parseTemplate,
  renderTemplate,
  type EvalContext,
} from '../../../../../../src/main/core/rules/expr'

const ctx: EvalContext = {
  command: {
    entity: 'e',
    type: 'webhook',
    source: 's',
    severity: null,
    message: 'm',
    date: '2024-01-01T00:00:00.000Z',
    // A JSON payload can carry an own "__proto__" key; the literal syntax cannot.
    tags: JSON.parse('{"a": "1", "b.c": "x", "__proto__": "p"}') as Record<string, string>,
  },
  window: { count: 2, status: 'REPEAT', openTimeMs: 0 },
  nowMs: Date.parse('2024-01-01T00:01:00Z'),
}

const TOKENS = [
  ...['(', ')', '[', ']', ',', '.', '?', ':', '+', '-', '*', '/', '%', '=', '==', '!=', '<>', '<', '<=', '>'],
  ...['>=', '&&', '||', '!', '&', '|', '${', '}', '{', "'", '"', '\\', '//', '/*', '*/', '\n', ' '],
  ...['AND', 'or', 'NOT', 'like', 'IN', 'between', 'true', 'false', 'null', '0', '1.5', '1e400', '-1'],
  ...['entity', 'tags', 'tags.a', "tags['b.c']", 'tags.__proto__', 'constructor', 'now', 'date', 'count()'],
  ...['upper', 'matches', 'date_format', 'split', "'a*'", '"x"', "'(a+)+$'", 'abbreviate', 'toNumber'],
]
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 })

describe('robustness', () => {
  it('never throws from parseExpression or parseTemplate on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (s) => {
        parseExpression(s)
        parseTemplate(s)
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws from parse, evaluate or render on random token soups', () => {
    fc.assert(
      fc.property(tokenSoup, fc.boolean(), (tokens, spaced) => {
        const source = tokens.join(spaced ? ' ' : '')
        const parsed = parseExpression(source)
        if (parsed.ok) evaluate(parsed.value, ctx)
        renderTemplate(`x \${${source}} y`, ctx)
        parseTemplate(source)
      }),
      { numRuns: 2000 },
    )
  })

  it('returns errors rather than throwing for pathological sizes', () => {
    for (const source of ['('.repeat(9999), '-'.repeat(9999) + '1', '!'.repeat(9999), '['.repeat(9999)]) {
      expect(parseExpression(source).ok).toBe(false)
    }
    expect(parseTemplate('${'.repeat(5000)).length).toBeGreaterThan(0)
  })

  it('does not treat tag names as object prototype keys', () => {
    const parsed = parseExpression('[tags.constructor, tags.toString, tags.__proto__]')
    expect(parsed.ok && evaluate(parsed.value, ctx)).toEqual({ ok: true, value: [null, null, 'p'] })
  })

  it('matches a catastrophic-backtracking regex in linear time', { timeout: 5000 }, () => {
    const parsed = parseExpression(`matches(tags.a, '(a+)+$')`)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const input = { ...ctx, command: { ...ctx.command, tags: { a: 'a'.repeat(100_000) + '!' } } }
    expect(evaluate(parsed.value, input)).toEqual({ ok: true, value: false })
  })
})
