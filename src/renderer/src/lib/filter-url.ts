import type { z } from 'zod'
import { MessageQuery, RequestQuery } from '@shared/api'

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

// Each value is checked with the contract's own schema, so a hand-edited URL cannot send a bad query.
function read<T>(params: URLSearchParams, key: string, schema: z.ZodType<T>): T | undefined {
  const raw = params.get(key)
  if (raw === null || raw === '') return undefined
  const parsed = schema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

export function requestFilterFromParams(params: URLSearchParams): RequestFilter {
  const filter: RequestFilter = {}
  for (const key of REQUEST_TEXT_KEYS) {
    const value = read(params, key, RequestQuery.shape[key].unwrap())
    if (value !== undefined) filter[key] = value
  }
  const status = read(params, 'status', RequestQuery.shape.status.unwrap())
  if (status) filter.status = status
  for (const key of REQUEST_FLAG_KEYS) {
    if (read(params, key, RequestQuery.shape[key].unwrap())) filter[key] = true
  }
  const updateId = read(params, 'updateId', RequestQuery.shape.updateId.unwrap())
  if (updateId !== undefined) filter.updateId = updateId
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
    const value = read(params, key, MessageQuery.shape[key].unwrap())
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
