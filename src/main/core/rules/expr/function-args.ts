import type { Span } from './ast'
import type { EvalContext } from './context'
import { EvalFailure, numericText, toText, typeName, type Value } from './values'

/** What a built-in function sees besides its arguments. */
export interface CallSite {
  name: string
  span: Span
  ctx: EvalContext
}

/** A built-in function: arity bounds (max -1 = variadic), the implementation, and a doc example. */
export interface FunctionDef {
  min: number
  max: number
  fn: (args: Value[], site: CallSite) => Value
  /** Names only valid where a window exists (conditions and templates). */
  needsWindow?: boolean
}

/** Text of an argument; null is ''. */
export function text(v: Value | undefined): string {
  return toText(v ?? null)
}

/** An integer argument (numbers and numeric texts), else an evaluation error naming the position. */
export function integer(v: Value | undefined, position: number, site: CallSite): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? numericText(v) : null
  if (n === null || !Number.isFinite(n)) {
    const got = typeName(v ?? null)
    throw new EvalFailure(site.span, `${site.name}() expects a number as argument ${position}, got ${got}`)
  }
  return Math.trunc(n)
}

/** The elements of a list argument; a single non-list value counts as a one-element list. */
export function listOf(v: Value | undefined): Value[] {
  if (v === undefined || v === null) return []
  return Array.isArray(v) ? v : [v]
}

/** Empty for ifEmpty/coalesce/isEmpty: null, '', an empty list or map. */
export function isEmptyValue(v: Value): boolean {
  if (v === null) return true
  if (typeof v === 'string') return v === ''
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length === 0
  return false
}
