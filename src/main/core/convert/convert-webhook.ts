import type { MessageCommand } from '@shared/message'
import { convertBody } from './body'
import { createDateReader, formatIsoDate } from './dates'
import { badParameter, resolveFields } from './fields'
import { applyFilters } from './filters'
import { addTag, toTagName, type FlattenContext } from './flatten'
import { parseParams, type RequestParams } from './params'
import {
  DEFAULT_CONVERT_LIMITS,
  type ConvertError,
  type ConvertLimits,
  type ConvertResult,
  type WebhookRequest,
} from './types'

const DATETIME_PATTERN_HINT =
  'use iso, seconds, milliseconds or a Java DateTimeFormatter pattern such as yyyy-MM-dd HH:mm:ss'

/** Converts one webhook request into a message command (ATSD-BEHAVIOUR §2–§4). Pure: time is `receivedAtMs`. */
export function convertWebhook(
  req: WebhookRequest,
  limits: ConvertLimits = DEFAULT_CONVERT_LIMITS,
): ConvertResult {
  const params = parseParams(new URLSearchParams(req.query))
  const { debug } = params
  const fail = (error: ConvertError): ConvertResult => ({ ok: false, error, debug })
  const reader = createDateReader(params.datetimePattern)
  if (!reader.ok) {
    const value = params.datetimePattern ?? ''
    return fail(
      badParameter({ value, param: 'datetimePattern' }, `${reader.reason}; ${DATETIME_PATTERN_HINT}`).error,
    )
  }
  const ctx: FlattenContext = {
    budget: { limits, used: 0, clipped: 0 },
    jsonParse: {
      names: new Set(params.jsonParse.map((name) => toTagName(name, limits).name)),
      found: new Set(),
    },
    warnings: [...params.warnings],
  }
  // ATSD-BEHAVIOUR §2.3: payload tags first, then query tags over them: the query wins (Hookbench's choice).
  const tags = new Map<string, string>()
  const tagError =
    convertBody(req, ctx, tags) ?? addQueryTags(ctx, tags, params) ?? addHeaderTags(ctx, tags, req, params)
  if (tagError) return fail(tagError)
  for (const name of ctx.jsonParse.names) {
    if (!ctx.jsonParse.found.has(name))
      ctx.warnings.push(`json.parse=${name}: the payload has no text field ${name}`)
  }
  // §2.4: command.* reads the tags before filters, so a filter never changes which field it finds.
  const resolved = resolveFields({
    req,
    params,
    tags,
    readDate: reader.read,
    maxNameLength: limits.maxNameLength,
    warnings: ctx.warnings,
  })
  if (!resolved.ok) return fail(resolved.error)
  applyFilters(tags, params.filters)
  // §2.1: request_ip is always the client's address: it overrides any sent tag of that name, and filters
  // never remove it. Set last, so it is the last tag listed.
  tags.delete('request_ip')
  tags.set('request_ip', clientAddress(req.remoteAddress))
  if (ctx.budget.clipped > 0) {
    ctx.warnings.push(
      `${ctx.budget.clipped} tag name(s) longer than ${limits.maxNameLength} characters truncated`,
    )
  }
  const { dateMs, ...fields } = resolved.fields
  const value: MessageCommand = { ...fields, date: formatIsoDate(dateMs), tags: Object.fromEntries(tags) }
  return { ok: true, value, warnings: ctx.warnings, debug }
}

// ATSD-BEHAVIOUR §2.2: every non-reserved query parameter is a tag. A repeated name keeps its last value.
function addQueryTags(
  ctx: FlattenContext,
  tags: Map<string, string>,
  params: RequestParams,
): ConvertError | undefined {
  for (const [rawName, value] of params.tags) {
    const { name, clipped } = toTagName(rawName, ctx.budget.limits)
    const error = addTag(ctx, tags, name, value, clipped)
    if (error) return error
  }
  return undefined
}

// ATSD-BEHAVIOUR §2.4 `header.tag.NAME=HEADER`: tag NAME from the header's value. Named explicitly in the
// query, these win over payload and query tags of the same name (Hookbench's choice).
function addHeaderTags(
  ctx: FlattenContext,
  tags: Map<string, string>,
  req: WebhookRequest,
  params: RequestParams,
): ConvertError | undefined {
  for (const [rawName, headerName] of params.headerTags) {
    const value = req.headers[headerName.trim().toLowerCase()]
    if (value === undefined) {
      ctx.warnings.push(`header.tag.${rawName}=${headerName}: the request has no header ${headerName}`)
      continue
    }
    const { name, clipped } = toTagName(rawName, ctx.budget.limits)
    const error = addTag(ctx, tags, name, value, clipped)
    if (error) return error
  }
  return undefined
}

// Dual-stack sockets report IPv4 clients as '::ffff:192.0.2.1'; the tag shows the IPv4 address.
function clientAddress(remoteAddress: string): string {
  return remoteAddress.replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/i, '')
}
