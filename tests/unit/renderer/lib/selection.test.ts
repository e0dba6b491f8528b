import { describe, expect, it } from 'vitest'
import { checkRange, inViewOrder, toggleChecked } from '@renderer/lib/selection'

const view = [50, 40, 30, 20, 10]

describe('toggleChecked', () => {
  it.each([
    { checked: [], id: 30, expected: [30] },
    { checked: [30, 10], id: 30, expected: [10] },
    { checked: [10], id: 40, expected: [10, 40] },
  ])('toggles $id in $checked', ({ checked, id, expected }) => {
    expect(toggleChecked(checked, id)).toEqual(expected)
  })
})

describe('checkRange', () => {
  it.each([
    { label: 'downwards from the anchor', checked: [40], anchor: 40, id: 20, expected: [40, 30, 20] },
    { label: 'upwards from the anchor', checked: [20], anchor: 20, id: 40, expected: [20, 40, 30] },
    { label: 'keeping what was checked', checked: [10], anchor: 40, id: 30, expected: [10, 40, 30] },
    { label: 'the row alone without an anchor', checked: [], anchor: null, id: 30, expected: [30] },
    { label: 'the row alone when the anchor left the view', checked: [], anchor: 99, id: 30, expected: [30] },
    { label: 'nothing new for a row not in view', checked: [10], anchor: 40, id: 77, expected: [10] },
  ])('checks $label', ({ checked, anchor, id, expected }) => {
    expect(checkRange(view, checked, anchor, id)).toEqual(expected)
  })
})

describe('inViewOrder', () => {
  it('orders checked rows as the view shows them, rows no longer in view last', () => {
    expect(inViewOrder(view, [10, 99, 50, 30])).toEqual([50, 30, 10, 99])
  })
})
