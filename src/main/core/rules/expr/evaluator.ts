import { errorAtSpan, type Expr, type ExprResult, type Span } from './ast'
import type { EvalContext } from './context'
import { charge, restoreMeter, startMeter } from './meter'
import { commandDate, DATE_MEMBERS, formatDuration, formatInterval, parseIsoMs } from './dates'
import { arityError, FUNCTIONS } from './functions'
import { globMatch } from './glob'
import {
  compareValues,
  dateValue,
  EvalFailure,
  isMap,
  isTruthy,
  lookupKey,
  numericText,
  toText,
  typeName,
  valuesEqual,
  type Value,
  type ValueMap,
} from './values'

/**
 * Evaluates a parsed expression against a command (and, for conditions and templates, its window).
 * Never throws for bad input: unknown functions, wrong arity, type errors, bad regular expressions and
 * division by zero come back as `{ ok: false }` positioned at the offending node.
 * Unknown fields and missing tags evaluate to null (checkNames reports unknown names at save time).
 */
export function evaluate(expr: Expr, ctx: EvalContext): ExprResult<Value> {
  const outer = startMeter(ctx.budget)
  try {
    return { ok: true, value: evalNode(expr, ctx) }
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, error: e.detail }
    // A result past the engine's string or array limits (replace() doubling a text 30 times) is this
    // expression's failure, not the receiver's.
    if (e instanceof RangeError) return { ok: false, error: errorAtSpan(expr.span, tooLarge(e)) }
    throw e
  } finally {
    restoreMeter(outer)
  }
}

function tooLarge(e: RangeError): string {
  return `The expression built a value too large to hold (${e.message}); stopped`
}

const sizeOf = (v: Value): number => (typeof v === 'string' || Array.isArray(v) ? v.length : 0)

function evalNode(expr: Expr, ctx: EvalContext): Value {
  charge(1, expr.span)
  switch (expr.kind) {
    case 'literal':
      return expr.value
    case 'list':
      return expr.items.map((item) => evalNode(item, ctx))
    case 'field':
      return fieldValue(expr.name, ctx)
    case 'tag':
      return lookupKey(ctx.command.tags, expr.name)
    case 'member':
      return member(evalNode(expr.object, ctx), expr.name, expr.span)
    case 'index':
      return index(evalNode(expr.object, ctx), evalNode(expr.index, ctx), expr.span)
    case 'call':
      return call(expr, ctx)
    case 'unary':
      return expr.op === 'not'
        ? !isTruthy(evalNode(expr.operand, ctx))
        : negate(evalNode(expr.operand, ctx), expr.span)
    case 'binary':
      return binary(expr, ctx)
    case 'between': {
      const v = evalNode(expr.value, ctx)
      const low = compareValues(v, evalNode(expr.low, ctx), expr.span, 'BETWEEN', parseIsoMs)
      const high = compareValues(v, evalNode(expr.high, ctx), expr.span, 'BETWEEN', parseIsoMs)
      return expr.negated !== (low !== null && high !== null && low >= 0 && high <= 0)
    }
    case 'like': {
      const v = evalNode(expr.value, ctx)
      const patterns = expr.patterns.flatMap((p) => flatten(evalNode(p, ctx)))
      const hit =
        v !== null &&
        patterns.some((p) => {
          if (p === null) return false
          const text = toText(v)
          const pattern = toText(p)
          charge(text.length + pattern.length, expr.span)
          return globMatch(text, pattern)
        })
      return expr.negated !== hit
    }
    case 'in': {
      const v = evalNode(expr.value, ctx)
      const items = expr.items.flatMap((item) => flatten(evalNode(item, ctx)))
      return expr.negated !== items.some((item) => valuesEqual(v, item, parseIsoMs))
    }
    case 'conditional':
      return isTruthy(evalNode(expr.test, ctx))
        ? evalNode(expr.consequent, ctx)
        : evalNode(expr.alternate, ctx)
  }
}

function flatten(v: Value): Value[] {
  return Array.isArray(v) ? v : [v]
}

/** Runtime value of a bare name; see names.ts for which names are known where. */
function fieldValue(name: string, ctx: EvalContext): Value {
  const { command, window } = ctx
  switch (name) {
    case 'entity':
    case 'type':
    case 'source':
      return command[name]
    case 'severity':
      return command.severity ?? null
    case 'message':
      return command.message ?? null
    case 'date':
      return commandDate(command.date) ?? command.date
    case 'tags': {
      const tags: ValueMap = Object.create(null) as ValueMap
      for (const [k, v] of Object.entries(command.tags)) tags[k] = v
      return tags
    }
    case 'now':
      return dateValue(ctx.nowMs)
    case 'received_datetime':
      return dateValue(ctx.receivedAtMs)
  }
  if (!window) return null
  switch (name) {
    case 'rule':
      return window.rule ?? null
    case 'status':
      return window.status ?? null
    case 'before_status':
      return window.beforeStatus ?? null
    case 'repeat_count':
      return window.repeatCount ?? 0
    case 'window':
      return window.windowText ?? null
    case 'open_time':
      return dateValue(window.openTimeMs)
    case 'alert_duration':
      return window.openTimeMs === undefined ? null : formatDuration(ctx.nowMs - window.openTimeMs)
    case 'alert_duration_interval':
      // ATSD-BEHAVIOUR §6: empty on OPEN.
      if (window.status === 'OPEN' || window.openTimeMs === undefined) return ''
      return formatInterval(ctx.nowMs - window.openTimeMs)
  }
  return null
}

