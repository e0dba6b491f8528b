import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchesWildcard, wildcardMatch } from '@shared/wildcard'
import {
  checkNames,
  evaluate,
  parseExpression,
  type EvalContext,
  type Expr,
} from '../../../../../../src/main/core/rules/expr'

const ctxWith = (message: string, budget?: EvalContext['budget']): EvalContext => ({
  command: { entity: 'e', type: 'webhook', source: 's', severity: null, message, date: '', tags: {} },
  nowMs: 0,
  ...(budget && { budget }),
})

const parse = (source: string): Expr => {
  const r = parseExpression(source)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** The reference: a regex built from the pattern (fine for the short inputs of a property test). */
const reference = (pattern: string, text: string) =>
  new RegExp(
    `^${Array.from(pattern, (c) => (c === '*' ? '[^]*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}-]/g, '\\$&'))).join('')}$`,
    'su',
  ).test(text)

describe('wildcard matching (issue 18.8)', () => {
  it('agrees with a regex reference for patterns with ? and *', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '😀'), maxLength: 14 })
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '😀'), maxLength: 9 })
    fc.assert(
      fc.property(text, pattern, (t, p) => {
        expect(wildcardMatch(p, t)).toBe(reference(p, t))
        expect(matchesWildcard(Array.from(t), Array.from(p))).toBe(reference(p, t))
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['*a?c*', 'xxabcxx', true],
    ['*a?c*a?c', 'abcabc', true],
    ['*a?c*a?c', 'abcab', false],
    ['?', '😀', true],
    ['??', '😀', false],
    // Pieces longer than one 32-bit word of the bit-parallel search.
    [`*${'ab?'.repeat(30)}*`, `zz${'abx'.repeat(30)}zz`, true],
    [`*${'ab?'.repeat(30)}*`, `zz${'abx'.repeat(29)}zz`, false],
  ])('%s LIKE %s → %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected)
  })

  it("answers '*a{2000}b?' on a 1 MB text (the pattern that backtracked for 6.8 s)", () => {
    const pattern = `*${'a'.repeat(2000)}b?`
    expect(wildcardMatch(pattern, `${'a'.repeat(1_000_000)}bX`)).toBe(true)
    expect(wildcardMatch(pattern, `${'a'.repeat(1_000_000)}X`)).toBe(false)
    expect(wildcardMatch(`*${pattern}*`, `${'a'.repeat(1_000_000)}bXa`)).toBe(true)
  })
})

describe('htmlDecode', () => {
  const old = (s: string) =>
    s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity: string, body: string) => {
      const named: Record<string, string> = {
        amp: '&',
        lt: '<',
        gt: '>',
        quot: '"',
        apos: "'",
        nbsp: '\u00a0',
      }
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
        return code <= 0x10ffff ? String.fromCodePoint(code) : entity
      }
      return Object.hasOwn(named, body.toLowerCase()) ? named[body.toLowerCase()]! : entity
    })
  const decode = (s: string) => {
    // No time limit here: this checks the result, the bench its speed.
    const r = evaluate(parse('htmlDecode(message)'), ctxWith(s, { timeMs: Infinity }))
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }

  it('decodes as the regex version did, lone surrogates included', () => {
    const unit = fc.constantFrom('&', '#', 'x', ';', 'a', 'l', 't', 'A', 'M', 'P', '1', 'F', '\uD800', 'é')
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (s) => {
        expect(decode(s)).toBe(old(s))
      }),
      { numRuns: 3000 },
    )
    expect(decode('&#x1F600;&#xD800;&nbsp;&#1114112;&constructor;')).toBe(
      old('&#x1F600;&#xD800;&nbsp;&#1114112;&constructor;'),
    )
  })

  it('decodes 5 MB of entities', () => {
    expect(decode('&lt;'.repeat(1_250_000))).toBe('<'.repeat(1_250_000))
  })
})

describe('evaluation budget', () => {
  it('stops past its units of work with an error at the node that crossed it', () => {
    const r = evaluate(
      parse('length(concat(message, message)) > 0'),
      ctxWith('x'.repeat(600), { work: 1000 }),
    )
    expect(r).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/^Evaluation stopped: the expression did more than 1,000 units/),
        column: 8,
      },
    })
  })

  it('runs the same expression within a larger budget', () => {
    expect(evaluate(parse('length(concat(message, message)) > 0'), ctxWith('x'.repeat(600)))).toEqual({
      ok: true,
      value: true,
    })
  })

  it('stops past its time budget', () => {
    let doubled = 'message'
    for (let i = 0; i < 6; i++) doubled = `replace(${doubled}, 'a', 'aa')`
    const r = evaluate(parse(`length(${doubled})`), ctxWith('a'.repeat(100_000), { timeMs: 0 }))
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'Evaluation stopped: the expression ran longer than 0 ms' },
    })
  })
})

describe('matches() patterns RE2 refuses are found at save (issue 18.9)', () => {
  it.each([
    ["matches(message, '(?<=a)b')", 'lookbehind', 18],
    ["message.matches('(?<!a)b')", 'lookbehind', 17],
    ["matches(message, 'a(?=b)')", 'lookahead', 18],
    ["matches(message, '(a)\\\\1')", 'backreferences', 18],
    ["matches(message, '(a')", 'invalid regular expression', 18],
  ])('%s → %s at column %i', (source, what, column) => {
    const [error, ...more] = checkNames(parse(source), { scope: 'condition' })
    expect(more).toEqual([])
    expect(error).toMatchObject({ line: 1, column, message: expect.stringContaining(what) })
  })

  it('accepts RE2 patterns and leaves computed ones to evaluation', () => {
    expect(checkNames(parse("matches(message, '^a+b$')"), { scope: 'condition' })).toEqual([])
    expect(checkNames(parse('matches(message, tags.p)'), { scope: 'condition' })).toEqual([])
  })
})
