import { z } from 'zod'
import { MessageCommand } from './message'

/**
 * How a webhook request's credentials were judged; `unchecked`: refused by the HTTP parser before they could
 * be (issue 18 item 10).
 */
export const AuthOutcome = z.enum([
  'ok',
  'anonymous',
  'failed',
  'throttled',
  'forbidden',
  'secret_mismatch',
  'unchecked',
])
export type AuthOutcome = z.infer<typeof AuthOutcome>

/** A request's processing error (conversion, size, authorization), with where it broke. */
export const RequestError = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  param: z.string().optional(),
})
export type RequestError = z.infer<typeof RequestError>

export const RequestSummary = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  status: z.number().int(),
  size: z.number().int(),
  contentType: z.string().nullable(),
  remoteAddress: z.string(),
  user: z.string().nullable(),
  authOutcome: AuthOutcome,
  entity: z.string().nullable(),
  /** The message's text for the list: its first 1,000 characters and '…' past them (the message holds it all). */
  messageText: z.string().nullable(),
  /** The Telegram update's kind (message, edited_message, callback_query, …), from its stored message. */
  updateType: z.string().nullable(),
  error: RequestError.nullable(),
  /** Telegram update_id when the body is a Telegram update (for duplicate detection). */
  updateId: z.number().int().nullable(),
  /** Id of the earlier request carrying the same Telegram update (a redelivery), if any. */
  duplicateOf: z.number().int().nullable(),
})
export type RequestSummary = z.infer<typeof RequestSummary>

/** What Hookbench answered to a stored request (written just after the answer went out). */
export const RequestResponse = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  /** The body as text when it is valid UTF-8, else base64 (see bodyEncoding). */
  body: z.string(),
  bodyEncoding: z.enum(['utf8', 'base64']),
  /** Bytes sent; more than the body when it was cut (bodyTruncated). */
  size: z.number().int(),
  bodyTruncated: z.boolean(),
  /** Milliseconds from receiving the request to the answer sent. */
  timeMs: z.number(),
})
export type RequestResponse = z.infer<typeof RequestResponse>

export const RequestDetail = RequestSummary.extend({
  headers: z.record(z.string(), z.string()),
  /** The body as text when it is valid UTF-8, else base64 (see bodyEncoding). */
  body: z.string(),
  bodyEncoding: z.enum(['utf8', 'base64']),
  /** True when only the head of an oversized body was kept. */
  bodyTruncated: z.boolean(),
  command: MessageCommand.nullable(),
  warnings: z.array(z.string()),
  messageId: z.number().int().nullable(),
  /** The stored request this one replays, when it is a replay. */
  replayOf: z.number().int().nullable(),
  /** Hookbench's answer; null for requests stored before it was kept, or while it is being written. */
  response: RequestResponse.nullable(),
})
export type RequestDetail = z.infer<typeof RequestDetail>

export const MessageRow = MessageCommand.extend({
  id: z.number().int(),
  requestId: z.number().int(),
  receivedAt: z.string(),
})
export type MessageRow = z.infer<typeof MessageRow>

export const Incident = z.object({
  id: z.number().int(),
  time: z.string(),
  remoteAddress: z.string(),
  user: z.string().nullable(),
  reason: z.string(),
  path: z.string(),
  /** Attempts this incident stands for: a burst of throttled attempts is one incident (issue 18 item 6). */
  count: z.number().int().min(1),
  /** The burst's last attempt; null for a single one. */
  lastTime: z.string().nullable(),
})
export type Incident = z.infer<typeof Incident>

export const WebhookUser = z.object({
  name: z.string(),
  /** Entity patterns this user may write (`*` = any). */
  entities: z.array(z.string()),
  createdAt: z.string(),
})
export type WebhookUser = z.infer<typeof WebhookUser>

export const UserName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore')
export const Password = z.string().min(8, 'Use at least 8 characters').max(256)

/** Why writes to the data folder fail right now (docs/reliability.md "Faults"). */
export const StorageFaultKind = z.enum(['full', 'read_only', 'corrupt', 'io'])
export type StorageFaultKind = z.infer<typeof StorageFaultKind>
export const StorageFault = z.object({
  kind: StorageFaultKind,
  /** What is wrong and what to do, for the UI's banner. */
  message: z.string(),
  since: z.string(),
})
export type StorageFault = z.infer<typeof StorageFault>

export const Status = z.object({
  receiver: z.object({ url: z.string(), host: z.string(), port: z.number().int() }),
  /** The recording Bot API proxy a developer's own bot points its API root at (docs/bot-in-the-loop.md). */
  botApiProxyUrl: z.string(),
  tunnel: z.object({
    state: z.enum(['off', 'starting', 'online', 'error']),
    url: z.string().nullable(),
    error: z.string().nullable(),
  }),
  telegram: z.object({
    bot: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    lastError: z.string().nullable(),
    /** The bot is the built-in simulator's (its Bot API is this receiver's /sim): no tunnel is involved. */
    simulated: z.boolean(),
  }),
  storage: z.object({
    requests: z.number().int(),
    lastRetention: z.object({ at: z.string(), deleted: z.number().int() }).nullable(),
    /** Set while writes fail (disk full, read-only, damaged): the receiver refuses with 507/503 meanwhile. */
    fault: StorageFault.nullable(),
  }),
})
export type Status = z.infer<typeof Status>
