import type { Input } from './api'
import type { MethodName } from './api-names'
import { ROUTES, type Route } from './api-routes'
import { AppError } from './errors'

// How a contract method travels over HTTP: the browser client and `hookbench test --url` both use this.

/** One call as it goes over the wire: `url` is relative to the origin (`/api/...`). */
export interface HttpCall {
  method: string
  url: string
  body?: string
  contentType?: string
  /** The answer is text of this type (rules XML), not JSON. */
  produces?: string
}

export function toHttpCall<M extends MethodName>(name: M, input: Input<M>): HttpCall {
  const spec: Route = ROUTES[name]
  const [method, template] = spec.http
  const rest: Record<string, unknown> = { ...(input as Record<string, unknown>) }
  const path = template.replace(/:([A-Za-z_]\w*)/g, (_match, key: string) => {
    const value = rest[key]
    delete rest[key]
    if (value === undefined || value === null || value === '') {
      throw new AppError('invalid_input', `${name} needs ${key}.`, { where: [{ path: [key] }] })
    }
    return encodeURIComponent(String(value))
  })
  const produces = spec.produces === undefined ? {} : { produces: spec.produces }
  if (method === 'POST' || method === 'PUT') {
    const url = `/api${path}`
    if (spec.textBody)
      return { method, url, body: String(rest.text ?? ''), contentType: spec.textBody, ...produces }
    return { method, url, body: JSON.stringify(rest), contentType: 'application/json', ...produces }
  }
  const query = toQuery(rest)
  return { method, url: `/api${path}${query ? `?${query}` : ''}`, ...produces }
}

function toQuery(values: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) params.append(key, String(item))
    }
  }
  return params.toString()
}
