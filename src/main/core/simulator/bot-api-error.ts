/** `ResponseParameters` of a failed Bot API call (TELEGRAM.md §1). */
export interface ResponseParameters {
  retry_after?: number
  migrate_to_chat_id?: number
}

/**
 * A Bot API failure: answered as `{"ok":false,"error_code":N,"description":"…"}` with HTTP status N
 * (TELEGRAM.md §1 "Response envelope").
 */
export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description)
    this.name = 'BotApiError'
  }
}

export const badRequest = (detail: string): BotApiError => new BotApiError(400, `Bad Request: ${detail}`)

export const forbidden = (detail: string): BotApiError => new BotApiError(403, `Forbidden: ${detail}`)

export const conflict = (detail: string): BotApiError => new BotApiError(409, `Conflict: ${detail}`)

export const notFound = (detail?: string): BotApiError =>
  new BotApiError(404, detail ? `Not Found: ${detail}` : 'Not Found')

export const unauthorized = (detail?: string): BotApiError =>
  new BotApiError(401, detail ? `Unauthorized: ${detail}` : 'Unauthorized')

/** 429 with `parameters.retry_after`; the plugin adds the `Retry-After` header. */
export const tooManyRequests = (retryAfterSec: number): BotApiError => {
  const seconds = Math.max(1, Math.ceil(retryAfterSec))
  return new BotApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds })
}

/** The envelope body, keys in the server's order: ok, error_code, description, parameters. */
export function errorEnvelope(err: BotApiError): Record<string, unknown> {
  return {
    ok: false,
    error_code: err.code,
    description: err.description,
    ...(err.parameters && { parameters: err.parameters }),
  }
}
