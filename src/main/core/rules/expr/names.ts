import { childrenOf, errorAtSpan, type Expr, type ExprError } from './ast'
import { DATE_MEMBERS } from './dates'
import { arityError, FUNCTIONS, regexProblem } from './functions'

/** Where an expression is used; decides which names exist (ATSD-BEHAVIOUR §5, §5.1, §6). */
export type ExprScope = 'filter' | 'condition' | 'template'

const COMMAND_FIELDS = ['entity', 'type', 'source', 'severity', 'message', 'date', 'tags', 'now']
const WINDOW_FIELDS = [
  'rule',
  'before_status',
  'repeat_count',
  'window',
  'open_time',
  'alert_duration',
  'alert_duration_interval',
  'received_datetime',
]
const DATE_FIELDS = new Set(['now', 'date', 'open_time', 'received_datetime'])

/** The field names known in a scope: filters see the command, conditions add the window, templates `status`. */
function fieldNames(scope: ExprScope): string[] {
  if (scope === 'filter') return COMMAND_FIELDS
  if (scope === 'condition') return [...COMMAND_FIELDS, ...WINDOW_FIELDS]
  return [...COMMAND_FIELDS, ...WINDOW_FIELDS, 'status']
}

/**
 * Reports unknown functions and fields, wrong argument counts, unknown date fields (`now.hour_of_day`) and
 * names used outside their scope, each positioned at its node (used when a rule is saved).
 * The scope defaults to 'template', where every name is available.
 */
export function checkNames(expr: Expr, options: { scope?: ExprScope } = {}): ExprError[] {
  const scope = options.scope ?? 'template'
  const fields = fieldNames(scope)
  const errors: ExprError[] = []
  const visit = (node: Expr): void => {
    const message = checkNode(node, scope, fields)
    if (message) errors.push(errorAtSpan(node.span, message))
    const pattern = node.kind === 'call' && node.name === 'matches' ? node.args[1] : undefined
    // A literal pattern RE2 refuses (lookbehind) is refused at save, at the pattern (issue 18.9).
    if (pattern?.kind === 'literal' && typeof pattern.value === 'string') {
      const problem = regexProblem(pattern.value)
      if (problem) errors.push(errorAtSpan(pattern.span, problem))
    }
    for (const child of childrenOf(node)) visit(child)
  }
  visit(expr)
  return errors
}

function checkNode(node: Expr, scope: ExprScope, fields: string[]): string | null {
  if (node.kind === 'field' && !fields.includes(node.name)) {
    if (FUNCTIONS.has(node.name)) return `'${node.name}' is a function: write ${node.name}()`
    const where = scope === 'template' ? '' : ` in a ${scope}`
    if (fieldNames('template').includes(node.name)) return `'${node.name}' is not available${where}`
    return `Unknown field '${node.name}'${suggest(node.name, fields)}`
  }
  if (node.kind === 'call') {
    const def = FUNCTIONS.get(node.name)
    if (!def) return `Unknown function '${node.name}'${suggest(node.name, [...FUNCTIONS.keys()], '()')}`
    if (def.needsWindow && scope === 'filter')
      return `${node.name}() needs a window: it is not available in a filter`
    const args = node.method ? node.args.length - 1 : node.args.length
    const arity = arityError(node.name, def, node.args.length)
    if (arity)
      return node.method ? `${arity} (${args} inside the parentheses plus the value before the dot)` : arity
  }
  if (node.kind === 'member' && node.object.kind === 'field' && DATE_FIELDS.has(node.object.name)) {
    if (!Object.hasOwn(DATE_MEMBERS, node.name)) {
      return `A date has no field '${node.name}'${suggest(node.name, Object.keys(DATE_MEMBERS))}`
    }
  }
  return null
}

// "Did you mean": the same name in another case, or one at most two edits away.
function suggest(name: string, known: string[], suffix = ''): string {
  const lower = name.toLowerCase()
  const match =
    known.find((k) => k.toLowerCase() === lower) ??
    known.find((k) => editDistance(k.toLowerCase(), lower) <= 2)
  return match ? `; did you mean '${match}${suffix}'?` : ''
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** Tag names the expression reads (`tags.x`, `tags['x-y']`), deduplicated, in source order. */
export function collectTagNames(expr: Expr): string[] {
  const names = new Set<string>()
  const visit = (node: Expr): void => {
    if (node.kind === 'tag') names.add(node.name)
    for (const child of childrenOf(node)) visit(child)
  }
  visit(expr)
  return [...names]
}
