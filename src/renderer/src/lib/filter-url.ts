/** The Requests page's filter: a `RequestQuery` without paging. */
export interface RequestFilter {
  text?: string
  path?: string
  entity?: string
  status?: '2xx' | '3xx' | '4xx' | '5xx'
  errorsOnly?: boolean
  /** The requests carrying one Telegram update (the simulator's "request" link). */
  updateId?: number
  from?: string
  to?: string
}

/** The Messages page's view: a `MessageQuery` without paging, plus the tag columns shown. */
export interface MessageFilter {
  entity?: string
  type?: string
  source?: string
  tag?: string
  /** Text the message contains. */
  text?: string
}

const REQUEST_TEXT_KEYS = ['text', 'path', 'entity', 'from', 'to'] as const
const REQUEST_FLAG_KEYS = ['errorsOnly'] as const
const MESSAGE_KEYS = ['text', 'entity', 'type', 'source', 'tag'] as const

/*
 * Each value is checked as the contract's `RequestQuery` / `MessageQuery` would (string lengths, the status
 * enum, ISO times with an offset, integer ids, flags), so a hand-edited URL cannot send a bad query. Written
 * out by hand rather than with the schemas: this runs on the first page, and zod loads later (issue 16);
 * tests/unit/renderer/lib/filter-url.test.ts checks each rule against the schema itself.
 */
const MAX_LENGTH: Record<(typeof REQUEST_TEXT_KEYS)[number] | (typeof MESSAGE_KEYS)[number], number> = {
  text: 200,
  path: 500,
  entity: 500,
  from: Infinity,
  to: Infinity,
  type: 500,
  source: 500,
  tag: 1000,
}
const TIME_KEYS: ReadonlySet<string> = new Set(['from', 'to'])
const STATUSES = ['2xx', '3xx', '4xx', '5xx'] as const
const FLAG_TRUE: ReadonlySet<string> = new Set(['true', '1'])
// zod's `z.iso.datetime({ offset: true })`: a real calendar date, seconds required, Z or ±hh:mm.
const ISO_DATE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8])))'
const ISO_TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)'
const ISO_DATETIME = new RegExp(`^${ISO_DATE}T${ISO_TIME}$`)

function readText(params: URLSearchParams, key: keyof typeof MAX_LENGTH): string | undefined {
  const raw = params.get(key)
  if (raw === null || raw === '' || raw.length > MAX_LENGTH[key]) return undefined
  return TIME_KEYS.has(key) && !ISO_DATETIME.test(raw) ? undefined : raw
}

export function requestFilterFromParams(params: URLSearchParams): RequestFilter {
  const filter: RequestFilter = {}
  for (const key of REQUEST_TEXT_KEYS) {
    const value = readText(params, key)
    if (value !== undefined) filter[key] = value
  }
  const status = STATUSES.find((s) => s === params.get('status'))
  if (status) filter.status = status
  for (const key of REQUEST_FLAG_KEYS) {
    if (FLAG_TRUE.has(params.get(key) ?? '')) filter[key] = true
  }
  const updateId = params.get('updateId') ?? ''
  // z.coerce.number().int(): whatever Number() reads as a safe integer.
  if (updateId !== '' && Number.isSafeInteger(Number(updateId))) filter.updateId = Number(updateId)
  return filter
}

export function requestFilterToParams(filter: RequestFilter): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of REQUEST_TEXT_KEYS) {
    const value = filter[key]?.trim()
    if (value) params.set(key, value)
  }
  if (filter.status) params.set('status', filter.status)
  for (const key of REQUEST_FLAG_KEYS) if (filter[key]) params.set(key, '1')
  if (filter.updateId !== undefined) params.set('updateId', String(filter.updateId))
  return params
}

export function messageFilterFromParams(params: URLSearchParams): MessageFilter {
  const filter: MessageFilter = {}
  for (const key of MESSAGE_KEYS) {
    const value = readText(params, key)
    if (value !== undefined) filter[key] = value
  }
  return filter
}

/** Tag columns the user picked, kept in the URL as `cols=a,b` next to the filter. */
export function tagColumnsFromParams(params: URLSearchParams): string[] {
  return (params.get('cols') ?? '').split(',').filter((name) => name !== '')
}

export function messageViewToParams(filter: MessageFilter, columns: readonly string[]): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of MESSAGE_KEYS) {
    const value = filter[key]?.trim()
    if (value) params.set(key, value)
  }
  if (columns.length > 0) params.set('cols', columns.join(','))
  return params
}

/** True when a filter has no condition: the unfiltered live view. */
export function isEmptyFilter(filter: RequestFilter | MessageFilter): boolean {
  return Object.values(filter).every((value) => value === undefined || value === false || value === '')
}

/** Same conditions, ignoring how "no condition" is spelled (missing, empty, false). */
export function sameFilter(a: RequestFilter | MessageFilter, b: RequestFilter | MessageFilter): boolean {
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  return [...keys].every((key) => (left[key] || '') === (right[key] || ''))
}
