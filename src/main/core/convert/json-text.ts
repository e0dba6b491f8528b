import { findJsonErrorOffset } from './json-error-offset'
import type { ConvertError } from './types'

/**
 * A JSON number kept as its source text, so that 12345678901234567890 keeps its digits (a JS number would
 * round it). JSON.parse hands the source to the reviver as `context.source` (Node 24, ES2026 "JSON.parse
 * source text access").
 */
export class JsonNumber {
  constructor(readonly source: string) {}
}

/**
 * A parsed JSON value. A number is a {@link JsonNumber} unless its source text is exactly what String() gives
 * for it (a small integer), when it is a plain `number`: such a document skips the reviver.
 */
export type JsonValue =
  JsonNumber | number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue }

type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown
const parseWithSource = JSON.parse as (text: string, reviver: SourceReviver) => unknown

const keepNumberSource: SourceReviver = (_key, value, context) =>
  typeof value === 'number' ? new JsonNumber(context?.source ?? String(value)) : value

// A number expanded from exponent form is capped: 1e999999 would otherwise become a million digits.
const MAX_EXPANDED_DIGITS = 400

/**
 * Parses JSON text. Depth is measured first by a linear scan, so a 100k-deep `[[[…` is refused before
 * JSON.parse (whose reviver recurses and would overflow the stack) sees it. The same scan tells whether every
 * number is a small integer written the way String() writes it; then plain JSON.parse gives the same tags
 * several times faster than the source-keeping reviver (a Telegram update usually has only such numbers).
 */
export function parseJsonText(
  text: string,
  maxDepth: number,
  maxValues = Infinity,
  /** The scan of the text's UTF-8 bytes when the caller made it (checkJsonBytes), else it is made here. */
  scanned?: JsonScan,
): { ok: true; value: JsonValue } | { ok: false; error: ConvertError } {
  const scan = scanned ?? scanJson(Buffer.from(text, 'utf8'), maxDepth, maxValues)
  const refused = refusal(scan, maxDepth, maxValues)
  if (refused) return { ok: false, error: refused }
  try {
    const value = scan === PLAIN_NUMBERS ? JSON.parse(text) : parseWithSource(text, keepNumberSource)
    return { ok: true, value: value as JsonValue }
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: tooDeepError(maxDepth) }
    return { ok: false, error: malformedJson(text, error instanceof Error ? error.message : String(error)) }
  }
}

/**
 * The text of a JSON number for a tag (ATSD-BEHAVIOUR §2.3): as written, except that exponent form is
 * expanded to plain decimal digits (1e21 → 1000000000000000000000, 1.5e-7 → 0.00000015). Plain literals are
 * kept verbatim (`1.50` stays `1.50`): the sender's digits are the value, and no precision is lost.
 */
export function formatJsonNumber(source: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(source)
  if (!match) return source
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match
  const exponent = Number(exponentText)
  const digits = whole + fraction
  const point = whole.length + exponent // position of the decimal point within `digits`
  if (Math.abs(point) > MAX_EXPANDED_DIGITS || digits.length > MAX_EXPANDED_DIGITS) return source
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0')
  const at = Math.max(point, 1)
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '')
  const fracPart = padded.slice(at).replace(/0+$/, '')
  const text = fracPart === '' ? intPart : `${intPart}.${fracPart}`
  return text === '0' ? '0' : sign + text
}

