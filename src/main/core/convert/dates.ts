import {
  DateTimeFormatter,
  LocalDateTime,
  LocalTime,
  OffsetDateTime,
  ResolverStyle,
  TemporalQueries,
  ZoneOffset,
} from '@js-joda/core'

/** A date read as Unix milliseconds, or why it could not be read. */
export type DateReadResult = { ok: true; ms: number } | { ok: false; reason: string }

/** How `command.date` (and `header.date`) values are read: ATSD-BEHAVIOUR §2.4 `datetimePattern`. */
export type DateReader = (text: string) => DateReadResult

// Date can represent ±8.64e15 ms; beyond that toISOString() throws, so such dates are rejected here.
const MAX_DATE_MS = 8.64e15

// ATSD-BEHAVIOUR §4: date, 'T', time with mandatory seconds, up to 9 fraction digits, and a mandatory zone
// ('Z', ±hh:mm or ±hhmm). Zone names are not accepted. js-joda then checks the calendar (Feb 30, hour 24).
const ISO_SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:?\d{2})$/

const ISO_EXPECTED =
  'an ISO-8601 date with a zone, e.g. 2016-06-09T16:15:04.005Z or 2016-06-09T12:15:04-04:00'

/** Reads an ISO-8601 date with a mandatory zone (ATSD-BEHAVIOUR §4), keeping milliseconds. */
export function parseIsoDate(text: string): DateReadResult {
  const match = ISO_SHAPE.exec(text)
  if (!match) return { ok: false, reason: `expected ${ISO_EXPECTED}` }
  const local = match[1] ?? ''
  const zone = match[2] ?? 'Z'
  const offset = zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const iso = local + offset
  try {
    return checkRange(OffsetDateTime.parse(iso).toInstant().toEpochMilli())
  } catch (error) {
    return { ok: false, reason: describeJodaError(error, iso) }
  }
}

/**
 * Builds the reader for a `datetimePattern` value: `iso` (the default), `seconds`, `milliseconds`, or a Java
 * DateTimeFormatter pattern. Returns the reason when the pattern itself is invalid.
 */
export function createDateReader(
  pattern: string | undefined,
): { ok: true; read: DateReader } | { ok: false; reason: string } {
  const keyword = (pattern ?? '').trim().toLowerCase() || 'iso'
  if (keyword === 'iso') return { ok: true, read: readIsoOrNumeric }
  if (keyword === 'seconds') return { ok: true, read: readUnixSeconds }
  if (keyword === 'milliseconds') return { ok: true, read: readUnixMilliseconds }
  try {
    const formatter = DateTimeFormatter.ofPattern(yearOfEraToProlepticYear(pattern ?? '')).withResolverStyle(
      ResolverStyle.STRICT,
    )
    return { ok: true, read: (text) => readWithFormatter(formatter, text) }
  } catch (error) {
    return { ok: false, reason: describeJodaError(error) }
  }
}

/** Formats Unix milliseconds as ISO-8601 UTC with milliseconds (the command's `date`). */
export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString()
}

// ATSD-BEHAVIOUR §2.4: with the default `iso`, a purely numeric value is milliseconds when it has 12 or
// more digits, else seconds.
function readIsoOrNumeric(text: string): DateReadResult {
  if (/^\d+$/.test(text)) return text.length >= 12 ? readUnixMilliseconds(text) : readUnixSeconds(text)
  return parseIsoDate(text)
}

// Seconds may carry a fraction ('1717000000.25'); digits past the millisecond are dropped, like ISO's.
function readUnixSeconds(text: string): DateReadResult {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) return { ok: false, reason: 'expected Unix time in seconds, e.g. 1717000000' }
  const whole = Number(match[2]) * 1000 + Number(((match[3] ?? '') + '000').slice(0, 3))
  return checkRange(match[1] === '-' ? -whole : whole)
}

function readUnixMilliseconds(text: string): DateReadResult {
  if (!/^-?\d+$/.test(text))
    return { ok: false, reason: 'expected Unix time in milliseconds, e.g. 1717000000000' }
  return checkRange(Number(text))
}

// ATSD-BEHAVIOUR §2.4: a pattern without a zone is UTC; a pattern without time fields is the start of the day.
function readWithFormatter(formatter: DateTimeFormatter, text: string): DateReadResult {
  try {
    const parsed = formatter.parse(text)
    const date = parsed.query(TemporalQueries.localDate())
    if (date === null) return { ok: false, reason: 'the pattern has no complete date (year, month and day)' }
    const time = parsed.query(TemporalQueries.localTime()) ?? LocalTime.MIDNIGHT
    const zone = parsed.query(TemporalQueries.zone()) ?? ZoneOffset.UTC
    return checkRange(LocalDateTime.of(date, time).atZone(zone).toInstant().toEpochMilli())
  } catch (error) {
    return { ok: false, reason: describeJodaError(error, text) }
  }
}

// Java's `yyyy` is year-of-era, which STRICT resolving cannot turn into a date without an era (`G`): users
// write `yyyy-MM-dd HH:mm:ss` and mean the proleptic year `uuuu`. Letters inside '…' literals stay as written.
function yearOfEraToProlepticYear(pattern: string): string {
  let inLiteral = false
  let out = ''
  for (const char of pattern) {
    if (char === "'") inLiteral = !inLiteral
    out += !inLiteral && char === 'y' ? 'u' : char
  }
  return out
}

function checkRange(ms: number): DateReadResult {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS)
    return { ok: false, reason: 'the date is out of range' }
  return { ok: true, ms }
}

// js-joda messages repeat the input and append a stack of causes ("Text 'x' could not be parsed: CAUSE: x, at
// index: 0"); keep the one phrase that says what is wrong.
function describeJodaError(error: unknown, text?: string): string {
  let first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  if (text !== undefined) {
    const echo = first.lastIndexOf(`: ${text}, at index: `)
    if (echo >= 0) first = first.slice(0, echo)
  }
  const index = /could not be parsed at index (\d+)/.exec(first)
  if (index?.[1]) return `unexpected text at character ${Number(index[1]) + 1}`
  const cause = /could not be parsed: (.*)$/.exec(first)
  return (cause?.[1] ?? first).trim() || 'not a valid date'
}