function member(object: Value, name: string, span: Span): Value {
  if (object === null) return null
  if (object instanceof Date) {
    const read = Object.hasOwn(DATE_MEMBERS, name) ? DATE_MEMBERS[name] : undefined
    if (!read) throw new EvalFailure(span, `A date has no field '${name}'; use one of ${dateMemberList()}`)
    return read(object)
  }
  if (isMap(object)) return lookupKey(object, name)
  throw new EvalFailure(span, `Cannot read '${name}' of a ${typeName(object)}`)
}

function dateMemberList(): string {
  return Object.keys(DATE_MEMBERS).join(', ')
}

function index(object: Value, key: Value, span: Span): Value {
  if (object === null || key === null) return null
  if (isMap(object)) return lookupKey(object, toText(key))
  const i = typeof key === 'number' ? key : typeof key === 'string' ? numericText(key) : null
  if (Array.isArray(object) || typeof object === 'string') {
    if (i === null || !Number.isInteger(i)) {
      throw new EvalFailure(span, `A ${typeName(object)} index must be a whole number, got ${typeName(key)}`)
    }
    const item = i >= 0 ? object[i] : undefined
    return item ?? null
  }
  throw new EvalFailure(span, `Cannot index a ${typeName(object)} with [...]`)
}

function call(expr: Extract<Expr, { kind: 'call' }>, ctx: EvalContext): Value {
  const def = FUNCTIONS.get(expr.name)
  if (!def) throw new EvalFailure(expr.span, `Unknown function '${expr.name}'`)
  const arity = arityError(expr.name, def, expr.args.length)
  if (arity) throw new EvalFailure(expr.span, arity)
  const args = expr.args.map((arg) => evalNode(arg, ctx))
  // Functions that scan their arguments (likeAny, matches, htmlDecode) cost what they read.
  charge(
    args.reduce<number>((n, a) => n + sizeOf(a), 0),
    expr.span,
  )
  const result = def.fn(args, { name: expr.name, span: expr.span, ctx })
  charge(sizeOf(result), expr.span)
  return result
}

function negate(v: Value, span: Span): Value {
  if (v === null) return null
  const n = typeof v === 'number' ? v : typeof v === 'string' ? numericText(v) : null
  if (n === null) throw new EvalFailure(span, `Cannot negate a ${typeName(v)}`)
  return -n
}

function binary(expr: Extract<Expr, { kind: 'binary' }>, ctx: EvalContext): Value {
  const { op, span } = expr
  if (op === 'and') return isTruthy(evalNode(expr.left, ctx)) && isTruthy(evalNode(expr.right, ctx))
  if (op === 'or') return isTruthy(evalNode(expr.left, ctx)) || isTruthy(evalNode(expr.right, ctx))
  const left = evalNode(expr.left, ctx)
  const right = evalNode(expr.right, ctx)
  switch (op) {
    case '=':
      return valuesEqual(left, right, parseIsoMs)
    case '!=':
      return !valuesEqual(left, right, parseIsoMs)
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = compareValues(left, right, span, op, parseIsoMs)
      if (c === null) return false
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0
    }
  }
  return arithmetic(op, left, right, span)
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', left: Value, right: Value, span: Span): Value {
  for (const v of [left, right]) {
    if (Array.isArray(v) || isMap(v) || typeof v === 'boolean') {
      throw new EvalFailure(
        span,
        `'${op}' cannot use a ${typeName(v)}: ${typeName(left)} ${op} ${typeName(right)}`,
      )
    }
  }
  // ATSD-BEHAVIOUR §5.1: + on texts concatenates (null as ''); use toNumber() to add numeric tags.
  if (op === '+' && (typeof left === 'string' || typeof right === 'string')) {
    const joined = toText(left) + toText(right)
    charge(joined.length, span)
    return joined
  }
  if (left === null || right === null) return null
  const a = operand(left, op, span)
  const b = operand(right, op, span)
  if ((op === '/' || op === '%') && b === 0) throw new EvalFailure(span, `Division by zero in '${op}'`)
  if (op === '+') return a + b
  if (op === '-') return a - b
  if (op === '*') return a * b
  return op === '/' ? a / b : a % b
}

function operand(v: Value, op: string, span: Span): number {
  if (typeof v === 'number') return v
  if (v instanceof Date) return v.getTime()
  const n = typeof v === 'string' ? numericText(v) : null
  if (n === null)
    throw new EvalFailure(span, `'${op}' needs numbers, got the text '${toText(v).slice(0, 40)}'`)
  return n
}
