import { AppError, type Where } from '@shared/errors'
import type { MessageCommand } from '@shared/message'
import { RuleInput, type Rule, type RuleAction } from '@shared/rules'
import { checkNames, parseExpression, parseTemplate, type Expr, type ExprError, type ExprScope } from './expr'

export type WindowKind = { kind: 'length'; size: number } | { kind: 'time'; ms: number }

export interface CompiledRule {
  id: string
  rule: Rule
  filter: Expr | null
  condition: Expr
  window: WindowKind
  timeFilterMs: number | null
  /** Per action: the repeat interval in ms, when its strategy is an interval. */
  repeatIntervalMs: (number | null)[]
}

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
}

/** `"5 minute"` → 300000. The schema has already checked the shape. */
export function intervalMs(text: string): number {
  const m = /^(\d+)\s+([a-z]+?)s?$/i.exec(text.trim())
  if (!m) return NaN
  return Number(m[1]) * (UNIT_MS[m[2]!.toLowerCase()] ?? NaN)
}

export function parseWindow(text: string): WindowKind {
  const len = /^length\(\s*(\d+)\s*\)$/i.exec(text.trim())
  if (len) return { kind: 'length', size: Number(len[1]) }
  const time = /^time\(\s*(.+?)\s*\)$/i.exec(text.trim())
  return { kind: 'time', ms: intervalMs(time?.[1] ?? '') }
}

function exprError(field: string, e: ExprError, kind: 'syntax' | 'invalid_input' = 'syntax'): AppError {
  const where: Where = { path: [field], line: e.line, column: e.column }
  if (e.expected?.length) where.expected = e.expected
  return new AppError(kind, `${field}: ${e.message} (line ${e.line}, column ${e.column})`, {
    where: [where],
    field,
    line: e.line,
    column: e.column,
  })
}

function compileExpr(field: string, source: string, scope: ExprScope, checkUnknownNames: boolean): Expr {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw exprError(field, parsed.error)
  if (!checkUnknownNames) return parsed.value
  const unknown = checkNames(parsed.value, { scope })
  if (unknown.length > 0) throw exprError(field, unknown[0]!, 'invalid_input')
  return parsed.value
}

/** Template fields of an action, as `[path, text]` (for validation and the placeholder warnings). */
export function actionTemplates(action: RuleAction): [string, string][] {
  const out: [string, string][] = []
  const push = (name: string, v: string | undefined) => v !== undefined && out.push([name, v])
  if (action.kind === 'telegram') {
    push('chatId', action.chatId)
    push('text', action.text)
  } else if (action.kind === 'http') {
    push('url', action.url)
    push('body', action.body)
    for (const [h, v] of Object.entries(action.headers)) push(`headers.${h}`, v)
  } else {
    push('title', action.title)
    push('text', action.text)
  }
  for (const [status, text] of Object.entries(action.texts ?? {})) push(`texts.${status}`, text)
  return out
}

/**
 * Validates a rule (schema, expressions, templates) and compiles it for the engine. A bad expression is an
 * AppError with the field, line and column; nothing is half-saved.
 */
export function compileRule(
  id: string,
  input: unknown,
  timestamps?: { createdAt: string; updatedAt: string },
): CompiledRule {
  const parsed = RuleInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    throw new AppError(
      'invalid_input',
      `Rule ${path.join('.') || ''}: ${issue.message}`.replace('Rule : ', 'Rule: '),
      {
        where: parsed.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        })),
        field: String(path[0] ?? ''),
      },
    )
  }
  const def = parsed.data
  const now = new Date().toISOString()
  const rule: Rule = {
    ...def,
    id,
    createdAt: timestamps?.createdAt ?? now,
    updatedAt: timestamps?.updatedAt ?? now,
  }
  // A disabled rule may read names Hookbench does not evaluate (ATSD series rules imported disabled: value,
  // avg()): it is stored as is so it exports back unchanged. Enabling it runs the full check.
  const strict = def.enabled
  const filter = def.filter.trim() ? compileExpr('filter', def.filter, 'filter', strict) : null
  const condition = compileExpr('condition', def.condition.trim() || 'true', 'condition', strict)
  def.actions.forEach((action, i) => {
    for (const [name, text] of actionTemplates(action)) {
      for (const part of parseTemplate(text)) {
        if (part.kind === 'expr' && part.error) {
          const e = part.error
          throw new AppError('syntax', `actions[${i}].${name}: ${e.message} in \${${part.source}}`, {
            where: [{ path: ['actions', i, ...name.split('.')], line: e.line, column: e.column }],
            field: `actions.${i}.${name}`,
            line: e.line,
            column: e.column,
          })
        }
      }
    }
  })
  return {
    id,
    rule,
    filter,
    condition,
    window: parseWindow(def.window),
    timeFilterMs: def.timeFilter ? intervalMs(def.timeFilter) : null,
    repeatIntervalMs: def.actions.map((a) => ('interval' in a.repeat ? intervalMs(a.repeat.interval) : null)),
  }
}

/** The window key: entity (unless grouping by entity is off) and the grouping tags, in a readable form. */
export function windowKeyOf(
  rule: Rule,
  command: MessageCommand,
): { key: string; tags: Record<string, string> } {
  let tags: Record<string, string> = {}
  if (rule.groupTags === 'all') tags = command.tags
  else if (Array.isArray(rule.groupTags)) {
    for (const name of rule.groupTags) {
      const v = command.tags[name.toLowerCase()]
      if (v !== undefined) tags[name.toLowerCase()] = v
    }
  }
  const tagText = Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(', ')
  const entity = rule.groupByEntity ? command.entity : '*'
  return { key: tagText ? `${entity} {${tagText}}` : entity, tags }
}

/**
 * HTTP action URLs that can never be sent are refused at save (issue 18 item 14): fetch refuses a URL with
 * credentials (`https://user:pass@host/`), so every delivery would fail. A URL with placeholders is checked
 * with them filled; one that is not a URL even then is left to the delivery, which fails it at once. Only at
 * save: a rule stored by an earlier version still loads, lists and runs (its delivery fails as permanent).
 */
export function checkActionUrls(rule: Pick<Rule, 'actions'>): void {
  rule.actions.forEach((action, i) => {
    if (action.kind === 'http') checkHttpUrl(action.url, i)
  })
}

function checkHttpUrl(template: string, index: number): void {
  const hasPlaceholders = template.includes('${')
  let url: URL
  try {
    url = new URL(template.replace(/\$\{[^}]*\}/g, 'x'))
  } catch {
    if (hasPlaceholders) return
    throw urlError(index, 'is not a valid URL: write it in full, like https://example.com/hook')
  }
  // `atsd-endpoint:NAME` marks an imported action whose ATSD endpoint was not supplied (web-notification.ts).
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'atsd-endpoint:')
    throw urlError(index, `uses ${url.protocol.slice(0, -1)}, not http or https`)
  if (url.username || url.password)
    throw urlError(
      index,
      'carries credentials (user:password@), which HTTP clients refuse to send: remove them from the URL ' +
        'and add an Authorization header instead (Basic base64 of user:password), marked secret',
    )
}

function urlError(index: number, problem: string): AppError {
  return new AppError('invalid_input', `actions[${index}].url ${problem}.`, {
    where: [{ path: ['actions', index, 'url'] }],
    field: `actions.${index}.url`,
  })
}
