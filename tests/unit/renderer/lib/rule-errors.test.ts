import { describe, expect, it } from 'vitest'
import type { AppErrorShape } from '@shared/errors'
import { diagnosticsFor, errorFor, errorFields, isFormLevel, offsetOf } from '@renderer/lib/rule-errors'

const syntax: AppErrorShape = {
  kind: 'syntax',
  message: "condition: Expected an expression but found '>=' (line 1, column 8)",
  where: [{ path: ['condition'], line: 1, column: 8, expected: ['expression'] }],
  field: 'condition',
  line: 1,
  column: 8,
}

describe('rule errors', () => {
  it('names the fields an error is about and shows its sentence there', () => {
    expect(errorFields(syntax)).toEqual(['condition'])
    expect(errorFor(syntax, 'condition')).toBe(syntax.message)
    expect(errorFor(syntax, 'filter')).toBeNull()
    const nested: AppErrorShape = {
      kind: 'syntax',
      message: 'bad',
      where: [{ path: ['actions', 0, 'text'] }],
    }
    expect(errorFor(nested, 'actions.0')).toBe('bad')
    expect(errorFor(nested, 'actions.0.text')).toBe('bad')
    expect(errorFor(nested, 'actions.1')).toBeNull()
  })

  it('puts an error at the form foot when no field shows it', () => {
    expect(isFormLevel(syntax, ['condition'])).toBe(false)
    expect(isFormLevel({ kind: 'internal', message: 'x' }, ['condition'])).toBe(true)
    expect(isFormLevel(null, [])).toBe(false)
  })

  it.each([
    ['the token at the column', 'count( >= 3', syntax, [{ from: 7, to: 9 }]],
    [
      'a point at the end for a missing closer',
      'count(',
      { ...syntax, where: [{ path: ['condition'], line: 1, column: 7 }], line: 1, column: 7 },
      [{ from: 6, to: 6 }],
    ],
    [
      'a later line',
      'true AND\n  x ==',
      { ...syntax, where: [{ path: ['condition'], line: 2, column: 5 }], line: 2, column: 5 },
      [{ from: 13, to: 15 }],
    ],
  ])('marks %s', (_label, text, error, expected) => {
    expect(diagnosticsFor(error, 'condition', text, 'expression')).toEqual(
      expected.map((range) => ({ ...range, message: error.message })),
    )
    expect(diagnosticsFor(error, 'filter', text, 'expression')).toEqual([])
  })

  it('marks template errors by their place in the whole text', () => {
    const error: AppErrorShape = {
      kind: 'syntax',
      message: 'actions[0].text: …',
      where: [{ path: ['actions', 0, 'text'], line: 2, column: 7 }],
      field: 'actions.0.text',
      line: 2,
      column: 7,
    }
    expect(diagnosticsFor(error, 'actions.0.text', 'hi\n${ (a }', 'template')).toEqual([
      { from: 9, to: 10, message: error.message },
    ])
  })

  it('turns lines and columns into offsets, clamped to the line', () => {
    expect(offsetOf('ab\ncd', 2, 1)).toBe(3)
    expect(offsetOf('ab\ncd', 1, 99)).toBe(2)
    expect(offsetOf('ab', 5, 1)).toBe(2)
  })
})
