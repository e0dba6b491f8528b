import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchesWildcard, wildcardMatch } from '@shared/wildcard'
import { globMatch } from '../../../../../../src/main/core/rules/expr/glob'

describe('wildcard LIKE', () => {
  it.each([
    ['*cpu*', 'High CPU on host', true],
    ['*cpu*', 'disk', false],
    ['cpu*', 'cpu_busy', true],
    ['*busy', 'cpu_busy', true],
    ['*busy', 'busy cpu', false],
    ['a*b*a', 'aba', true],
    ['a*b*a', 'ab', false],
    ['ab*ba', 'aba', false],
    ['**', '', true],
    ['', '', true],
    ['x', 'X', true],
    ['h?st*', 'host-1', true],
    ['*ß*', 'STRAßE', true],
    ['*😀?', 'smile 😀!', true],
  ])('%s LIKE %s → %s', (pattern, text, expected) => {
    expect(globMatch(text, pattern)).toBe(expected)
  })

  it('the star-only fast path agrees with the code-point matcher', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A'), maxLength: 12 })
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', 'B'), maxLength: 8 })
    fc.assert(
      fc.property(text, pattern, (t, p) => {
        const slow = matchesWildcard(Array.from(t.toLowerCase()), Array.from(p.toLowerCase()))
        expect(wildcardMatch(p, t, true)).toBe(slow)
        expect(wildcardMatch(p, t)).toBe(matchesWildcard(Array.from(t), Array.from(p)))
      }),
      { numRuns: 2000 },
    )
  })
})
