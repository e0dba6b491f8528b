import { errorAtSpan, type ExprError } from './ast'

type TokenType = 'number' | 'string' | 'ident' | 'punct' | 'eof'

export interface Token {
  type: TokenType
  /** Source text of the token (for strings: including quotes). */
  text: string
  /** Decoded value: the number, the unescaped string, the identifier or the punctuator. */
  value: string | number
  start: number
  end: number
  line: number
  column: number
}

/** Thrown inside the parser only; parseExpression turns it into `{ ok: false }`. */
export class SyntaxFailure extends Error {
  constructor(readonly detail: ExprError) {
    super(detail.message)
  }
}

// Two-character operators first, so `<=` wins over `<`.
const PUNCTUATORS = [
  ...['==', '!=', '<>', '<=', '>=', '&&', '||'],
  ...['(', ')', '[', ']', ',', '.', '?', ':', '+', '-', '*', '/', '%', '=', '<', '>', '!'],
]
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' }
const IDENT_START = /[\p{L}_]/u
const IDENT_PART = /[\p{L}\p{N}_]/u
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/** The line containing an offset and where it starts; templates pass it along instead of rescanning. */
export interface LineOrigin {
  line: number
  lineStart: number
}

/** Line number and line start offset of `offset` in `text`, counting on from `from` (known at `scanFrom`). */
export function lineOrigin(
  text: string,
  offset: number,
  from: LineOrigin = { line: 1, lineStart: 0 },
  scanFrom = 0,
): LineOrigin {
  let { line, lineStart } = from
  for (let k = scanFrom; k < offset; k++) {
    if (text.charCodeAt(k) === 10) {
      line++
      lineStart = k + 1
    }
  }
  return { line, lineStart }
}

/** Splits `text[start, end)` into tokens; positions are relative to the whole `text`. */
export function tokenize(text: string, start: number, end: number, origin?: LineOrigin): Token[] {
  const tokens: Token[] = []
  let i = start
  let { line, lineStart } = origin ?? lineOrigin(text, start)
  const fail = (offset: number, length: number, message: string, expected?: string[]): never => {
    // Every lexical error starts on the line being scanned, so its column comes from lineStart.
    const span = { start: offset, end: offset + length, line, column: offset - lineStart + 1 }
    throw new SyntaxFailure(errorAtSpan(span, message, expected))
  }
  const advanceLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++
        lineStart = k + 1
      }
    }
  }
  while (i < end) {
    const ch = text.charAt(i)
    if (/\s/.test(ch)) {
      advanceLines(i, i + 1)
      i++
      continue
    }
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i)
      i = nl === -1 || nl >= end ? end : nl
      continue
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2)
      if (close === -1 || close + 2 > end) fail(i, end - i, 'Unterminated comment: expected */', ['*/'])
      advanceLines(i, close + 2)
      i = close + 2
      continue
    }
    const token = { start: i, line, column: i - lineStart + 1 }
    if (ch === "'" || ch === '"') {
      const { value, next } = readString(text, i, end, fail)
      tokens.push({ ...token, type: 'string', text: text.slice(i, next), value, end: next })
      advanceLines(i, next)
      i = next
      continue
    }
    NUMBER.lastIndex = i
    const number = /\d/.test(ch) ? NUMBER.exec(text) : null
    if (number && i + number[0].length <= end) {
      const next = i + number[0].length
      tokens.push({ ...token, type: 'number', text: number[0], value: Number(number[0]), end: next })
      i = next
      continue
    }
    if (IDENT_START.test(ch)) {
      let next = i + 1
      while (next < end && IDENT_PART.test(text.charAt(next))) next++
      const word = text.slice(i, next)
      tokens.push({ ...token, type: 'ident', text: word, value: word, end: next })
      i = next
      continue
    }
    const punct = PUNCTUATORS.find((p) => text.startsWith(p, i) && i + p.length <= end)
    if (punct) {
      const value = punct === '==' ? '=' : punct === '<>' ? '!=' : punct
      tokens.push({ ...token, type: 'punct', text: punct, value, end: i + punct.length })
      i += punct.length
      continue
    }
    if (ch === '&' || ch === '|') fail(i, 1, `Unexpected character '${ch}': use '${ch}${ch}'`, [ch + ch])
    fail(i, 1, `Unexpected character '${ch}'`)
  }
  tokens.push({ type: 'eof', text: '', value: '', start: end, end, line, column: end - lineStart + 1 })
  return tokens
}

function readString(
  text: string,
  open: number,
  end: number,
  fail: (offset: number, length: number, message: string, expected?: string[]) => never,
): { value: string; next: number } {
  const quote = text.charAt(open)
  let value = ''
  let i = open + 1
  while (i < end) {
    const ch = text.charAt(i)
    if (ch === quote) return { value, next: i + 1 }
    if (ch !== '\\') {
      value += ch
      i++
      continue
    }
    const esc = text.charAt(i + 1)
    if (i + 1 >= end) break
    if (esc === quote || esc === '\\') value += esc
    else if (ESCAPES[esc] !== undefined) value += ESCAPES[esc]
    else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) && i + 6 <= end) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
      i += 4
    }
    // Unknown escapes keep their backslash, so regular expressions such as '\d+' need no doubling.
    else value += '\\' + esc
    i += 2
  }
  return fail(open, end - open, `Unterminated string: expected ${quote} to close the string`, [quote])
}
