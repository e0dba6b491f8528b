import { describe, expect, it } from 'vitest'
import { sortTags, tagNamesOf } from '@renderer/lib/tags'

describe('sortTags', () => {
  const tags = { item10: 'b', item2: 'c', alpha: 'a' }
  it('sorts by name in natural order, either way', () => {
    expect(sortTags(tags, 'name', 'ascending').map((t) => t.name)).toEqual(['alpha', 'item2', 'item10'])
    expect(sortTags(tags, 'name', 'descending').map((t) => t.name)).toEqual(['item10', 'item2', 'alpha'])
  })
  it('sorts by value', () => {
    expect(sortTags(tags, 'value', 'ascending').map((t) => t.value)).toEqual(['a', 'b', 'c'])
  })
})

describe('tagNamesOf', () => {
  it('collects every tag name once, sorted', () => {
    expect(tagNamesOf([{ tags: { b: '1', a: '2' } }, { tags: { a: '3', c: '4' } }])).toEqual(['a', 'b', 'c'])
  })
})
