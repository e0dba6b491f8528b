import type { Severity } from '@shared/message'
import { parseIsoDate, type DateReader } from './dates'
import type { CommandField, RequestParams } from './params'
import { describeAcceptedSeverities, parseSeverity } from './severity'
import { clipName, normaliseTagName } from './tag-names'
import type { ConvertError, WebhookRequest } from './types'

/** The command's fields other than tags, as the request determines them. */
interface CommandFields {
  entity: string
  type: string
  source: string
  severity: Severity | null
  message: string | null
  dateMs: number
}

/** A value and the parameter that supplied it. */
export interface ParamValue {
  value: string
  /** The parameter that supplied the value, for error messages: 'entity', 'command.entity', 'header.entity'. */
  param: string
}

/** What resolving the fields reads; `tags` are payload and query tags before filters (§2.4). */
export interface FieldSources {
  req: WebhookRequest
  params: RequestParams
  tags: ReadonlyMap<string, string>
  readDate: DateReader
  maxNameLength: number
  warnings: string[]
}

type FieldsResult = { ok: true; fields: CommandFields } | { ok: false; error: ConvertError }

/** ATSD-BEHAVIOUR §2.1 and §2.5: each field is literal > `command.*` > `header.*` > default. */
export function resolveFields(sources: FieldSources): FieldsResult {
  const get = (field: CommandField): ParamValue | undefined => resolveField(sources, field)
  // A trailing '/' (`/webhook/jenkins/`) is not part of the name (Hookbench's choice).
  const path = sources.req.pathRemainder.replace(/\/+$/, '')
  const entity = get('entity')?.value ?? path
  if (entity === '') return { ok: false, error: noEntity() }
  const severity = readSeverity(get('severity'))
  if (!severity.ok) return severity
  const date = readDate(get('date'), sources.readDate)
  if (!date.ok) return date
  const fields: CommandFields = {
    entity,
    type: get('type')?.value ?? 'webhook',
    source: get('source')?.value ?? path,
    severity: severity.value,
    message: get('message')?.value ?? null,
    dateMs: date.value ?? sources.req.receivedAtMs,
  }
  return { ok: true, fields }
}

function resolveField(sources: FieldSources, field: CommandField): ParamValue | undefined {
  const { params, tags, req, warnings } = sources
  const literal = params.literals[field]
  if (literal !== undefined) return { value: literal, param: field }
  const fieldName = params.commands[field]
  if (fieldName !== undefined) {
    // command.* names a field by its tag name, so it is normalised (and clipped) the way tag names are.
    const value = tags.get(clipName(normaliseTagName(fieldName), sources.maxNameLength))
    if (value !== undefined) return { value, param: `command.${field}` }
    warnings.push(`command.${field}=${fieldName}: the payload has no field ${normaliseTagName(fieldName)}`)
  }
  const headerName = params.headers[field]
  if (headerName !== undefined) {
    const value = req.headers[headerName.trim().toLowerCase()]
    if (value !== undefined && value !== '') return { value, param: `header.${field}` }
    warnings.push(`header.${field}=${headerName}: the request has no header ${headerName}`)
  }
  return undefined
}

function readSeverity(
  resolved: ParamValue | undefined,
): { ok: true; value: Severity | null } | FieldsResultError {
  if (resolved === undefined) return { ok: true, value: null }
  const severity = parseSeverity(resolved.value)
  if (severity !== undefined) return { ok: true, value: severity }
  return badParameter(resolved, `use ${describeAcceptedSeverities()}`)
}

// ATSD-BEHAVIOUR §2.4: the literal `date` is ISO (§4); command.date and header.date follow datetimePattern.
function readDate(
  resolved: ParamValue | undefined,
  readDate: DateReader,
): { ok: true; value: number | undefined } | FieldsResultError {
  if (resolved === undefined) return { ok: true, value: undefined }
  const result = resolved.param === 'date' ? parseIsoDate(resolved.value) : readDate(resolved.value)
  return result.ok ? { ok: true, value: result.ms } : badParameter(resolved, result.reason)
}

type FieldsResultError = { ok: false; error: ConvertError }

/** A `bad_parameter` error naming the parameter and the value (ATSD-BEHAVIOUR §2.6). */
export function badParameter(resolved: ParamValue, reason: string): FieldsResultError {
  const message = `Bad value ${JSON.stringify(shorten(resolved.value))} for ${resolved.param}: ${reason}.`
  return {
    ok: false,
    error: { code: 'bad_parameter', message, param: resolved.param, value: resolved.value },
  }
}

function noEntity(): ConvertError {
  return {
    code: 'no_entity',
    message:
      'No entity: the request must name one. Use entity=NAME (a literal), command.entity=FIELD (a payload ' +
      'field), header.entity=HEADER (a request header), or put it in the path: /api/v1/messages/webhook/NAME.',
  }
}

function shorten(value: string): string {
  return value.length > 120 ? `${value.slice(0, 120)}…` : value
}