// ATSD-BEHAVIOUR §2.6: malformed JSON → 400 with the position. V8 names the position for most errors
// ("… in JSON at position 14 (line 3 column 3)"), not for "Unexpected token" or end of input; then a
// syntax scan finds it.
function malformedJson(text: string, engineMessage: string): ConvertError {
  const position = / at position (\d+)/.exec(engineMessage)
  const offset = position?.[1] !== undefined ? Number(position[1]) : findJsonErrorOffset(text)
  const reason = engineMessage
    .replace(/(?: in JSON)? at position \d+(?: \(line \d+ column \d+\))?$/, '')
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su, '')
    .replace(
      /^Unexpected token '([\s\p{Cc}])'/u,
      (_match, token: string) => `Unexpected token ${JSON.stringify(token)}`,
    )
  const { line, column } = lineAndColumn(text, offset)
  return {
    code: 'malformed_json',
    message: `Malformed JSON at line ${line}, column ${column}: ${reason}`,
    line,
    column,
    offset,
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

// Counts brackets outside strings; stops at the first level past the limit, so the cost is linear.
const TOO_DEEP = 0
const PLAIN_NUMBERS = 1
const OTHER_NUMBERS = 2
const TOO_MANY = 3
/** What scanJson found: too deep, too many values, or the kind of numbers (parseJsonText takes it). */
export type JsonScan = typeof TOO_DEEP | typeof PLAIN_NUMBERS | typeof OTHER_NUMBERS | typeof TOO_MANY

function refusal(scan: JsonScan, maxDepth: number, maxValues: number): ConvertError | null {
  if (scan === TOO_DEEP) return tooDeepError(maxDepth)
  if (scan === TOO_MANY) return tooManyError(maxValues)
  return null
}

/**
 * Scans a JSON body's bytes before it is decoded: a document refused for its depth or its number of values is
 * never turned into text (a 10 MB body with a million keys was decoded into a 10 MB string only to be refused,
 * and the process's resting memory kept it: issue 18.11). Otherwise the scan is passed on to parseJsonText.
 */
export function checkJsonBytes(
  bytes: Uint8Array,
  maxDepth: number,
  maxValues = Infinity,
): { ok: true; scan: JsonScan } | { ok: false; error: ConvertError } {
  const scan = scanJson(bytes, maxDepth, maxValues)
  const refused = refusal(scan, maxDepth, maxValues)
  return refused ? { ok: false, error: refused } : { ok: true, scan }
}
/** Digits a plain integer may have and still round-trip through a double (2^53 has 16). */
const MAX_PLAIN_DIGITS = 15

/**
 * One pass over the UTF-8 bytes outside strings: TOO_DEEP past `maxDepth` nesting, else PLAIN_NUMBERS when every
 * number token is an integer that String(Number(token)) writes back unchanged (no `-0`, fraction, exponent or
 * more than 15 digits), else OTHER_NUMBERS. Invalid JSON is left for JSON.parse to report. Bytes, not text:
 * every character the scan looks at is ASCII, and no byte of a multi-byte UTF-8 sequence is.
 */
function scanJson(bytes: Uint8Array, maxDepth: number, maxValues: number): JsonScan {
  let depth = 0
  let plain = true
  // Every value but the first is preceded by a comma (outside strings): commas + 1 bounds the value count.
  let values = 1
  for (let i = 0; i < bytes.length; i += 1) {
    const code = bytes[i]!
    if (code === 0x22) {
      // Skip the string: to the next quote not escaped by a backslash.
      for (i += 1; i < bytes.length; i += 1) {
        const c = bytes[i]!
        if (c === 0x5c) i += 1
        else if (c === 0x22) break
      }
    } else if (code === 0x5b || code === 0x7b) {
      depth += 1
      if (depth > maxDepth) return TOO_DEEP
    } else if (code === 0x5d || code === 0x7d) depth -= 1
    else if (code === 0x2c) {
      values += 1
      if (values > maxValues) return TOO_MANY
    } else if (plain && (code === 0x2d || (code >= 0x30 && code <= 0x39))) {
      const start = code === 0x2d ? i + 1 : i
      let end = start
      while (end < bytes.length && bytes[end]! >= 0x30 && bytes[end]! <= 0x39) end += 1
      const next = bytes[end]!
      const digits = end - start
      const leadingZero = bytes[start]! === 0x30 && (digits > 1 || code === 0x2d)
      if (
        digits === 0 ||
        digits > MAX_PLAIN_DIGITS ||
        leadingZero ||
        next === 0x2e ||
        next === 0x65 ||
        next === 0x45
      )
        plain = false
      i = end - 1
    }
  }
  return plain ? PLAIN_NUMBERS : OTHER_NUMBERS
}

/** The `too_complex` error for a document with more than `maxValues` values, refused before parsing. */
function tooManyError(maxValues: number): ConvertError {
  return {
    code: 'too_complex',
    message: `The JSON document has more than ${maxValues} values; send fewer fields (it was not parsed).`,
  }
}

/** The `too_complex` error for nesting past `maxDepth`. */
export function tooDeepError(maxDepth: number): ConvertError {
  return {
    code: 'too_complex',
    message: `The JSON document nests deeper than ${maxDepth} levels; flatten it or send less of it.`,
  }
}
