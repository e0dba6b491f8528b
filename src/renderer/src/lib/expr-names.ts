// The names the expression language knows (docs/expressions.md "Names" and "Functions"), for completion.
// The core's checkNames is the judge at save time; this list only has to be helpful.

/** Where an expression is used: each place sees a different set of names. */
export type ExprScope = 'filter' | 'condition' | 'template'

export interface NameInfo {
  name: string
  detail: string
}

const COMMAND_FIELDS: NameInfo[] = [
  { name: 'entity', detail: 'text: the command entity' },
  { name: 'type', detail: 'text: the command type' },
  { name: 'source', detail: 'text: the command source' },
  { name: 'severity', detail: 'canonical severity name or null' },
  { name: 'message', detail: 'text: the message, or null' },
  { name: 'date', detail: 'date: the command time' },
  { name: 'tags', detail: 'the tag map: tags.NAME' },
  { name: 'now', detail: 'date: the current time' },
  { name: 'received_datetime', detail: 'date: when the command arrived' },
]

const WINDOW_FIELDS: NameInfo[] = [
  { name: 'rule', detail: 'text: the rule name' },
  { name: 'window', detail: 'text: the window, e.g. length(1)' },
  { name: 'before_status', detail: 'OPEN, REPEAT or CANCEL before this command' },
  { name: 'repeat_count', detail: 'number: consecutive true evaluations' },
  { name: 'open_time', detail: 'date: when the alert opened' },
  { name: 'alert_duration', detail: 'dd:hh:mm:ss since open_time' },
  { name: 'alert_duration_interval', detail: '1h:8m:59s since open_time; empty on OPEN' },
]

const STATUS_FIELD: NameInfo = { name: 'status', detail: 'OPEN, REPEAT or CANCEL' }

/** Fields readable in each scope. */
export function fieldsOf(scope: ExprScope): NameInfo[] {
  if (scope === 'filter') return COMMAND_FIELDS
  if (scope === 'condition') return [...COMMAND_FIELDS, ...WINDOW_FIELDS]
  return [...COMMAND_FIELDS, ...WINDOW_FIELDS, STATUS_FIELD]
}

/** Every function, with its parameters; `count()` needs a window, so filters do not get it. */
export const FUNCTIONS: readonly NameInfo[] = [
  { name: 'upper', detail: '(s)' },
  { name: 'lower', detail: '(s)' },
  { name: 'trim', detail: '(s)' },
  { name: 'length', detail: '(x)' },
  { name: 'truncate', detail: '(s, n)' },
  { name: 'startsWith', detail: '(s, prefix)' },
  { name: 'endsWith', detail: '(s, suffix)' },
  { name: 'contains', detail: '(x, y)' },
  { name: 'replace', detail: '(s, a, b)' },
  { name: 'split', detail: '(s, delimiter)' },
  { name: 'keepAfter', detail: '(s, p)' },
  { name: 'keepAfterLast', detail: '(s, p)' },
  { name: 'keepBefore', detail: '(s, p)' },
  { name: 'keepBeforeLast', detail: '(s, p)' },
  { name: 'removeBeginning', detail: '(s, prefix)' },
  { name: 'removeEnding', detail: '(s, suffix)' },
  { name: 'capFirst', detail: '(s)' },
  { name: 'capitalize', detail: '(s)' },
  { name: 'abbreviate', detail: '(s, n)' },
  { name: 'indexOf', detail: '(s, p[, from])' },
  { name: 'countMatches', detail: '(s, p)' },
  { name: 'urlencode', detail: '(s)' },
  { name: 'jsonencode', detail: '(s)' },
  { name: 'htmlDecode', detail: '(s)' },
  { name: 'unquote', detail: '(s)' },
  { name: 'concat', detail: '(a, b, …)' },
  { name: 'ifEmpty', detail: '(a, b)' },
  { name: 'coalesce', detail: '(a, b, …)' },
  { name: 'likeAny', detail: '(x, patterns)' },
  { name: 'matches', detail: '(x, regex)' },
  { name: 'size', detail: '(x)' },
  { name: 'isEmpty', detail: '(x)' },
  { name: 'toNumber', detail: '(x)' },
  { name: 'toBoolean', detail: '(x)' },
  { name: 'count', detail: '(): commands in the window' },
  { name: 'elapsed_minutes', detail: '(t)' },
  { name: 'date_format', detail: '(t[, pattern[, zone]])' },
]

export function functionsOf(scope: ExprScope): NameInfo[] {
  return FUNCTIONS.filter((fn) => scope !== 'filter' || fn.name !== 'count')
}

export const KEYWORDS: readonly string[] = [
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'IN',
  'BETWEEN',
  'true',
  'false',
  'null',
]

/** The placeholders a notification text most often needs (ATSD-BEHAVIOUR §6). */
export const PLACEHOLDERS: readonly NameInfo[] = [
  { name: 'entity', detail: 'the command entity' },
  { name: 'message', detail: 'the message text' },
  { name: 'status', detail: 'OPEN, REPEAT or CANCEL' },
  { name: 'rule', detail: 'the rule name' },
  { name: 'severity', detail: 'the alert severity' },
  { name: 'type', detail: 'the command type' },
  { name: 'source', detail: 'the command source' },
  { name: 'tags', detail: 'all tags as name=value, …' },
  { name: 'received_datetime', detail: 'when the command arrived (ISO)' },
  { name: 'repeat_count', detail: 'consecutive true evaluations' },
  { name: 'window', detail: 'the window, e.g. length(1)' },
  { name: 'open_time', detail: 'when the alert opened' },
  { name: 'alert_duration', detail: 'dd:hh:mm:ss since open' },
  { name: 'alert_duration_interval', detail: '1h:8m:59s since open' },
]

/** How a tag is read in an expression: `tags.a.b` when every segment is a name, else `tags['x-y']`. */
export function tagReference(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*(\[\d+\])?(\.[\p{L}\p{N}_]+(\[\d+\])?)*$/u.test(name)
    ? `tags.${name}`
    : `tags['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}
