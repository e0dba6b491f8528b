// The webhook request → message command converter (ATSD-BEHAVIOUR §2–§4). Pure: no I/O, no clock (the receive
// time is an input), no logger. Failures are return values (STYLE §3).

/** One received webhook request; see {@link WebhookRequest}. */
export type { WebhookRequest } from './types'
/** Bounds on one request's conversion (depth, tag count, name length). */
export type { ConvertLimits } from './types'
/** Why a request did not convert: `no_entity`, `malformed_json`, `bad_parameter` or `too_complex`. */
export type { ConvertErrorCode } from './types'
/** A conversion failure with the parameter/value or the 1-based line and column at fault. */
export type { ConvertError } from './types'
/** `{ ok: true, value, warnings, debug }` or `{ ok: false, error, debug }`. */
export type { ConvertResult } from './types'
/** The limits the receiver uses: depth 64, 10 000 tags, 1024 characters per tag name. */
export { DEFAULT_CONVERT_LIMITS } from './types'
/** Converts a webhook request into a message command, or says why it cannot (ATSD-BEHAVIOUR §2–§4). */
export { convertWebhook } from './convert-webhook'
/** Reads a severity code, name or alias case-insensitively (ATSD-BEHAVIOUR §3); `undefined` when unknown. */
export { parseSeverity } from './severity'
/** The `debug=true` response body: the command's fields in ATSD's order (ATSD-BEHAVIOUR §2.6). */
export { commandToDebugJson } from './debug-json'
