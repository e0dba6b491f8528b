import { describe, expect, it } from 'vitest'
import { completeAt, type CompletionRequest } from '@renderer/lib/expr-complete'

const TAGS = ['message.chat.id', 'message.from.first_name', 'x-github-event']
const ask = (text: string, patch: Partial<CompletionRequest> = {}) =>
  completeAt({
    text,
    pos: text.length,
    explicit: false,
    mode: 'expression',
    scope: 'condition',
    tagNames: TAGS,
    ...patch,
  })
const labels = (text: string, patch: Partial<CompletionRequest> = {}) =>
  ask(text, patch)?.options.map((o) => o.label) ?? null

describe('completeAt', () => {
  it('offers fields, functions and keywords for a word, from its start', () => {
    const answer = ask('count() >= 3 AND mes')
    expect(answer?.from).toBe(17)
    expect(answer?.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['message', 'count', 'AND', 'open_time']),
    )
    expect(answer?.options.find((o) => o.label === 'upper')?.apply).toBe('upper(')
    expect(answer?.options.find((o) => o.label === 'count')?.apply).toBe('count()')
  })

  it('keeps window names and count() out of filters, and status out of conditions', () => {
    expect(labels('x', { scope: 'filter' })).not.toContain('count')
    expect(labels('x', { scope: 'filter' })).not.toContain('repeat_count')
    expect(labels('x')).not.toContain('status')
    expect(labels('x', { scope: 'template' })).toContain('status')
  })

  it('offers tag names after tags., written the way the language reads them', () => {
    const answer = ask('tags.message.ch')
    expect(answer?.from).toBe(0)
    expect(answer?.options.map((o) => o.label)).toEqual([
      'tags.message.chat.id',
      'tags.message.from.first_name',
      "tags['x-github-event']",
    ])
  })

  it('offers functions as methods after a dot', () => {
    const answer = ask('message.sta')
    expect(answer?.from).toBe(8)
    expect(answer?.options.every((o) => o.type === 'function')).toBe(true)
  })

  it('offers nothing inside strings and comments, or with no word unless asked', () => {
    expect(ask("message = 'sta")).toBeNull()
    expect(ask('x // comm')).toBeNull()
    expect(ask('x = ')).toBeNull()
    expect(ask('x = ', { explicit: true })?.from).toBe(4)
    expect(ask("message = 'a' AND x")).not.toBeNull()
  })

  it('offers placeholders in templates after $ and completes expressions inside ${…}', () => {
    const afterDollar = ask('Hello, $', { mode: 'template' })
    expect(afterDollar?.from).toBe(7)
    expect(afterDollar?.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['${entity}', '${message}', '${tags.message.chat.id}']),
    )
    expect(ask('Hello, world', { mode: 'template' })).toBeNull()

    const inside = ask('Hi ${tags.message.f} there', { mode: 'template', pos: 19 })
    expect(inside?.from).toBe(5)
    expect(inside?.options.map((o) => o.label)).toContain('tags.message.from.first_name')
    // An unclosed placeholder gets its } with the completion.
    const open = ask('Hi ${ent', { mode: 'template' })
    expect(open?.options.find((o) => o.label === 'entity')?.apply).toBe('entity}')
  })
})
