import { findPlaceholders, tokenizeExpression } from './expr-tokens'
import { KEYWORDS, PLACEHOLDERS, fieldsOf, functionsOf, tagReference, type ExprScope } from './expr-names'

export interface CompletionOption {
  label: string
  type: 'variable' | 'function' | 'keyword' | 'property' | 'text'
  detail?: string
  /** What to insert instead of the label. */
  apply?: string
}

/** Options to offer for the text between `from` and the cursor (the editor filters them as you type). */
export interface CompletionAnswer {
  from: number
  options: CompletionOption[]
}

export interface CompletionRequest {
  text: string
  pos: number
  /** Asked for with Ctrl+Space, rather than by typing. */
  explicit: boolean
  mode: 'expression' | 'template'
  scope: ExprScope
  tagNames: readonly string[]
}

/** What to complete at the cursor: tags after `tags.`, functions after `.`, names, or `${…}` placeholders. */
export function completeAt(request: CompletionRequest): CompletionAnswer | null {
  if (request.mode === 'expression') return completeExpression(request.text, request.pos, request, false)
  const { text, pos } = request
  const span = findPlaceholders(text).find((s) => s.innerFrom <= pos && pos <= s.innerTo)
  if (span) {
    const inner = text.slice(span.innerFrom, span.innerTo)
    const answer = completeExpression(inner, pos - span.innerFrom, request, !span.closed)
    return answer && { ...answer, from: answer.from + span.innerFrom }
  }
  const dollar = /\$\{?$/.exec(text.slice(0, pos))
  if (!dollar && !request.explicit) return null
  return {
    from: dollar ? pos - dollar[0].length : pos,
    options: [
      ...PLACEHOLDERS.map((p) => ({ label: `\${${p.name}}`, type: 'variable' as const, detail: p.detail })),
      ...request.tagNames.map((name) => ({
        label: `\${${tagReference(name)}}`,
        type: 'property' as const,
        detail: 'tag',
      })),
    ],
  }
}

function completeExpression(
  text: string,
  pos: number,
  request: CompletionRequest,
  closePlaceholder: boolean,
): CompletionAnswer | null {
  if (insideStringOrComment(text, pos)) return null
  const before = text.slice(0, pos)
  const close = closePlaceholder ? '}' : ''
  const tagPath = /\btags\.[\p{L}\p{N}_.[\]-]*$/u.exec(before)
  if (tagPath) {
    return {
      from: pos - tagPath[0].length,
      options: request.tagNames.map((name) => ({
        label: tagReference(name),
        type: 'property',
        detail: 'tag',
        ...(close && { apply: tagReference(name) + close }),
      })),
    }
  }
  const word = /[\p{L}_][\p{L}\p{N}_]*$/u.exec(before)
  const from = word ? pos - word[0].length : pos
  const afterDot = /\.\s*$/.test(before.slice(0, from))
  if (!word && !afterDot && !request.explicit) return null
  const functions = functionsOf(request.scope).map((fn): CompletionOption => ({
    label: fn.name,
    type: 'function',
    detail: fn.detail,
    apply: fn.detail.startsWith('()') ? `${fn.name}()` : `${fn.name}(`,
  }))
  if (afterDot) return { from, options: functions }
  return {
    from,
    options: [
      ...fieldsOf(request.scope).map((field): CompletionOption => ({
        label: field.name,
        type: 'variable',
        detail: field.detail,
        ...(close && field.name !== 'tags' && { apply: field.name + close }),
      })),
      ...functions,
      ...(close ? [] : KEYWORDS.map((keyword): CompletionOption => ({ label: keyword, type: 'keyword' }))),
    ],
  }
}

function insideStringOrComment(text: string, pos: number): boolean {
  return tokenizeExpression(text).some((token) => {
    if (token.type !== 'string' && token.type !== 'comment') return false
    if (pos <= token.from || pos > token.to) return false
    if (pos < token.to) return true
    // At the end: inside only when the string or block comment never closed, or a line comment runs on.
    const source = text.slice(token.from, token.to)
    if (token.type === 'comment') return source.startsWith('//') || !source.endsWith('*/')
    return source.length < 2 || !source.endsWith(source[0] as string) || source.endsWith(`\\${source[0]}`)
  })
}
