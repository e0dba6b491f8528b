import { RE2JS } from 're2js'
import { epochMsOf, formatDate, parseIsoMs } from './dates'
import { isEmptyValue, listOf, text, type CallSite, type FunctionDef } from './function-args'
import { globMatch } from './glob'
import { TEXT_FUNCTIONS } from './text-functions'
import {
  dateValue,
  EvalFailure,
  isMap,
  lookupKey,
  numericText,
  typeName,
  valuesEqual,
  type Value,
} from './values'

/** Longest pattern matches() accepts; RE2 runs in linear time, this bounds compile time and memory. */
const MAX_REGEX_LENGTH = 1_000
const REGEX_CACHE_SIZE = 100
const regexCache = new Map<string, RE2JS>()

/** Constructs RE2 refuses (linear-time matching has no lookaround or backreferences), named for the user. */
const UNSUPPORTED = [
  [/\(\?<[=!]/, 'lookbehind (?<= or (?<!'],
  [/\(\?[=!]/, 'lookahead (?= or (?!'],
  [/\\[1-9]/, 'backreferences (\\1)'],
] as const

/**
 * Why `pattern` cannot be a matches() pattern, or null: rule save calls it for literal patterns
 * (issue 18.9), evaluation for computed ones.
 */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH)
    return `matches() accepts patterns up to ${MAX_REGEX_LENGTH} characters`
  try {
    RE2JS.compile(pattern)
    return null
  } catch (e) {
    const construct = UNSUPPORTED.find(([re]) => re.test(pattern))?.[1]
    if (construct) {
      return `matches() uses RE2 syntax, which has no ${construct}: rewrite the pattern without it`
    }
    const reason = e instanceof Error ? e.message : String(e)
    return `matches() got an invalid regular expression: ${reason}`
  }
}

function compileRegex(pattern: string, site: CallSite): RE2JS {
  const cached = regexCache.get(pattern)
  if (cached) return cached
  const problem = regexProblem(pattern)
  if (problem) throw new EvalFailure(site.span, problem)
  const compiled = RE2JS.compile(pattern)
  if (regexCache.size >= REGEX_CACHE_SIZE) regexCache.delete(regexCache.keys().next().value ?? '')
  regexCache.set(pattern, compiled)
  return compiled
}

function contains([haystack, needle]: Value[]): Value {
  const item = needle ?? null
  if (Array.isArray(haystack)) return haystack.some((v) => valuesEqual(v, item, parseIsoMs))
  if (haystack !== undefined && isMap(haystack)) return lookupKey(haystack, text(item)) !== null
  return text(haystack).includes(text(item))
}

function size([v]: Value[]): Value {
  if (v === undefined || v === null) return 0
  if (Array.isArray(v)) return v.length
  if (isMap(v)) return Object.keys(v).length
  return text(v).length
}

function concat(args: Value[]): Value {
  const [first, separator] = args
  if (args.length === 2 && Array.isArray(first)) return first.map((v) => text(v)).join(text(separator))
  return args.map((v) => text(v)).join('')
}

function coalesce(args: Value[]): Value {
  const candidates = args.length === 1 && Array.isArray(args[0]) ? args[0] : args
  return candidates.find((v) => !isEmptyValue(v)) ?? null
}

function toNumber([v]: Value[]): Value {
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v instanceof Date) return v.getTime()
  return typeof v === 'string' ? numericText(v) : null
}

function toBoolean([v]: Value[]): Value {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  return typeof v === 'string' && ['true', 'yes', 'on', '1'].includes(v.trim().toLowerCase())
}

function count(_args: Value[], site: CallSite): Value {
  if (!site.ctx.window) {
    throw new EvalFailure(
      site.span,
      'count() needs a window: use it in conditions and templates, not in filters',
    )
  }
  return site.ctx.window.count
}

function elapsedMinutes([t]: Value[], site: CallSite): Value {
  if (t === null || t === undefined) return null
  const ms = epochMsOf(t)
  if (ms === null) throw new EvalFailure(site.span, `elapsed_minutes() expects a date, got ${typeName(t)}`)
  return (site.ctx.nowMs - ms) / 60_000
}

function dateFormat([t, pattern, zone]: Value[], site: CallSite): Value {
  if (t === null || t === undefined) return null
  const ms = epochMsOf(t)
  if (ms === null) throw new EvalFailure(site.span, `date_format() expects a date, got ${typeName(t)}`)
  const result = formatDate(ms, pattern == null ? 'iso' : text(pattern), zone == null ? 'UTC' : text(zone))
  if ('error' in result) throw new EvalFailure(site.span, result.error)
  return result.text
}

function matches([v, pattern]: Value[], site: CallSite): Value {
  const regex = compileRegex(text(pattern), site)
  return listOf(v).some((item) => item !== null && regex.testExact(text(item)))
}

/** Every built-in function, by its exact (case-sensitive) name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  ...Object.entries(TEXT_FUNCTIONS),
  ['length', { min: 1, max: 1, fn: size }],
  ['contains', { min: 2, max: 2, fn: contains }],
  ['concat', { min: 1, max: -1, fn: concat }],
  ['ifEmpty', { min: 2, max: 2, fn: ([a, b]) => (isEmptyValue(a ?? null) ? (b ?? null) : (a ?? null)) }],
  ['coalesce', { min: 1, max: -1, fn: coalesce }],
  [
    'likeAny',
    { min: 2, max: 2, fn: ([v, p]) => v != null && listOf(p).some((q) => globMatch(text(v), text(q))) },
  ],
  ['matches', { min: 2, max: 2, fn: matches }],
  ['size', { min: 1, max: 1, fn: size }],
  ['isEmpty', { min: 1, max: 1, fn: ([v]) => isEmptyValue(v ?? null) }],
  ['toNumber', { min: 1, max: 1, fn: toNumber }],
  ['toBoolean', { min: 1, max: 1, fn: toBoolean }],
  ['count', { min: 0, max: 0, fn: count, needsWindow: true }],
  ['now', { min: 0, max: 0, fn: (_args, site) => dateValue(site.ctx.nowMs) }],
  ['elapsed_minutes', { min: 1, max: 1, fn: elapsedMinutes }],
  ['date_format', { min: 1, max: 3, fn: dateFormat }],
])

/** Checks the argument count; the message names the function and what it takes. */
export function arityError(name: string, def: FunctionDef, got: number): string | null {
  if (got >= def.min && (def.max === -1 || got <= def.max)) return null
  const takes =
    def.max === -1 ? `at least ${def.min}` : def.min === def.max ? `${def.min}` : `${def.min} to ${def.max}`
  return `${name}() takes ${takes} argument${takes === '1' ? '' : 's'}, got ${got}`
}
