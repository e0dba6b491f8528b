import { HttpAction, type AlertStatus, type RepeatStrategy, type RuleActionInput } from '@shared/rules'
import { fillEndpoint, type Params } from './endpoint-params'
import {
  createExtraElements,
  isSafeKey,
  KEPT_FOR_EXPORT,
  outcome,
  parseAtsdBoolean,
  type ExtraElements,
} from './fields'
import { describeStrategy, readAtsdStrategy, type AtsdStrategy } from './strategy'
import type { FieldOutcome, ImportedEndpoint } from './types'
import { childElements, childText, textOf, type XmlElement } from './xml-tree'

type HttpActionInput = Extract<RuleActionInput, { kind: 'http' }>

/** Endpoints known to this import, and the names rules referred to without a definition. */
export interface EndpointBinding {
  endpoints: ReadonlyMap<string, ImportedEndpoint>
  missing: Set<string>
}

/** ATSD's per-status prefixes: first = OPEN, repeat = REPEAT, cancel = CANCEL. */
export const STATUS_PREFIXES = [
  ['first', 'OPEN'],
  ['repeat', 'REPEAT'],
  ['cancel', 'CANCEL'],
] as const satisfies readonly (readonly [string, AlertStatus])[]

/** Where an action whose endpoint was not supplied points: clearly not deliverable, and names it. */
export function missingEndpointUrl(name: string): string {
  return `atsd-endpoint:${name}`
}

interface Draft {
  disabled: boolean
  strategy: AtsdStrategy | undefined
  endpoint: string
  enabled: Partial<Record<AlertStatus, boolean>>
  params: Map<AlertStatus, Map<string, string>>
  asOpen: Partial<Record<AlertStatus, boolean>>
}

function statusOf(prefix: string): AlertStatus | undefined {
  return STATUS_PREFIXES.find(([name]) => name === prefix)?.[1]
}

function readParameter(element: XmlElement, draft: Draft, status: AlertStatus): string | undefined {
  const key = childText(element, 'key') ?? ''
  if (key === '' || !isSafeKey(key)) return `a parameter without a usable key ("${key}") was dropped`
  const valueElement = childElements(element).find((child) => child.name === 'value')
  const values = draft.params.get(status) ?? new Map<string, string>()
  values.set(key, valueElement ? textOf(valueElement) : '')
  draft.params.set(status, values)
  return undefined
}

const FLAG_NAMES = /^(disabled|(first|repeat|cancel)-(enabled|as-open))$/

/** Reads one child; returns its report line, or undefined for parameter groups (reported together). */
function readChild(child: XmlElement, draft: Draft, extras: ExtraElements): FieldOutcome | undefined {
  const { name } = child
  const flag = parseAtsdBoolean(textOf(child))
  const perStatus = /^(first|repeat|cancel)(-enabled|WebConfigParameters|-as-open)$/.exec(name)
  const status = perStatus ? statusOf(perStatus[1] ?? '') : undefined
  if (FLAG_NAMES.test(name) && flag === undefined) {
    return outcome(name, 'ignored', `"${textOf(child)}" is not true/false; dropped, the default applies`)
  }
  if (name === 'disabled') {
    draft.disabled = flag === true
    return outcome(name, 'mapped', `action enabled = ${!flag}`)
  }
  if (name === 'rule-name') return outcome(name, 'ignored', "written from the rule's name on export")
  if (name === 'repeat-interval') {
    draft.strategy = readAtsdStrategy(child)
    const kind = draft.strategy.kind === 'invalid' ? 'ignored' : 'mapped'
    return outcome(name, kind, `repeat: ${describeStrategy(draft.strategy)}`)
  }
  if (name === 'webNotificationConfigName') {
    draft.endpoint = textOf(child).trim()
    return undefined
  }
  if (status && perStatus?.[2] === '-enabled') {
    draft.enabled[status] = flag === true
    return outcome(name, 'mapped', `${status} ${flag ? 'in' : 'not in'} on`)
  }
  if (status && perStatus?.[2] === 'WebConfigParameters') {
    const problem = readParameter(child, draft, status)
    return problem === undefined ? undefined : outcome(name, 'ignored', problem)
  }
  extras.add(child)
  if (status && perStatus?.[2] === '-as-open') {
    draft.asOpen[status] = flag === true
    const detail = flag ? `${status} uses the OPEN parameters` : `${status} has its own parameters`
    return outcome(name, 'mapped', `${detail}; kept for export`)
  }
  return outcome(name, 'ignored', KEPT_FOR_EXPORT)
}

function collectParams(draft: Draft): Params | undefined {
  const open = draft.params.get('OPEN')
  for (const status of ['REPEAT', 'CANCEL'] as const) {
    // ATSD "same as open": this status sends the OPEN parameters.
    if (draft.asOpen[status] && open) draft.params.set(status, new Map(open))
  }
  if (draft.params.size === 0) return undefined
  return Object.fromEntries([...draft.params].map(([status, values]) => [status, Object.fromEntries(values)]))
}

