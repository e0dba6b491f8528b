import type { ErrorKind } from '@shared/errors'

/** The one mapping from error kind to HTTP status (STYLE §3). */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid_input: 400,
  syntax: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
  internal: 500,
}
