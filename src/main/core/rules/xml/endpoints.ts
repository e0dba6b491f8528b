import { maskSecrets } from '../../log'
import { createExtraElements, isSafeKey, KEPT_FOR_EXPORT, outcome, parseAtsdBoolean } from './fields'
import type { FieldOutcome, ImportedEndpoint, ImportReport } from './types'
import { childElements, textOf, type XmlElement } from './xml-tree'

/** The element name ATSD gives each endpoint in a `<list>` export. */
export const ENDPOINT_ELEMENT = 'com.axibase.tsd.model.notifications.WebNotificationConfig'
/** Most endpoints one document may hold. */
export const MAX_ENDPOINTS = 2000

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const SECRET_HEADER = /authorization|token|secret|password|api[-_]?key|cookie|signature/i

/** Parses ATSD's header text: one `Name: value` per line (CRLF or LF). */
export function parseHeaderLines(text: string): { headers: Record<string, string>; problems: string[] } {
  const headers = new Map<string, [string, string]>()
  const problems: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    const name = colon < 0 ? '' : line.slice(0, colon).trim()
    if (!HEADER_NAME.test(name) || !isSafeKey(name)) {
      problems.push(`line "${maskSecrets(line)}" is not "Name: value"; dropped`)
      continue
    }
    const value = line.slice(colon + 1).trim()
    const seen = headers.get(name.toLowerCase())
    if (seen) problems.push(`header ${name} repeats; values joined with ", "`)
    headers.set(name.toLowerCase(), seen ? [seen[0], `${seen[1]}, ${value}`] : [name, value])
  }
  return { headers: Object.fromEntries(headers.values()), problems }
}

/** The inverse of `parseHeaderLines`, with CRLF as ATSD writes it. */
export function formatHeaderLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')
}

/** A header value with its secret part masked; the scheme (`Basic`, `token`) stays readable. */
export function maskHeaderValue(name: string, value: string): string {
  if (!SECRET_HEADER.test(name) || value === '') return maskSecrets(value)
  const space = value.indexOf(' ')
  return space > 0 ? `${value.slice(0, space)} ***` : '***'
}

type EndpointDraft = Omit<ImportedEndpoint, 'atsdExtra'>

const EMPTY_ENDPOINT: EndpointDraft = {
  name: '',
  method: 'POST',
  contentType: 'application/json',
  url: '',
  headers: {},
  body: '',
  authType: 'NONE',
  username: '',
  password: '',
  ignoreSslErrors: false,
  logResponse: false,
  enabled: true,
}

const TEXT_FIELDS = [
  'name',
  'method',
  'contentType',
  'url',
  'body',
  'authType',
  'username',
  'password',
] as const
const FLAG_FIELDS = ['enabled', 'logResponse', 'ignoreSslErrors'] as const
const DETAILS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    authType: 'BASIC makes actions send Authorization: Basic from username and password',
    password: 'a secret: masked when exported with maskSecrets',
    ignoreSslErrors: 'kept on the endpoint; HTTP actions have no such option',
    logResponse: 'kept on the endpoint; Hookbench records every delivery anyway',
  }),
)

function isTextField(name: string): name is (typeof TEXT_FIELDS)[number] {
  return (TEXT_FIELDS as readonly string[]).includes(name)
}
function isFlagField(name: string): name is (typeof FLAG_FIELDS)[number] {
  return (FLAG_FIELDS as readonly string[]).includes(name)
}

/** Maps one WebNotificationConfig element; `endpoint` is undefined when it has no name. */
export function readEndpoint(element: XmlElement): { endpoint?: ImportedEndpoint; fields: FieldOutcome[] } {
  const draft: EndpointDraft = { ...EMPTY_ENDPOINT, headers: {} }
  const extras = createExtraElements()
  const fields: FieldOutcome[] = []
  for (const child of childElements(element)) {
    const { name } = child
    const text = textOf(child)
    if (isTextField(name)) {
      // Names, methods and URLs are identifiers; body and password are taken byte for byte.
      draft[name] = name === 'body' || name === 'password' ? text : text.trim()
      fields.push(outcome(name, 'imported', DETAILS.get(name) ?? ''))
    } else if (isFlagField(name)) {
      const flag = parseAtsdBoolean(text)
      if (flag !== undefined) draft[name] = flag
      const detail =
        flag === undefined ? `"${text}" is not true/false; kept ${draft[name]}` : (DETAILS.get(name) ?? '')
      fields.push(outcome(name, flag === undefined ? 'ignored' : 'imported', detail))
    } else if (name === 'headers') {
      const parsed = parseHeaderLines(text)
      draft.headers = parsed.headers
      const count = Object.keys(parsed.headers).length
      fields.push(
        outcome(name, 'mapped', [`${count} header(s) from Name: value lines`, ...parsed.problems].join('; ')),
      )
    } else {
      extras.add(child)
      fields.push(outcome(name, 'ignored', KEPT_FOR_EXPORT))
    }
  }
  draft.method = draft.method.toUpperCase()
  if (draft.name === '') {
    fields.unshift(
      outcome('name', 'ignored', 'missing: an endpoint without a name cannot be referenced; skipped'),
    )
    return { fields }
  }
  const atsdExtra = extras.toRecord()
  return { endpoint: atsdExtra ? { ...draft, atsdExtra } : draft, fields }
}

/** Imports the endpoints of a `<list>` document into `report`. */
export function importEndpointList(root: XmlElement, report: ImportReport): ImportedEndpoint[] {
  const endpoints: ImportedEndpoint[] = []
  const names = new Set<string>()
  childElements(root).forEach((child, index) => {
    if (child.name !== ENDPOINT_ELEMENT) {
      report.warnings.push(`<${child.name}> in the list is not a ${ENDPOINT_ELEMENT}; ignored and not kept`)
      return
    }
    const { endpoint, fields } = readEndpoint(child)
    const name = endpoint?.name ?? `(endpoint #${index + 1})`
    if (endpoint && names.has(endpoint.name)) {
      fields.unshift(
        outcome('name', 'ignored', `endpoint "${endpoint.name}" appears twice; this one is skipped`),
      )
      report.warnings.push(`Endpoint "${endpoint.name}" appears twice; the first one is imported.`)
    } else if (endpoint) {
      names.add(endpoint.name)
      endpoints.push(endpoint)
    }
    report.endpoints.push({ name, fields })
  })
  return endpoints
}