function paramFields(draft: Draft, prefix: string): FieldOutcome[] {
  return STATUS_PREFIXES.flatMap(([name, status]) => {
    const values = draft.params.get(status)
    if (!values) return []
    const keys = [...values.keys()].join(', ')
    return [outcome(`${prefix}.${name}WebConfigParameters`, 'mapped', `params.${status}: ${keys}`)]
  })
}

interface Bound {
  fields: Partial<HttpActionInput>
  detail: string
  endpointEnabled: boolean
}

function bindEndpoint(
  name: string,
  binding: EndpointBinding,
  params: Params | undefined,
  on: AlertStatus[],
): Bound {
  const endpoint = binding.endpoints.get(name)
  if (!endpoint) {
    binding.missing.add(name)
    return {
      fields: { url: missingEndpointUrl(name) },
      endpointEnabled: true,
      detail: `endpoint "${name}" was not supplied: import its WebNotificationConfig XML, then import the rules again`,
    }
  }
  const method = HttpAction.shape.method.unwrap().safeParse(endpoint.method.toUpperCase())
  const filled = fillEndpoint(endpoint, params, on)
  const headers = { ...filled.headers }
  const hasAuthorization = Object.keys(headers).some((header) => header.toLowerCase() === 'authorization')
  if (endpoint.authType.toUpperCase() === 'BASIC' && !hasAuthorization) {
    const credentials = Buffer.from(`${endpoint.username}:${endpoint.password}`, 'utf8').toString('base64')
    headers.Authorization = `Basic ${credentials}`
  }
  const notes = [
    ...filled.notes,
    ...(method.success ? [] : [`method ${endpoint.method} is not supported, POST used`]),
    ...(endpoint.enabled ? [] : ['the endpoint is disabled in ATSD, so the action is disabled']),
  ]
  const texts = Object.keys(filled.texts).length > 0 ? { texts: filled.texts } : {}
  return {
    fields: {
      method: method.success ? method.data : 'POST',
      url: filled.url,
      headers,
      body: filled.body,
      ...texts,
      ...(endpoint.contentType === '' ? {} : { contentType: endpoint.contentType }),
    },
    endpointEnabled: endpoint.enabled,
    detail: [
      `bound to endpoint "${name}": its URL, headers and body filled with the parameters`,
      ...notes,
    ].join('; '),
  }
}

/** Maps one `<webNotification>` onto an HTTP action; `prefix` names it in the report. */
export function readWebNotification(
  element: XmlElement,
  prefix: string,
  binding: EndpointBinding,
): { action?: HttpActionInput; fields: FieldOutcome[]; summary: string } {
  const draft: Draft = {
    disabled: false,
    strategy: undefined,
    endpoint: '',
    enabled: {},
    params: new Map(),
    asOpen: {},
  }
  const extras = createExtraElements()
  const fields: FieldOutcome[] = []
  for (const child of childElements(element)) {
    const line = readChild(child, draft, extras)
    if (line) fields.push({ ...line, field: `${prefix}.${line.field}` })
  }
  fields.push(...paramFields(draft, prefix))
  if (draft.endpoint === '') {
    fields.push(outcome(`${prefix}.webNotificationConfigName`, 'ignored', 'missing: no endpoint to send to'))
    return { fields, summary: 'no endpoint name: not imported as an action' }
  }
  const repeat: RepeatStrategy = draft.strategy?.kind === 'repeat' ? draft.strategy.repeat : { all: true }
  const on = STATUS_PREFIXES.map(([, status]) => status).filter(
    (status) => draft.enabled[status] && !(status === 'REPEAT' && draft.strategy?.kind === 'none'),
  )
  const params = collectParams(draft)
  const bound = bindEndpoint(draft.endpoint, binding, params, on)
  fields.push(outcome(`${prefix}.webNotificationConfigName`, 'mapped', bound.detail))
  const atsdExtra = extras.toRecord()
  const action: HttpActionInput = {
    kind: 'http',
    enabled: !draft.disabled && on.length > 0 && bound.endpointEnabled,
    // No status enabled: ATSD sends nothing; an action needs one status, so it is kept switched off.
    on: on.length > 0 ? on : ['OPEN'],
    repeat,
    url: '',
    endpoint: draft.endpoint,
    ...bound.fields,
    ...(params ? { params } : {}),
    ...(atsdExtra ? { atsdExtra } : {}),
  }
  const summary = `HTTP action on ${on.join(', ') || 'no status (disabled)'} via endpoint "${draft.endpoint}"`
  return { action, fields, summary }
}
