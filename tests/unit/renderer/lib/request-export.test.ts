import { describe, expect, it } from 'vitest'
import { chunk, exportCount, exportFileName, exportText, mergeExports } from '@renderer/lib/request-export'

const har = (...ids: number[]) => ({
  log: {
    version: '1.2',
    creator: { name: 'Hookbench', version: '0.1.0' },
    entries: ids.map((id) => ({ id })),
  },
})

describe('mergeExports', () => {
  it('joins HAR answers into one log, keeping the first header and every entry in order', () => {
    expect(mergeExports('har', [har(1, 2), har(3)])).toEqual(har(1, 2, 3))
  })

  it('joins JSON answers into one array', () => {
    expect(mergeExports('json', [[{ id: 1 }], [], [{ id: 2 }]])).toEqual([{ id: 1 }, { id: 2 }])
  })

  it.each([
    { format: 'har' as const, parts: [har(1), { log: {} }] },
    { format: 'har' as const, parts: [] },
    { format: 'json' as const, parts: [[{ id: 1 }], { not: 'an array' }] },
  ])('answers null when a $format answer has another shape', ({ format, parts }) => {
    expect(mergeExports(format, parts)).toBeNull()
  })
})

describe('exportCount', () => {
  it('counts HAR entries and JSON items', () => {
    expect(exportCount(har(1, 2, 3))).toBe(3)
    expect(exportCount([{}, {}])).toBe(2)
    expect(exportCount('nothing')).toBe(0)
  })
})

describe('exportFileName', () => {
  const now = new Date('2024-05-29T12:03:04.567Z')
  it.each([
    { scope: { kind: 'one' as const, id: 12 }, format: 'har' as const, expected: 'hookbench-request-12.har' },
    {
      scope: { kind: 'selected' as const, ids: [3, 2, 1] },
      format: 'json' as const,
      expected: 'hookbench-requests-3-selected-2024-05-29T12-03-04.json',
    },
    {
      scope: { kind: 'filter' as const },
      format: 'har' as const,
      expected: 'hookbench-requests-filtered-2024-05-29T12-03-04.har',
    },
  ])('names a $scope.kind export $expected', ({ scope, format, expected }) => {
    expect(exportFileName(format, scope, now)).toBe(expected)
  })
})

describe('chunk and exportText', () => {
  it('splits ids into calls of a given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunk([], 2)).toEqual([])
  })

  it('writes indented JSON ending in a newline', () => {
    expect(exportText({ a: 1 })).toBe('{\n  "a": 1\n}\n')
  })
})
