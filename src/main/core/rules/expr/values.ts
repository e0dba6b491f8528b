import type { ExprError, Span } from './ast'
import { errorAtSpan } from './ast'

/** A map value (`tags`): plain data, read with own-key lookups only. */
export interface ValueMap {
  [key: string]: Value
}

/**
 * What an expression evaluates to. Dates (`now`, `date`, `open_time`, `received_datetime`) are `Date`
 * instances so they compare as instants and render as ISO-8601 UTC.
 */
export type Value = string | number | boolean | null | Date | Value[] | ValueMap

/** Thrown inside the evaluator only; evaluate() turns it into `{ ok: false }`. */
export class EvalFailure extends Error {
  readonly detail: ExprError
  constructor(span: Span, message: string) {
    super(message)
    this.detail = errorAtSpan(span, message)
  }
}

export function isMap(v: Value): v is ValueMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
}

/** User-facing name of a value's type, for error messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return 'text'
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v}`
  if (v instanceof Date) return 'date'
  return Array.isArray(v) ? 'list' : 'map'
}

/**
 * Truthiness for AND/OR/NOT/ternary: null, false, 0, NaN, '', the text 'false' (any case) and empty lists
 * or maps are false; everything else is true. Tag values are always text, hence the 'false' rule.
 */
export function isTruthy(v: Value): boolean {
  if (v === null) return false
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v)
  if (typeof v === 'string') return v !== '' && v.toLowerCase() !== 'false'
  if (v instanceof Date) return true
  return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0
}

/** Numbers print in full (no exponent for integers), so tag-like output stays stable. */
function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0'
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString()
  return String(n)
}

/** How a value renders in text: null is '', dates ISO-8601 UTC, lists joined by ', ', maps as `k=v` pairs. */
export function toText(v: Value): string {
  if (v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return formatNumber(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map(toText).join(', ')
  return Object.keys(v)
    .sort()
    .map((k) => `${k}=${toText(v[k] ?? null)}`)
    .join(', ')
}

const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/

/** The number a numeric text stands for, or null when the text is not a number. */
export function numericText(s: string): number | null {
  return NUMERIC.test(s) ? Number(s) : null
}

/** A map key, exact first and then case-insensitively (tag names are case-insensitive in ATSD). */
export function lookupKey(map: Readonly<Record<string, Value>>, name: string): Value {
  if (Object.hasOwn(map, name)) return map[name] ?? null
  const lower = name.toLowerCase()
  for (const key of Object.keys(map)) if (key.toLowerCase() === lower) return map[key] ?? null
  return null
}

/** A Date for epoch milliseconds, or null outside the representable range. */
export function dateValue(ms: number | undefined): Date | null {
  if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null
  return new Date(ms)
}

/**
 * Equality for `=`, `!=`, IN and `list.contains`: texts case-insensitively, a number and a numeric text
 * as numbers, a boolean and the text 'true'/'false', dates as instants, lists and maps element-wise.
 * null equals only null.
 */
export function valuesEqual(a: Value, b: Value, parseDate: (s: string) => number | null): boolean {
  if (a === null || b === null) return a === b
  if (a instanceof Date || b instanceof Date) {
    const x = instantOf(a, parseDate)
    const y = instantOf(b, parseDate)
    return x !== null && x === y
  }
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase()
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'string' ? numericText(a) : a
    const y = typeof b === 'string' ? numericText(b) : b
    return typeof x === 'number' && typeof y === 'number' && x === y
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    return (typeof a === 'string' || typeof a === 'boolean') &&
      (typeof b === 'string' || typeof b === 'boolean')
      ? String(a).toLowerCase() === String(b).toLowerCase()
      : false
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => valuesEqual(item, b[i] ?? null, parseDate))
  }
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) return false
    return keys.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k] ?? null, b[k] ?? null, parseDate))
  }
  return false
}

/**
 * Ordering for `< <= > >=` and BETWEEN: numbers (and numeric texts against numbers) numerically, texts
 * case-sensitively by UTF-16 code units, dates as instants. Returns null when one side is null or a text
 * that is not a number meets a number (the comparison is then false); throws for lists, maps, booleans.
 */
export function compareValues(
  a: Value,
  b: Value,
  span: Span,
  op: string,
  parseDate: (s: string) => number | null,
): number | null {
  for (const v of [a, b]) {
    if (typeof v === 'boolean' || Array.isArray(v) || isMap(v)) {
      throw new EvalFailure(span, `'${op}' cannot order a ${typeName(v)}: compare numbers, texts or dates`)
    }
  }
  if (a === null || b === null) return null
  if (a instanceof Date || b instanceof Date) {
    const x = instantOf(a, parseDate)
    const y = instantOf(b, parseDate)
    return x === null || y === null ? null : Math.sign(x - y)
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  const x = typeof a === 'string' ? numericText(a) : a
  const y = typeof b === 'string' ? numericText(b) : b
  if (typeof x !== 'number' || typeof y !== 'number') return null
  return x < y ? -1 : x > y ? 1 : 0
}

function instantOf(v: Value, parseDate: (s: string) => number | null): number | null {
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'number') return v
  if (typeof v === 'string') return numericText(v) ?? parseDate(v)
  return null
}
