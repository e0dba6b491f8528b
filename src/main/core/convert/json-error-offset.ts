// Locates the first JSON syntax error when the engine's message has no position ("Unexpected token ']'",
// "Unexpected end of JSON input"). It only validates (RFC 8259 grammar), iteratively, so it never recurses;
// the values themselves still come from JSON.parse.

type State = 'value' | 'key' | 'after'

const OPEN_OBJECT = 0x7b
const OPEN_ARRAY = 0x5b
const LITERALS = ['true', 'false', 'null']

/** The 0-based offset of the first syntax error in `text`, or `text.length` when none is found. */
export function findJsonErrorOffset(text: string): number {
  const open: number[] = []
  let state: State = 'value'
  let i = skipSpace(text, 0)
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (state === 'after') {
      const top = open.at(-1)
      if (top === undefined) return i // non-whitespace after the document
      if (code === 0x2c) state = top === OPEN_OBJECT ? 'key' : 'value'
      else if (code === (top === OPEN_OBJECT ? 0x7d : 0x5d)) open.pop()
      else return i
      i = skipSpace(text, i + 1)
    } else if (state === 'key') {
      if (code !== 0x22) return i
      const end = scanString(text, i)
      if (end < 0) return ~end
      i = skipSpace(text, end)
      if (text.charCodeAt(i) !== 0x3a) return i
      i = skipSpace(text, i + 1)
      state = 'value'
    } else {
      const end = scanValue(text, i)
      if (end < 0) return ~end
      if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        open.push(code)
        i = skipSpace(text, end)
        const close = code === OPEN_OBJECT ? 0x7d : 0x5d
        if (text.charCodeAt(i) === close) {
          open.pop()
          i = skipSpace(text, i + 1)
          state = 'after'
        } else state = code === OPEN_OBJECT ? 'key' : 'value'
      } else {
        i = skipSpace(text, end)
        state = 'after'
      }
    }
  }
  return text.length
}

// Returns the index after a scalar or after an opening bracket; a negative result is ~offset of the error.
function scanValue(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code === OPEN_OBJECT || code === OPEN_ARRAY) return i + 1
  if (code === 0x22) return scanString(text, i)
  if (code === 0x2d || isDigit(code)) return scanNumber(text, i)
  const literal = LITERALS.find((word) => word.charCodeAt(0) === code)
  if (literal === undefined) return ~i
  for (let k = 1; k < literal.length; k += 1) {
    if (text.charCodeAt(i + k) !== literal.charCodeAt(k)) return ~(i + k)
  }
  return i + literal.length
}

function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code === 0x22) return i + 1
    if (code < 0x20) return ~i
    if (code === 0x5c) {
      const escape = text.charAt(i + 1)
      if (escape === 'u') {
        for (let k = 2; k < 6; k += 1) if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) return ~(i + k)
        i += 5
      } else if ('"\\/bfnrt'.includes(escape) && escape !== '') i += 1
      else return ~(i + 1)
    }
  }
  return ~text.length
}

function scanNumber(text: string, start: number): number {
  let i = start
  if (text.charCodeAt(i) === 0x2d) i += 1
  if (text.charCodeAt(i) === 0x30) i += 1
  else if (isDigit(text.charCodeAt(i))) i = skipDigits(text, i)
  else return ~i
  if (text.charCodeAt(i) === 0x2e) {
    if (!isDigit(text.charCodeAt(i + 1))) return ~(i + 1)
    i = skipDigits(text, i + 1)
  }
  const exponent = text.charCodeAt(i)
  if (exponent === 0x65 || exponent === 0x45) {
    i += 1
    const sign = text.charCodeAt(i)
    if (sign === 0x2b || sign === 0x2d) i += 1
    if (!isDigit(text.charCodeAt(i))) return ~i
    i = skipDigits(text, i)
  }
  return i
}

function skipDigits(text: string, start: number): number {
  let i = start
  while (isDigit(text.charCodeAt(i))) i += 1
  return i
}

function skipSpace(text: string, start: number): number {
  let i = start
  for (let code = text.charCodeAt(i); code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;) {
    i += 1
    code = text.charCodeAt(i)
  }
  return i
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}
