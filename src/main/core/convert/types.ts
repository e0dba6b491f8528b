import type { MessageCommand } from '@shared/message'

/** One received webhook request, as the receiver hands it to the converter (ATSD-BEHAVIOUR §1–§2). */
export interface WebhookRequest {
  /** HTTP method, upper case: 'GET' | 'POST' | … */
  method: string
  /** URL path after '/api/v1/messages/webhook', percent-decoded, leading '/' removed ('' when none). */
  pathRemainder: string
  /** Raw query string without '?', not decoded; keys may repeat. */
  query: string
  /** Request headers; names lower-cased. */
  headers: Record<string, string | undefined>
  /** Raw Content-Type header. */
  contentType: string | undefined
  /** Raw body bytes. */
  body: Uint8Array | undefined
  /** Client address as the socket reports it (an IPv4-mapped '::ffff:' prefix is stripped). */
  remoteAddress: string
  /** Server receive time in Unix milliseconds: the command's default date. */
  receivedAtMs: number
}

/** Bounds that keep one request's conversion cheap; exceeding one is a `too_complex` error. */
export interface ConvertLimits {
  /** Deepest JSON nesting accepted (a top-level object or array is depth 1). */
  maxDepth: number
  /** Most tags one request may produce (payload, query and header tags, before filters). */
  maxTags: number
  /**
   * JSON values (counted by a linear scan, before parsing) past which a document is refused unparsed: parsed,
   * a million keys cost hundreds of MB and seconds before maxTags could stop them (issue 18 item 11). Ten
   * times maxTags by default, so `exclude` can still trim a large document below maxTags.
   */
  maxJsonValues?: number
  /** Longest tag name in UTF-16 code units; longer names are truncated with a warning. */
  maxNameLength: number
}

/** The defaults the receiver uses. */
export const DEFAULT_CONVERT_LIMITS: ConvertLimits = {
  maxDepth: 64,
  maxTags: 10_000,
  maxNameLength: 1024,
  maxJsonValues: 100_000,
}

/** Why a request did not convert (ATSD-BEHAVIOUR §2.6). */
export type ConvertErrorCode = 'no_entity' | 'malformed_json' | 'bad_parameter' | 'too_complex'

/** A conversion failure a user can act on; `line`/`column` are 1-based, `offset` 0-based (UTF-16 units). */
export interface ConvertError {
  code: ConvertErrorCode
  message: string
  /** The parameter at fault, e.g. 'severity', 'command.date', 'datetimePattern'. */
  param?: string
  /** The value that was rejected. */
  value?: string
  line?: number
  column?: number
  offset?: number
}

/** The converter's answer; `debug` reflects `debug=true` even when the conversion failed. */
export type ConvertResult =
  | { ok: true; value: MessageCommand; warnings: string[]; debug: boolean }
  | { ok: false; error: ConvertError; debug: boolean }
