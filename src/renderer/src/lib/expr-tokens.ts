// A tokenizer for the rule expression language (docs/expressions.md), for highlighting and completion only:
// the core's parser is the judge of what is valid, so this one never fails and never builds a tree.

export type TokenType =
  | 'keyword'
  | 'literal'
  | 'string'
  | 'number'
  | 'field'
  | 'property'
  | 'function'
  | 'operator'
  | 'punctuation'
  | 'comment'
  | 'placeholder'
  | 'invalid'

/** `from`/`to` are offsets into the text (UTF-16 units), `to` exclusive. */
export interface Token {
  type: TokenType
  from: number
  to: number
}

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'between'])
const LITERALS = new Set(['true', 'false', 'null'])
const OPERATORS = [
  '&&',
  '||',
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
]
const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.'])
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/uy
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/** Tokens of an expression, in order; whitespace is not a token. `offset` shifts every position. */
export function tokenizeExpression(text: string, offset = 0): Token[] {
  const tokens: Token[] = []
  let i = 0
  const push = (type: TokenType, from: number, to: number) =>
    tokens.push({ type, from: from + offset, to: to + offset })
  while (i < text.length) {
    const ch = text[i] as string
    if (/\s/.test(ch)) {
      i += 1
      continue
    }
    // A name right after `.` is a member (a tag segment or a method), never a keyword.
    const last = tokens.at(-1)
    const afterDot = last !== undefined && last.to - last.from === 1 && text[last.from - offset] === '.'
    const start = i
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i)
      i = end === -1 ? text.length : end
      push('comment', start, i)
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2)
      i = end === -1 ? text.length : end + 2
      push('comment', start, i)
    } else if (ch === "'" || ch === '"') {
      i = stringEnd(text, i)
      push('string', start, i)
    } else if (/\d/.test(ch)) {
      NUMBER.lastIndex = i
      NUMBER.exec(text)
      i = NUMBER.lastIndex
      push('number', start, i)
    } else if (matchAt(IDENTIFIER, text, i)) {
      i = IDENTIFIER.lastIndex
      push(classifyName(text, start, i, afterDot), start, i)
    } else {
      const op = OPERATORS.find((candidate) => text.startsWith(candidate, i))
      i += op ? op.length : 1
      push(op ? 'operator' : PUNCTUATION.has(ch) ? 'punctuation' : 'invalid', start, i)
    }
  }
  return tokens
}

function matchAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at
  return pattern.test(text)
}

/** The offset after a quoted string starting at `at` (its closing quote, or the end of the text). */
function stringEnd(text: string, at: number): number {
  const quote = text[at]
  let i = at + 1
  while (i < text.length) {
    if (text[i] === '\\') i += 2
    else if (text[i] === quote) return i + 1
    else i += 1
  }
  return text.length
}

function classifyName(text: string, from: number, to: number, afterDot: boolean): TokenType {
  const called = /^\s*\(/.test(text.slice(to, to + 200))
  if (afterDot) return called ? 'function' : 'property'
  const lower = text.slice(from, to).toLowerCase()
  if (KEYWORDS.has(lower)) return 'keyword'
  if (LITERALS.has(lower)) return 'literal'
  return called ? 'function' : 'field'
}

/** One `${…}` of a template: `from` at `$`, `to` after `}` (or the text's end when it does not close). */
export interface PlaceholderSpan {
  from: number
  to: number
  /** Where the expression inside starts and ends. */
  innerFrom: number
  innerTo: number
  closed: boolean
}

/**
 * The placeholders of a notification template. A placeholder ends at the first `}` outside quotes and
 * nested braces, as the core reads it (docs/expressions.md "Templates").
 */
export function findPlaceholders(text: string): PlaceholderSpan[] {
  const spans: PlaceholderSpan[] = []
  let at = text.indexOf('${')
  while (at !== -1) {
    const innerFrom = at + 2
    let depth = 0
    let i = innerFrom
    let end = -1
    while (i < text.length) {
      const ch = text[i]
      if (ch === "'" || ch === '"') {
        i = stringEnd(text, i)
        continue
      }
      if (ch === '{') depth += 1
      else if (ch === '}') {
        if (depth === 0) {
          end = i
          break
        }
        depth -= 1
      }
      i += 1
    }
    if (end === -1) {
      spans.push({ from: at, to: text.length, innerFrom, innerTo: text.length, closed: false })
      break
    }
    spans.push({ from: at, to: end + 1, innerFrom, innerTo: end, closed: true })
    at = text.indexOf('${', end + 1)
  }
  return spans
}

/** Tokens of a template: the `${` `}` delimiters and the expression tokens inside; literal text is none. */
export function tokenizeTemplate(text: string): Token[] {
  return findPlaceholders(text).flatMap((span) => [
    { type: 'placeholder' as const, from: span.from, to: span.innerFrom },
    ...tokenizeExpression(text.slice(span.innerFrom, span.innerTo), span.innerFrom),
    ...(span.closed ? [{ type: 'placeholder' as const, from: span.innerTo, to: span.to }] : []),
  ])
}

/** The token that covers `offset` (a token starting there wins over one ending there), or null. */
export function tokenAt(tokens: readonly Token[], offset: number): Token | null {
  return (
    tokens.find((token) => token.from <= offset && offset < token.to) ??
    tokens.find((token) => token.to === offset) ??
    null
  )
}
