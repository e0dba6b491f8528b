import { errorAt, positionAt, type Expr, type ExprError } from './ast'
import type { EvalContext } from './context'
import type { Escaper } from './escapers'
import { evaluate } from './evaluator'
import { lineOrigin } from './lexer'
import { parseExpressionIn } from './parser'
import { toText } from './values'

/**
 * A piece of a notification text: literal text, or a `${...}` placeholder. For a placeholder, `source` is
 * the expression between `${` and `}`, `raw` the placeholder exactly as written (put back unchanged when it
 * fails), `offset` where `${` starts in the text; `expr` is null and `error` set when it does not parse.
 * Positions in `expr` spans and `error` are offsets into the whole text.
 */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'expr'
      source: string
      raw: string
      expr: Expr | null
      error?: ExprError
      offset: number
      /** `${raw:expr}`: the value goes in as it is, markup included (docs/expressions.md "Escaping"). */
      unescaped?: boolean
    }

/**
 * `${raw:…}`: never a valid expression start otherwise (`raw` followed by `:` only occurs inside a ternary),
 * so ATSD templates cannot mean anything else by it.
 */
const RAW_PREFIX = /^\s*raw:/

/**
 * Splits a text into literal parts and `${expr}` placeholders. The closing `}` is the first one outside
 * quotes and nested braces, so `${'}'}` works. An unclosed `${` is a placeholder with an error.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let textStart = 0
  let origin = lineOrigin(text, 0)
  let scanned = 0
  for (;;) {
    const open = text.indexOf('${', textStart)
    if (open === -1) break
    if (open > textStart) parts.push({ kind: 'text', text: text.slice(textStart, open) })
    const close = findClose(text, open + 2)
    if (close === -1) {
      const { line, column } = positionAt(text, open)
      const message = `Expected '}' to close the placeholder opened at line ${line}, column ${column}`
      const error = errorAt(text, text.length, 0, message, ['}'])
      parts.push({
        kind: 'expr',
        source: text.slice(open + 2),
        raw: text.slice(open),
        expr: null,
        error,
        offset: open,
      })
      return parts
    }
    const rawPrefix = RAW_PREFIX.exec(text.slice(open + 2, Math.min(close, open + 16)))
    const start = open + 2 + (rawPrefix ? rawPrefix[0].length : 0)
    const source = text.slice(start, close)
    const raw = text.slice(open, close + 1)
    // Line counting resumes from the previous placeholder, so long texts stay linear.
    origin = lineOrigin(text, start, origin, scanned)
    scanned = start
    const parsed = parseExpressionIn(text, start, close, origin)
    const base = { kind: 'expr', source, raw, offset: open, ...(rawPrefix && { unescaped: true }) } as const
    parts.push(parsed.ok ? { ...base, expr: parsed.value } : { ...base, expr: null, error: parsed.error })
    textStart = close + 1
  }
  if (textStart < text.length) parts.push({ kind: 'text', text: text.slice(textStart) })
  return parts
}

function findClose(text: string, from: number): number {
  let depth = 0
  let quote = ''
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i)
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === "'" || c === '"') quote = c
    else if (c === '{') depth++
    else if (c === '}') {
      if (depth === 0) return i
      depth--
    }
  }
  return -1
}

/**
 * Renders `${...}` placeholders (ATSD-BEHAVIOUR §6): values are escaped with `escape`, which sees what
 * was rendered before each one (literal text and `${raw:…}` values are not escaped), null and unknown fields render '' and are listed in `empty` by source; a placeholder that fails
 * to parse or evaluate stays as written and its error is listed in `errors`.
 */
export function renderTemplate(
  text: string,
  ctx: EvalContext,
  escape: Escaper = (s) => s,
): { text: string; empty: string[]; errors: ExprError[] } {
  let out = ''
  const empty: string[] = []
  const errors: ExprError[] = []
  for (const part of parseTemplate(text)) {
    if (part.kind === 'text') {
      out += part.text
      continue
    }
    const result = part.expr ? evaluate(part.expr, ctx) : null
    if (!result || !result.ok) {
      out += part.raw
      const error = result ? result.error : part.error
      if (error) errors.push(error)
      continue
    }
    const rendered = toText(result.value)
    if (rendered === '') empty.push(part.source.trim())
    out += part.unescaped ? rendered : escape(rendered, out)
  }
  return { text: out, empty, errors }
}
