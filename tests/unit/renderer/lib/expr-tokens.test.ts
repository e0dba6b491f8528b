import { describe, expect, it } from 'vitest'
import { findPlaceholders, tokenAt, tokenizeExpression, tokenizeTemplate } from '@renderer/lib/expr-tokens'

const typed = (text: string, tokens: ReturnType<typeof tokenizeExpression>) =>
  tokens.map((t) => [t.type, text.slice(t.from, t.to)])

describe('tokenizeExpression', () => {
  it.each([
    [
      "entity = 'telegram'",
      [
        ['field', 'entity'],
        ['operator', '='],
        ['string', "'telegram'"],
      ],
    ],
    [
      'count() >= 3',
      [
        ['function', 'count'],
        ['punctuation', '('],
        ['punctuation', ')'],
        ['operator', '>='],
        ['number', '3'],
      ],
    ],
    [
      'x NOT IN (1, 2.5e3)',
      [
        ['field', 'x'],
        ['keyword', 'NOT'],
        ['keyword', 'IN'],
        ['punctuation', '('],
        ['number', '1'],
        ['punctuation', ','],
        ['number', '2.5e3'],
        ['punctuation', ')'],
      ],
    ],
    [
      'a BETWEEN 1 and 2',
      [
        ['field', 'a'],
        ['keyword', 'BETWEEN'],
        ['number', '1'],
        ['keyword', 'and'],
        ['number', '2'],
      ],
    ],
    [
      'true || null',
      [
        ['literal', 'true'],
        ['operator', '||'],
        ['literal', 'null'],
      ],
    ],
    [
      'tags.message.text.contains("a\\"b")',
      [
        ['field', 'tags'],
        ['punctuation', '.'],
        ['property', 'message'],
        ['punctuation', '.'],
        ['property', 'text'],
        ['punctuation', '.'],
        ['function', 'contains'],
        ['punctuation', '('],
        ['string', '"a\\"b"'],
        ['punctuation', ')'],
      ],
    ],
    [
      'tags.in // a tag named in',
      [
        ['field', 'tags'],
        ['punctuation', '.'],
        ['property', 'in'],
        ['comment', '// a tag named in'],
      ],
    ],
    [
      '/* c */ é_1 # ',
      [
        ['comment', '/* c */'],
        ['field', 'é_1'],
        ['invalid', '#'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(typed(text, tokenizeExpression(text))).toEqual(expected)
  })

  it('runs an unclosed string or comment to the end instead of failing', () => {
    expect(typed("a = 'open", tokenizeExpression("a = 'open")).at(-1)).toEqual(['string', "'open"])
    expect(typed('a /* open', tokenizeExpression('a /* open')).at(-1)).toEqual(['comment', '/* open'])
  })

  it('shifts positions by the offset', () => {
    expect(tokenizeExpression('x', 10)).toEqual([{ type: 'field', from: 10, to: 11 }])
  })
})

describe('findPlaceholders / tokenizeTemplate', () => {
  it('ends a placeholder at the first } outside quotes and nested braces', () => {
    const text = "a ${'}'} b ${concat('{', '}')} c ${x"
    expect(findPlaceholders(text).map((s) => [text.slice(s.innerFrom, s.innerTo), s.closed])).toEqual([
      ["'}'", true],
      ["concat('{', '}')", true],
      ['x', false],
    ])
  })

  it('marks the delimiters and the expression inside, not the literal text', () => {
    const text = 'Hi ${tags.name}!'
    expect(typed(text, tokenizeTemplate(text))).toEqual([
      ['placeholder', '${'],
      ['field', 'tags'],
      ['punctuation', '.'],
      ['property', 'name'],
      ['placeholder', '}'],
    ])
  })
})

describe('tokenAt', () => {
  it('prefers the token starting at the offset over one ending there', () => {
    const tokens = tokenizeExpression('a>=b')
    expect(tokenAt(tokens, 1)).toEqual({ type: 'operator', from: 1, to: 3 })
    expect(tokenAt(tokens, 4)).toEqual({ type: 'field', from: 3, to: 4 })
    expect(tokenAt([], 0)).toBeNull()
  })
})
