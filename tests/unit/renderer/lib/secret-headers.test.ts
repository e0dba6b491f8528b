import { describe, expect, it } from 'vitest'
import { RuleInput } from '@shared/rules'
import {
  adoptSavedActions,
  draftFromRule,
  draftToInput,
  markSecretHeader,
  secretHeaderRows,
  setNewSecretValue,
  type HttpActionDraft,
  type RuleDraft,
} from '@renderer/lib/rule-draft'

describe('an HTTP action’s secret headers in the editor', () => {
  it('lists each header: always secret by name, or marked by the user (any case)', () => {
    expect(secretHeaderRows('Authorization: Bearer x\nX-Custom: s\nX-Trace: t', ['x-custom'])).toEqual([
      { name: 'Authorization', always: true, marked: false, stored: false },
      { name: 'X-Custom', always: false, marked: true, stored: false },
      { name: 'X-Trace', always: false, marked: false, stored: false },
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

describe('a stored secret header value in the editor (kept in the secret store, shown as its placeholder)', () => {
  const stored = () => {
    const input = RuleInput.parse({
      name: 'r',
      actions: [
        {
          kind: 'http',
          id: 'a-1',
          url: 'https://e.example/',
          headers: { Authorization: 'Bearer ***', 'X-Custom': '***', Accept: 'text/plain' },
          secretHeaders: ['X-Custom'],
        },
      ],
    })
    return { ...input, id: 'r1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
  }
  const httpDraft = (draft: RuleDraft) => draft.actions[0] as HttpActionDraft

  it('shows the placeholder in the lines and offers to replace each stored value', () => {
    const action = httpDraft(draftFromRule(stored()))
    expect(action.headersText).toBe('Authorization: Bearer ***\nX-Custom: ***\nAccept: text/plain')
    expect(secretHeaderRows(action.headersText, action.secretHeaders).map((r) => [r.name, r.stored])).toEqual(
      [
        ['Authorization', true],
        ['X-Custom', true],
        ['Accept', false],
      ],
    )
  })

  it('sends the placeholder back unchanged (the core keeps the value) with the action id', () => {
    expect(draftToInput(draftFromRule(stored())).actions?.[0]).toMatchObject({
      id: 'a-1',
      headers: { Authorization: 'Bearer ***', 'X-Custom': '***' },
    })
  })

  it('sends a replacement typed in its password field, while the lines keep showing the placeholder', () => {
    const draft = draftFromRule(stored())
    const action = httpDraft(draft)
    const typed = setNewSecretValue(action.newSecretValues, 'Authorization', 'Bearer n3w')
    expect(setNewSecretValue(typed, 'Authorization', '')).toEqual({})
    const next = { ...draft, actions: [{ ...action, newSecretValues: typed }] }
    expect(httpDraft(next).headersText).toContain('Authorization: Bearer ***')
    expect(draftToInput(next).actions?.[0]).toMatchObject({
      headers: { Authorization: 'Bearer n3w', 'X-Custom': '***' },
    })
  })

  it('sends an emptied value as empty (the core clears it), and drops a replacement for a removed line', () => {
    const draft = draftFromRule(stored())
    const action = httpDraft(draft)
    const next = {
      ...draft,
      actions: [{ ...action, headersText: 'X-Custom:', newSecretValues: { Authorization: 'Bearer n3w' } }],
    }
    const sent = draftToInput(next).actions?.[0]
    expect(sent).toMatchObject({ headers: { 'X-Custom': '' } })
    expect(sent?.kind === 'http' && sent.headers).toEqual({ 'X-Custom': '' })
  })

  it('after a save, takes the id and the stored placeholders the core answered, and forgets replacements', () => {
    const draft = draftFromRule(stored())
    const typed = {
      ...draft,
      actions: [{ ...httpDraft(draft), id: undefined, headersText: 'Authorization: Bearer s3cr3t' }],
    }
    const saved = stored()
    const after = httpDraft(adoptSavedActions(typed, saved))
    expect(after.id).toBe('a-1')
    expect(after.headersText).not.toContain('s3cr3t')
    expect(after.newSecretValues).toEqual({})
  })
})
