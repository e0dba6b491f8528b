import type { AlertStatus } from '@shared/rules'

/** A rule's ATSD web-notification parameters, by status. */
export type Params = Partial<Record<AlertStatus, Record<string, string>>>

/** An endpoint's templates as a rule fills them in. */
export interface FilledRequest {
  url: string
  headers: Record<string, string>
  body: string
  /** Bodies of statuses whose parameters give a different body than the first status's. */
  texts: Partial<Record<AlertStatus, string>>
  notes: string[]
}

type Encode = (literal: string) => string

const PLACEHOLDER = /\$\{[^{}]*\}/g
const keep: Encode = (literal) => literal
const jsonString: Encode = (literal) => JSON.stringify(literal).slice(1, -1)
const urlComponent: Encode = (literal) => encodeURIComponent(literal)

/**
 * A parameter value as it goes into a template: its literal text encoded for the place (ATSD URL-encodes
 * in URLs), its own placeholders (`${status}`, …) left for Hookbench to render.
 */
function encodeValue(value: string, encode: Encode): string {
  let out = ''
  let last = 0
  for (const match of value.matchAll(PLACEHOLDER)) {
    out += encode(value.slice(last, match.index)) + match[0]
    last = match.index + match[0].length
  }
  return out + encode(value.slice(last))
}

/** ATSD-BEHAVIOUR §8: `${key}` in an endpoint's URL, headers and body stands for the rule's parameter. */
function fillTemplate(template: string, values: Record<string, string>, encode: Encode): string {
  return template.replace(PLACEHOLDER, (match) => {
    const key = match.slice(2, -1).trim()
    return Object.hasOwn(values, key) ? encodeValue(values[key] ?? '', encode) : match
  })
}

function decodeFormName(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

/** Form bodies: a parameter named like a form field replaces that field's value (ATSD "exposed" fields). */
function fillForm(body: string, values: Record<string, string>): string {
  if (body === '') return body
  return body
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      const rawName = equals < 0 ? pair : pair.slice(0, equals)
      const name = decodeFormName(rawName)
      const value = name !== undefined && Object.hasOwn(values, name) ? values[name] : undefined
      return value === undefined ? pair : `${rawName}=${encodeValue(value, urlComponent)}`
    })
    .join('&')
}

function fillFor(
  endpoint: { url: string; headers: Record<string, string>; body: string; contentType: string },
  values: Record<string, string>,
): { url: string; headers: Record<string, string>; body: string } {
  const form = /x-www-form-urlencoded/i.test(endpoint.contentType)
  const bodyEncode = /json/i.test(endpoint.contentType) ? jsonString : form ? urlComponent : keep
  const filled = fillTemplate(endpoint.body, values, bodyEncode)
  return {
    url: fillTemplate(endpoint.url, values, urlComponent),
    headers: Object.fromEntries(
      Object.entries(endpoint.headers).map(([name, value]) => [name, fillTemplate(value, values, keep)]),
    ),
    body: form ? fillForm(filled, values) : filled,
  }
}

/**
 * Fills an endpoint's templates with a rule's parameters for each status the action fires on. URL and
 * headers cannot differ per status in Hookbench: the first status's values are used and a note says so.
 */
export function fillEndpoint(
  endpoint: { url: string; headers: Record<string, string>; body: string; contentType: string },
  params: Params | undefined,
  on: readonly AlertStatus[],
): FilledRequest {
  const statuses = on.length > 0 ? on : (['OPEN'] as const)
  const perStatus = statuses.map((status) => [status, fillFor(endpoint, params?.[status] ?? {})] as const)
  const [first, base] = perStatus[0] ?? ['OPEN', fillFor(endpoint, {})]
  const texts: Partial<Record<AlertStatus, string>> = {}
  const notes: string[] = []
  for (const [status, filled] of perStatus.slice(1)) {
    if (filled.body !== base.body) texts[status] = filled.body
    const sameHeaders = JSON.stringify(filled.headers) === JSON.stringify(base.headers)
    if (filled.url !== base.url || !sameHeaders) {
      notes.push(`${status} parameters give another URL or headers; the ${first} ones are used`)
    }
  }
  return { ...base, texts, notes }
}
