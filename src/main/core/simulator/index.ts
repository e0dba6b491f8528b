/**
 * The built-in Telegram simulator: a fake Bot API at `/sim/bot<TOKEN>/<method>` that behaves like Telegram
 * (strict mode) or a local Bot API server run with `--local` (relaxed mode), plus fake users and chats that
 * the control API drives. See docs/simulator.md.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { z } from 'zod'
import type {
  SimChat,
  SimChatInput,
  SimChooseInput,
  SimInlineQuery,
  SimInlineQueryInput,
  SimMemberInput,
  SimUpdateEntry,
  SimPressInput,
  SimFileContent,
  SimSendFileInput,
  SimSendInput,
  SimWebhook,
  TranscriptItem,
} from '@shared/simulator'
import type { Faults } from './faults'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { Store } from '../store'
import type { RateLimits } from './rate-limiter'
import type { ResolveHost } from './webhook/webhook-url'

export interface SimulatorDeps {
  store: Store
  bus: EventBus
  log: Logger
  now: () => number
  /** Strict (cloud rules) or relaxed (local Bot API server) — the `simulatorStrict` setting. */
  strict: () => boolean
  /**
   * The `simulatorCreateBotsOnFirstUse` setting: a well-formed token never seen creates its bot. Otherwise (the
   * default) it answers 401 Unauthorized, as Telegram answers a token it never issued.
   */
  createBotsOnFirstUse?: () => boolean
  /** The connected bot's token: chats created without `botToken` talk to it. */
  connectedBotToken: () => string | undefined
  /** Milliseconds per webhook retry backoff unit: 1000 (default) gives Telegram's 0, 2, 4 … 64 s; tests lower it. */
  retryBaseMs?: number
  /**
   * How long one webhook request may stay unanswered before it fails with `Read timeout expired` — the
   * `simulatorWebhookTimeoutMs` setting, read per attempt (default 60 s, Telegram's).
   */
  webhookTimeoutMs?: () => number
  /** Flood limits for sendMessage (default: 20-message bursts then 1/s per chat, 20/min per group, 30/s per bot). */
  rateLimits?: Partial<RateLimits>
  /** "Why didn't my bot get this?": an update received later than this counts as late (default 5 s). */
  lateAfterMs?: number
  /** How long a bot may take to answer an inline query before "query is too old" (default 10 s). */
  inlineQueryTimeoutMs?: number
  /** The `simulatorFloodLimits` setting: false lets every call through (default on). */
  floodLimits?: () => boolean
  /** Resolves setWebhook hosts (default node:dns); tests pass one so nothing touches the network. */
  resolveHost?: ResolveHost
}

export interface Simulator {
  /** Fastify plugin mounted at `/sim`. */
  plugin: FastifyPluginAsync
  /**
   * Creates the bot for `token` (or finds it): the way `--simulator` and the setup wizard's "use the simulator"
   * make their bot. An AppError when the token is malformed or its bot id is known with another secret.
   */
  createBot(token: string): Promise<{ id: number; username: string }>
  /** Privacy mode and inline feedback of a simulated bot (BotFather's /setprivacy, /setinlinefeedback). */
  setBotPrivacy(input: {
    id: number
    privacy?: boolean
    inlineFeedback?: boolean
  }): Promise<{ id: number; privacy: boolean; inlineFeedback: boolean }>
  /**
   * A bot's webhook as getWebhookInfo reports it and its newest delivery attempts (newest first; only those of
   * `updateId` when given); not_found for an unknown bot.
   */
  webhook(input: { id: number; limit: number; updateId?: number | undefined }): Promise<SimWebhook>
  /** Creates a chat; its `botToken` (default the connected bot) creates that bot if needed. */
  createChat(input: z.output<typeof SimChatInput>): Promise<SimChat>
  listChats(): Promise<SimChat[]>
  sendMessage(input: z.output<typeof SimSendInput>): Promise<{ updateId: number; messageId: number }>
  /** The fake user sends a photo or a file (bytes base64): the bot gets photo/document it can getFile. */
  sendFile(
    input: z.output<typeof SimSendFileInput>,
  ): Promise<{ updateId: number; messageId: number; fileId: string }>
  /** A stored file with its bytes (base64), by file_id; not_found when unknown. */
  file(fileId: string): Promise<z.output<typeof SimFileContent>>
  pressButton(input: z.output<typeof SimPressInput>): Promise<{ updateId: number }>
  transcript(chatId: number): Promise<TranscriptItem[]>
  /** The user blocks the bot or unblocks it (my_chat_member); while blocked sendMessage answers 403. */
  blockChat(chatId: number, blocked: boolean): Promise<{ blocked: boolean; updateId: number }>
  /** `@bot query` typed in a chat (inline_query); with waitMs, answers once the bot has answered. */
  sendInlineQuery(input: z.output<typeof SimInlineQueryInput>): Promise<SimInlineQuery>
  getInlineQuery(queryId: string): Promise<SimInlineQuery>
  /** The user picks an inline result: a message via @bot, and chosen_inline_result with inline feedback on. */
  chooseResult(
    input: z.output<typeof SimChooseInput>,
  ): Promise<{ messageId: number; updateId: number; chosenUpdateId: number | null }>
  /** A chat's updates with what became of each and why not ("Why didn't my bot get this update?"). */
  listUpdates(chatId: number, limit?: number): Promise<SimUpdateEntry[]>
  /** A user joins or leaves a group (service message + chat_member update). */
  changeMember(input: z.output<typeof SimMemberInput>): Promise<{ userId: number; updateId: number }>
  /** Injected faults: the next matching Bot API calls fail as configured (docs/simulator.md, Faults). */
  faults: Faults
  /** Ends held getUpdates requests, stops webhook delivery and its timers. */
  close(): Promise<void>
}

/** The simulator's path for each spelling of a Bot API call (Telegraf's `/bot…`, a doubled `/sim//bot…`). */
export { simulatorBotApiPath } from './bot-api-path'
export { createSimulator } from './create-simulator'
export type { RateLimits } from './rate-limiter'
export type { ResolveHost } from './webhook/webhook-url'

// The Bot API wire format and Telegram's webhook delivery, shared with the proxy and the forwarder (the
// developer's own bot in the loop must see exactly what the simulator and Telegram would send).
export { BotApiError, badRequest, conflict, errorEnvelope } from './bot-api-error'
export { createLongPoll, type LongPoll } from './long-poll'
export { paramReader, readParams, type ParamReader, type Params, type UploadedFile } from './params'
export { isAllowedUpdate } from './sim-context'
export { isAllowedInWebhookAnswer } from './methods'
export { createWebhookPoster, type PostOutcome, type WebhookPoster } from './webhook/webhook-post'
export { retryDelayMs } from './webhook/retry-policy'
export { checkWebhookUrl } from './webhook/webhook-url'
