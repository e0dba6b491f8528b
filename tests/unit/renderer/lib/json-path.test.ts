import { describe, expect, it } from 'vitest'
import { jsonChildren, normaliseTagName, tagNameOf } from '@renderer/lib/json-path'

describe('tagNameOf', () => {
  // ATSD-BEHAVIOUR §2.3: parent names joined with '.', array elements as name[i], names normalised.
  it.each([
    [['message', 'chat', 'id'], 'message.chat.id'],
    [['repository', 'Full Name'], 'repository.full_name'],
    [['repository', 'authors', 0], 'repository.authors[0]'],
    [['matrix', 1, 0], 'matrix[1][0]'],
    [['items', 2, 'Name'], 'items[2].name'],
    [[0, 'a'], '[0].a'],
    [[], ''],
  ] as const)('%j → %s', (path, expected) => {
    expect(tagNameOf(path)).toBe(expected)
  })
})

describe('normaliseTagName', () => {
  it('lower-cases and turns whitespace and control characters into _', () => {
    expect(normaliseTagName('Full\tName X\u0001')).toBe('full_name_x_')
  })
})

describe('jsonChildren', () => {
  it('lists array items and object entries, and nothing for scalars and empty containers', () => {
    expect(jsonChildren(['a', 'b'])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ])
    expect(jsonChildren({ k: 1 })).toEqual([['k', 1]])
    expect(jsonChildren([])).toBeNull()
    expect(jsonChildren({})).toBeNull()
    expect(jsonChildren('x')).toBeNull()
    expect(jsonChildren(null)).toBeNull()
  })
})
