import { describe, expect, it } from 'vitest'
import { RuleInput } from '@shared/rules'
import { draftFromRule, draftToInput, markSecretHeader, secretHeaderRows } from '@renderer/lib/rule-draft'

describe('an HTTP action’s secret headers in the editor', () => {
  it('lists each header: always secret by name, or marked by the user (any case)', () => {
    expect(secretHeaderRows('Authorization: Bearer x\nX-Custom: s\nX-Trace: t', ['x-custom'])).toEqual([
      { name: 'Authorization', always: true, marked: false },
      { name: 'X-Custom', always: false, marked: true },
      { name: 'X-Trace', always: false, marked: false },
    ])
  })

  it('marks and unmarks a header, and drops the list when it is empty', () => {
    expect(markSecretHeader(undefined, 'X-Sig', true)).toEqual(['X-Sig'])
    expect(markSecretHeader(['x-sig', 'X-Other'], 'X-SIG', false)).toEqual(['X-Other'])
    expect(markSecretHeader(['X-Sig'], 'X-Sig', false)).toBeUndefined()
  })

  it('keeps the marks through the draft and back to the rule input', () => {
    const input = RuleInput.parse({
      name: 'r',
      actions: [
        { kind: 'http', url: 'https://e.example/', headers: { 'X-Sig': 's' }, secretHeaders: ['X-Sig'] },
      ],
    })
    const rule = { ...input, id: 'r1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
    const back = draftToInput(draftFromRule(rule))
    expect(back.actions?.[0]).toMatchObject({
      kind: 'http',
      secretHeaders: ['X-Sig'],
      headers: { 'X-Sig': 's' },
    })
  })
})
