import { describe, expect, it } from 'vitest'
import { refireWarnings } from '@shared/rule-defaults'
import { RuleInput, type Rule } from '@shared/rules'
import {
  draftFromRule,
  draftToInput,
  emptyDraft,
  headersToText,
  newAction,
  parseInterval,
  parseWindowText,
  prefillFromMessage,
  quote,
  ruleSummary,
  textToHeaders,
} from '@renderer/lib/rule-draft'

const rule = (patch: Partial<RuleInput> = {}): Rule => ({
  ...RuleInput.parse({ name: 'r', ...patch }),
  id: 'id-1',
  createdAt: '2024-05-29T12:00:00.000Z',
  updatedAt: '2024-05-29T12:00:00.000Z',
})

describe('rule draft', () => {
  it('starts from the contract defaults with no name', () => {
    const draft = emptyDraft()
    expect(draft.name).toBe('')
    expect(draftToInput(draft)).toMatchObject({ condition: 'true', window: 'length(1)', groupTags: 'none' })
  })

  it('round-trips a rule with every kind of action, strategy and grouping', () => {
    const original = rule({
      window: 'time(5 minute)',
      groupTags: ['message.chat.id', 'x'],
      timeFilter: '1 minute',
      actions: [
        { kind: 'telegram', chatId: '${tags.message.chat.id}', repeat: { every: 3 }, on: ['OPEN', 'REPEAT'] },
        {
          kind: 'http',
          url: 'https://example.test/${entity}',
          headers: { 'X-A': '1', Authorization: 'Bearer ${tags.t}' },
          repeat: { interval: '10 second' },
          texts: { CANCEL: 'bye' },
        },
        { kind: 'desktop' },
      ],
      atsdExtra: { owner: '<owner>a</owner>' },
    })
    const input = draftToInput(draftFromRule(original))
    const { id: _id, createdAt: _c, updatedAt: _u, ...expected } = original
    expect(RuleInput.parse(input)).toEqual(expected)
  })

  it('keeps half-typed numbers as typed, for the core to judge', () => {
    const draft = {
      ...emptyDraft(),
      name: 'n',
      windowKind: 'time' as const,
      windowCount: '',
      windowUnit: 'hour' as const,
    }
    expect(draftToInput(draft).window).toBe('time( hour)')
    expect(RuleInput.safeParse(draftToInput(draft)).success).toBe(false)
    const every = { ...newAction('telegram'), repeatMode: 'every' as const, repeatEvery: '' }
    expect(draftToInput({ ...draft, windowCount: '2', actions: [every] }).actions?.[0]?.repeat).toEqual({
      every: NaN,
    })
  })

  it('lists tags to group by from commas or spaces', () => {
    const draft = { ...emptyDraft(), groupTagsMode: 'list' as const, groupTagsText: 'a, b  c,' }
    expect(draftToInput(draft).groupTags).toEqual(['a', 'b', 'c'])
  })

  it('prefills a rule from a message: its entity, and a reply to its chat when it has one', () => {
    const draft = prefillFromMessage(emptyDraft(), { entity: "o'brien", chatId: '42' })
    expect(draft.filter).toBe("entity = 'o\\'brien'")
    expect(draft.name).toBe("Reply to o'brien")
    expect(draft.actions).toHaveLength(1)
    expect(draft.actions[0]).toMatchObject({
      kind: 'telegram',
      chatId: '${tags.message.chat.id}',
      replyToMessage: true,
    })
    expect(prefillFromMessage(emptyDraft(), { entity: 'jenkins', chatId: null }).actions).toEqual([])
  })

  it('prefills a Telegram reply with one window per chat and a reply on OPEN and every REPEAT', () => {
    const input = draftToInput(prefillFromMessage(emptyDraft(), { entity: 'telegram', chatId: '42' }))
    expect(input).toMatchObject({ groupByEntity: true, groupTags: ['message.chat.id'] })
    expect(input.actions?.[0]).toMatchObject({ on: ['OPEN', 'REPEAT'], repeat: { all: true } })
    expect(refireWarnings(input)).toEqual([])
  })

  it('gives a new Telegram action OPEN and REPEAT, every time', () => {
    expect(newAction('telegram')).toMatchObject({ on: ['OPEN', 'REPEAT'], repeatMode: 'all' })
  })

  it('reads windows and intervals, falling back to length(1) and 1 minute', () => {
    expect(parseWindowText('length( 7 )')).toEqual({ kind: 'length', count: 7, unit: 'minute' })
    expect(parseWindowText('TIME(2 hours)')).toEqual({ kind: 'time', count: 2, unit: 'hour' })
    expect(parseWindowText('nonsense')).toEqual({ kind: 'length', count: 1, unit: 'minute' })
    expect(parseInterval('3 fortnights')).toEqual({ count: 1, unit: 'minute' })
  })

  it('writes headers as Name: value lines and reads them back', () => {
    expect(headersToText({ A: '1', B: 'x: y' })).toBe('A: 1\nB: x: y')
    expect(textToHeaders('A: 1\n\n  B : x: y \nnovalue\n: nameless')).toEqual({
      A: '1',
      B: 'x: y',
      novalue: '',
    })
  })

  it('summarises what a rule listens to', () => {
    expect(ruleSummary({ filter: '', condition: 'true' })).toBe('every message')
    expect(ruleSummary({ filter: "entity = 'x'", condition: 'count() > 2' })).toBe(
      "entity = 'x' · when count() > 2",
    )
  })

  it('quotes texts as expression strings', () => {
    expect(quote("a'b\\c")).toBe("'a\\'b\\\\c'")
  })
})
