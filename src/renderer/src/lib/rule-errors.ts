import type { AppErrorShape } from '@shared/errors'
import { tokenAt, tokenizeExpression, tokenizeTemplate } from './expr-tokens'

/** A mark in a code editor: offsets into its text, and the sentence to show on it. */
export interface EditorDiagnostic {
  from: number
  to: number
  message: string
}

/** The fields a rule error points at, as dotted keys: `condition`, `actions.0.text`, `window`. */
export function errorFields(error: AppErrorShape | null): string[] {
  if (!error) return []
  const keys = (error.where ?? []).flatMap((where) => (where.path?.length ? [where.path.join('.')] : []))
  if (error.field) keys.push(error.field)
  return [...new Set(keys)]
}

/** The error's sentence when it is about `key` or something inside it (`actions.0` covers `actions.0.url`). */
export function errorFor(error: AppErrorShape | null, key: string): string | null {
  const hit = errorFields(error).some((field) => field === key || field.startsWith(`${key}.`))
  return hit && error ? error.message : null
}

/** True when no field of the form shows the error, so it belongs at the form's foot. */
export function isFormLevel(error: AppErrorShape | null, shownKeys: readonly string[]): boolean {
  if (!error) return false
  const fields = errorFields(error)
  return !fields.some((field) => shownKeys.some((key) => field === key || field.startsWith(`${key}.`)))
}

/**
 * The lint marks for one editor: the error's line/column (1-based, as the core reports them) turned into
 * offsets, spanning the token there. At the end of the text (a missing closer) the mark is a point.
 */
export function diagnosticsFor(
  error: AppErrorShape | null,
  key: string,
  text: string,
  mode: 'expression' | 'template',
): EditorDiagnostic[] {
  if (!error) return []
  const places = [
    ...(error.where ?? []).filter((where) => where.path?.join('.') === key),
    ...(error.field === key && error.line !== undefined ? [{ line: error.line, column: error.column }] : []),
  ]
  const first = places.find((place) => place.line !== undefined)
  if (!first || first.line === undefined) return []
  const from = offsetOf(text, first.line, first.column ?? 1)
  const tokens = mode === 'expression' ? tokenizeExpression(text) : tokenizeTemplate(text)
  const token = tokenAt(tokens, from)
  const to = from >= text.length ? from : token && token.from === from ? token.to : from + 1
  return [{ from, to, message: error.message }]
}

/** The offset of a 1-based line and column (UTF-16 units), clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  const lineEnd = text.indexOf('\n', offset)
  const end = lineEnd === -1 ? text.length : lineEnd
  return Math.min(offset + Math.max(0, column - 1), end)
}
