import { DateTimeFormatter, Instant, OffsetDateTime, ZonedDateTime, ZoneOffset } from '@js-joda/core'
import { dateValue, numericText, type Value } from './values'

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MAX_PATTERN_LENGTH = 100

/** Fields readable on a date (`now.hourOfDay`), all in UTC. */
export const DATE_MEMBERS: Record<string, (d: Date) => Value> = {
  millis: (d) => d.getTime(),
  year: (d) => d.getUTCFullYear(),
  monthOfYear: (d) => d.getUTCMonth() + 1,
  month: (d) => d.getUTCMonth() + 1,
  dayOfMonth: (d) => d.getUTCDate(),
  day: (d) => d.getUTCDate(),
  hourOfDay: (d) => d.getUTCHours(),
  hour: (d) => d.getUTCHours(),
  minuteOfHour: (d) => d.getUTCMinutes(),
  minute: (d) => d.getUTCMinutes(),
  secondOfMinute: (d) => d.getUTCSeconds(),
  second: (d) => d.getUTCSeconds(),
  dayOfWeek: (d) => DAY_NAMES[d.getUTCDay()] ?? null,
  day_of_week: (d) => DAY_NAMES[d.getUTCDay()] ?? null,
}

/** Epoch milliseconds of an ISO-8601 date-time with a zone or offset, or null. */
export function parseIsoMs(s: string): number | null {
  try {
    return OffsetDateTime.parse(s.trim()).toInstant().toEpochMilli()
  } catch {
    return null
  }
}

/** Epoch milliseconds of a date, a number (milliseconds) or a text (ISO-8601 or digits); null otherwise. */
export function epochMsOf(v: Value): number | null {
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string') return numericText(v) ?? parseIsoMs(v)
  return null
}

/** The command's `date` text as a Date (the converter stores ISO-8601 UTC). */
export function commandDate(iso: string): Date | null {
  return dateValue(parseIsoMs(iso) ?? undefined)
}

/**
 * `date_format(t, pattern, zone)`: pattern `iso` (default), `seconds`, `milliseconds`, or Java
 * DateTimeFormatter letters without localized text (no EEE/MMM); zone `UTC` (default), an offset, or an
 * IANA name (resolved to its offset at that instant through Intl). Returns an error message on bad input.
 */
export function formatDate(ms: number, pattern: string, zone: string): { text: string } | { error: string } {
  const date = dateValue(ms)
  if (!date) return { error: `date_format() got a time outside the supported range: ${ms}` }
  const lower = pattern.toLowerCase()
  if (lower === 'seconds') return { text: String(Math.floor(ms / 1000)) }
  if (lower === 'milliseconds') return { text: String(ms) }
  const offset = zoneOffset(zone, date)
  if (offset === null) return { error: `date_format() does not know the time zone '${zone}'` }
  if (lower === 'iso' && offset.totalSeconds() === 0) return { text: date.toISOString() }
  const text = lower === 'iso' ? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" : pattern
  if (text.length > MAX_PATTERN_LENGTH) {
    return { error: `date_format() pattern is longer than ${MAX_PATTERN_LENGTH} characters` }
  }
  try {
    const zoned = ZonedDateTime.ofInstant(Instant.ofEpochMilli(ms), offset)
    return { text: zoned.format(DateTimeFormatter.ofPattern(text)) }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    return { error: `date_format() cannot use the pattern '${pattern}': ${reason}` }
  }
}

function zoneOffset(zone: string, date: Date): ZoneOffset | null {
  const name = zone.trim()
  if (/^(utc|gmt|z|etc\/utc|etc\/gmt)$/i.test(name)) return ZoneOffset.UTC
  if (/^[+-]\d{2}(:?\d{2})?$/.test(name)) {
    try {
      return ZoneOffset.of(name.length === 5 ? `${name.slice(0, 3)}:${name.slice(3)}` : name)
    } catch {
      return null
    }
  }
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      timeZoneName: 'longOffset',
    }).formatToParts(date)
    const label = parts.find((p) => p.type === 'timeZoneName')?.value ?? ''
    const match = /^GMT(?:([+-]\d{2}):(\d{2}))?$/.exec(label)
    if (!match) return null
    return match[1] ? ZoneOffset.of(`${match[1]}:${match[2]}`) : ZoneOffset.UTC
  } catch {
    return null
  }
}

/** `alert_duration`: `dd:hh:mm:ss`, zero-padded. */
export function formatDuration(ms: number): string {
  const { d, h, m, s } = split(ms)
  return [d, h, m, s].map((n) => String(n).padStart(2, '0')).join(':')
}

/** `alert_duration_interval`: `1h:8m:59s`, leading zero units left out. */
export function formatInterval(ms: number): string {
  const { d, h, m, s } = split(ms)
  const units: [number, string][] = [
    [d, 'd'],
    [h, 'h'],
    [m, 'm'],
    [s, 's'],
  ]
  const first = units.findIndex(([n]) => n > 0)
  return units
    .slice(first === -1 ? 3 : first)
    .map(([n, unit]) => `${n}${unit}`)
    .join(':')
}

function split(ms: number): { d: number; h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor(ms / 1000))
  return {
    d: Math.floor(total / 86400),
    h: Math.floor(total / 3600) % 24,
    m: Math.floor(total / 60) % 60,
    s: total % 60,
  }
}
