import { z } from 'zod'

/**
 * The developer's own bot in the loop (docs/bot-in-the-loop.md): the calls it made through the recording
 * Bot API proxy, the updates Hookbench forwarded to it, and the conversation timeline that joins them.
 */

/** A file part of a proxied multipart call: described always, its bytes kept up to 1 MiB. */
export const BotCallFile = z.object({
  field: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  sha256: z.string(),
  /** How many of its bytes are stored (`size` unless cut at 1 MiB). */
  keptBytes: z.number().int(),
  truncated: z.boolean(),
})
export type BotCallFile = z.infer<typeof BotCallFile>

/** One Bot API call the bot made (or that its webhook answer carried), with the answer it got. */
export const BotCall = z.object({
  id: z.number().int(),
  time: z.string(),
  /** The bot's numeric id (the digits before ':' in its token); the token itself is never stored. */
  botId: z.number().int().nullable(),
  method: z.string(),
  /** `proxy`: the bot called /bot-api; `webhook-reply`: a method in the bot's answer to a forwarded update. */
  source: z.enum(['proxy', 'webhook-reply']),
  /** `hookbench` for the methods that decide where updates go (setWebhook, getUpdates, …). */
  answeredBy: z.enum(['upstream', 'hookbench']),
  /** Parameters as sent; nested JSON strings (reply_markup, …) are parsed back into objects. */
  params: z.record(z.string(), z.unknown()),
  files: z.array(BotCallFile),
  /** HTTP status the bot got (null when the call never got an answer, e.g. the bot hung up). */
  httpStatus: z.number().int().nullable(),
  ok: z.boolean(),
  errorCode: z.number().int().nullable(),
  description: z.string().nullable(),
  retryAfter: z.number().int().nullable(),
  result: z.unknown(),
  durationMs: z.number(),
  chatId: z.number().nullable(),
  messageId: z.number().int().nullable(),
  /** The update this call answers: the latest one handed to the bot for that chat before the call. */
  updateId: z.number().int().nullable(),
  /** The stored request that carried that update. */
  requestId: z.number().int().nullable(),
  /** The text or caption sent (what the timeline shows), when the method has one. */
  text: z.string().nullable(),
  /** E.g. a setWebhook URL the real Telegram would refuse. */
  warning: z.string().nullable(),
})
export type BotCall = z.infer<typeof BotCall>

/** One attempt to deliver an update to the bot's webhook (the forward target). */
export const ForwardAttempt = z.object({
  id: z.number().int(),
  time: z.string(),
  updateId: z.number().int(),
  requestId: z.number().int().nullable(),
  chatId: z.number().nullable(),
  /** Which attempt for this update (1 = first delivery). */
  attempt: z.number().int(),
  url: z.string(),
  /** HTTP status of the bot's answer; null when there was none (refused, timeout). */
  status: z.number().int().nullable(),
  durationMs: z.number(),
  /** The bot's answer body (first 64 KiB). */
  responseBody: z.string().nullable(),
  responseTruncated: z.boolean(),
  /** `Connection refused`, `Read timeout expired`, `Wrong response from the webhook: 500 …`. */
  error: z.string().nullable(),
  delivered: z.boolean(),
  /** A method call the bot put in its answer, executed and recorded as this bot call. */
  replyCallId: z.number().int().nullable(),
})
export type ForwardAttempt = z.infer<typeof ForwardAttempt>

/** Where Hookbench sends the updates it receives: the bot's webhook, set by its setWebhook or by the user. */
export const ForwardingState = z.object({
  /** `webhook`: forwarded to `url`; `polling`: kept for the bot's getUpdates. */
  mode: z.enum(['webhook', 'polling']),
  url: z.string().nullable(),
  hasSecretToken: z.boolean(),
  timeoutMs: z.number().int(),
  maxConnections: z.number().int(),
  allowedUpdates: z.array(z.string()).nullable(),
  /** Who set it: the bot through the proxy, or the user (API, UI, `--forward-to`). */
  setBy: z.enum(['bot', 'user']).nullable(),
  pendingCount: z.number().int(),
  lastErrorAt: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  /** When the bot last called getUpdates through the proxy (since this start): a polling bot is there. */
  lastPollAt: z.string().nullable(),
})
export type ForwardingState = z.infer<typeof ForwardingState>

export const ForwardingInput = z.object({
  /** The bot's webhook URL (http or https); null or '' stops forwarding (updates wait for getUpdates). */
  url: z
    .string()
    .max(2048)
    .nullable()
    .refine((u) => u === null || u === '' || /^https?:\/\/[^\s]+$/i.test(u), {
      message: 'Give an http:// or https:// URL, or leave it empty to stop forwarding',
    }),
  secretToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'The secret token is 1-256 characters of A-Z, a-z, 0-9, _ and -')
    .nullable()
    .optional(),
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  maxConnections: z.number().int().min(1).max(100).optional(),
})
export type ForwardingInput = z.input<typeof ForwardingInput>

/** An update Hookbench received and handed (or is handing) to the bot. */
export const ForwardedUpdate = z.object({
  updateId: z.number().int(),
  requestId: z.number().int().nullable(),
  time: z.string(),
  chatId: z.number().nullable(),
  /** `message`, `edited_message`, `callback_query`, … */
  updateType: z.string(),
  /** Message text, caption or callback data. */
  text: z.string().nullable(),
  /** `pending` (waiting for the webhook or getUpdates), `delivered` (2xx or confirmed by getUpdates offset). */
  state: z.enum(['pending', 'delivered', 'dropped']),
  attempts: z.number().int(),
})
export type ForwardedUpdate = z.infer<typeof ForwardedUpdate>

/** One entry of a conversation timeline, oldest first. */
export const TimelineItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), time: z.string(), update: ForwardedUpdate }),
  z.object({ kind: z.literal('forward'), time: z.string(), attempt: ForwardAttempt }),
  z.object({ kind: z.literal('call'), time: z.string(), call: BotCall }),
])
export type TimelineItem = z.infer<typeof TimelineItem>

/** A chat seen in the bot's traffic. */
export const ConversationChat = z.object({
  chatId: z.number(),
  title: z.string().nullable(),
  lastTime: z.string(),
  updates: z.number().int(),
  calls: z.number().int(),
  errors: z.number().int(),
})
export type ConversationChat = z.infer<typeof ConversationChat>
