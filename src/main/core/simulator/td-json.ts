/**
 * JSON as the Bot API server reads it (tdlib tdutils/td/utils/JsonBuilder.cpp `do_json_decode`, JsonBuilder.h
 * `json_decode`), for its exact error texts: `Unexpected symbol 'x'`, `Unexpected string end`, `Closing '"'
 * not found`, `Unexpected symbol while parsing JSON Array`, `':' expected`, `Expected string end`, ….
 * Numbers are kept as td keeps them (any run of digits, signs, dots and exponents) and read with Number().
 */
export type TdJson = { ok: true; value: unknown } | { ok: false; error: string }

class TdJsonError extends Error {}

const MAX_DEPTH = 100
const NUMBER_CHAR = /[-+.0-9eE]/
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

export function tdJsonDecode(text: string): TdJson {
  let pos = 0
  const skipWhitespace = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++
  }
  const fail = (message: string): never => {
    throw new TdJsonError(message)
  }
  /** After an array element or an object member: true at its closing bracket, false after a comma. */
  const closedAfterItem = (close: ']' | '}', what: 'Array' | 'Object'): boolean => {
    skipWhitespace()
    if (text[pos] === close) {
      pos++
      return true
    }
    if (text[pos] === ',') {
      pos++
      skipWhitespace()
      return false
    }
    if (pos >= text.length) fail('Unexpected string end')
    return fail(`Unexpected symbol while parsing JSON ${what}`)
  }

  function string(): string {
    if (text[pos] !== '"') fail(`Opening '"' expected`)
    let end = pos + 1
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
    if (end >= text.length) fail(`Closing '"' not found`)
    let out = ''
    for (let i = pos + 1; i < end; i++) {
      const ch = text[i]!
      if (ch !== '\\') {
        out += ch
        continue
      }
      const next = text[++i]!
      if (next === 'u') {
        if (i + 4 >= end) fail('\\u has less than 4 symbols')
        const hex = text.slice(i + 1, i + 5)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\u -- not hex digit')
        out += String.fromCharCode(parseInt(hex, 16))
        i += 4
      } else if (next in ESCAPES) {
        out += ESCAPES[next]
      }
      // td drops any other escaped character.
    }
    pos = end + 1
    return out
  }

  function value(depth: number): unknown {
    if (depth < 0) fail('Too big object depth')
    skipWhitespace()
    const ch = text[pos]
    const word = (w: string, v: unknown) => {
      if (text.startsWith(w, pos)) {
        pos += w.length
        return v
      }
      return fail(`Token starts with '${w[0]}' -- ${w} expected`)
    }
    if (ch === undefined) return fail('Unexpected string end')
    if (ch === 'f') return word('false', false)
    if (ch === 't') return word('true', true)
    if (ch === 'n') return word('null', null)
    if (ch === '"') return string()
    if (ch === '[') {
      pos++
      skipWhitespace()
      const out: unknown[] = []
      if (text[pos] === ']') {
        pos++
        return out
      }
      for (;;) {
        if (pos >= text.length) fail('Unexpected string end')
        out.push(value(depth - 1))
        if (closedAfterItem(']', 'Array')) return out
      }
    }
    if (ch === '{') {
      pos++
      skipWhitespace()
      const out: Record<string, unknown> = {}
      if (text[pos] === '}') {
        pos++
        return out
      }
      for (;;) {
        if (pos >= text.length) fail('Unexpected string end')
        const key = string()
        skipWhitespace()
        if (text[pos] !== ':') fail("':' expected")
        pos++
        out[key] = value(depth - 1)
        if (closedAfterItem('}', 'Object')) return out
      }
    }
    if ('-+.0123456789'.includes(ch)) {
      const start = pos
      while (pos < text.length && NUMBER_CHAR.test(text[pos]!)) pos++
      return Number(text.slice(start, pos))
    }
    const code = ch.charCodeAt(0)
    return fail(code > 0 && code < 127 ? `Unexpected symbol '${ch}'` : 'Unexpected symbol')
  }

  try {
    const parsed = value(MAX_DEPTH)
    skipWhitespace()
    if (pos < text.length) fail('Expected string end')
    return { ok: true, value: parsed }
  } catch (err) {
    if (err instanceof TdJsonError) return { ok: false, error: err.message }
    throw err
  }
}
