import { createHash, timingSafeEqual, randomInt } from 'node:crypto'
import type { SimFileRef, TranscriptItem } from '@shared/simulator'
import type { Logger } from '../log'
import { iso } from '../store/rows'
import type { SimulatorDeps } from './index'
import { createFilesRepo, type FilesRepo } from './files/files-repo'
import { mediaFileOf } from './files/media'
import { createLongPoll, type LongPoll } from './long-poll'
import { createRateLimiter, DEFAULT_RATE_LIMITS, type RateLimiter } from './rate-limiter'
import { createSimRepo, type BotRow, type MessageRow, type SimRepo } from './sim-repo'
import { createSimLogRepo, type SimLogRepo, type WhyNotReason } from './sim-log-repo'
import { createWhyNot, type WhyNot } from './why-not'
import { simBotName, simBotUsername, type TgObject } from './telegram-objects'
import { createAttemptsRepo, type AttemptsRepo } from './webhook/attempts-repo'
import { createWebhookDelivery, type WebhookDelivery } from './webhook/webhook-delivery'
import { createWebhookPoster, type PostOutcome } from './webhook/webhook-post'
import { resolveWithDns, type ResolveHost } from './webhook/webhook-url'

/** A well-formed bot token: the number before ':' is the bot id. */
export const BOT_TOKEN = /^(\d{5,12}):[A-Za-z0-9_-]{30,}$/

/** Update types an empty or absent allowed_updates leaves out (TELEGRAM.md §2). */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count'])

export const isAllowedUpdate = (allowed: string[] | null, type: string): boolean =>
  allowed && allowed.length > 0 ? allowed.includes(type) : !NOT_BY_DEFAULT.has(type)

/** What the Bot API methods and the control API share. */
export interface SimContext {
  repo: SimRepo
  /** Webhook delivery attempts (migration 011). */
  attempts: AttemptsRepo
  /** Files sent by bots and users (migration 010). */
  files: FilesRepo
  log: Logger
  now: () => number
  strict: () => boolean
  resolveHost: ResolveHost
  delivery: WebhookDelivery
  longPoll: LongPoll
  limiter: RateLimiter
  /** Callback queries not yet answered: id → bot. */
  callbacks: Map<string, number>
  /** setMyCommands lists, in memory, one per bot, scope and language_code (key: see command-methods.ts). */
  commands: Map<string, unknown[]>
  /** When each bot last called setWebhook with a URL (once per second, TELEGRAM.md §2). */
  lastSetWebhookAt: Map<number, number>
  write<T>(fn: () => T): Promise<T>
  /**
   * The bot for a token; `malformed`, `mismatch` (same id, other secret) or `unknown` (never created: Telegram's
   * 401 for a token it never issued), unless the createBotsOnFirstUse setting creates it.
   */
  botForToken(token: string): Promise<BotRow | 'malformed' | 'mismatch' | 'unknown'>
  /** The bot for a token, created when new (chats, `--simulator`); `malformed` or `mismatch`. */
  createBotForToken(token: string): Promise<BotRow | 'malformed' | 'mismatch'>
  /**
   * Inside a write: queues an update unless allowed_updates filters its type. Returns its update_id. Either
   * way it is logged for "why didn't my bot get this?", tied to the transcript message `messageId` if given.
   */
  addUpdate(
    botId: number,
    type: string,
    chatId: number,
    body: TgObject,
    messageId?: number | null,
  ): number | null
  /** Inside a write: an update the simulator did not make (privacy mode, a blocked bot, …), logged with why. */
  skipUpdate(
    botId: number,
    type: string,
    chatId: number,
    messageId: number | null,
    reason: WhyNotReason,
  ): void
  /** The update log and inline queries (migration 012). */
  logs: SimLogRepo
  whyNot: WhyNot
  /** How long a bot may take to answer an inline query (default 10 s); then "query is too old". */
  inlineQueryTimeoutMs: number
  /** Inline query id → callbacks waiting for its answer (the control API's `waitMs`). */
  inlineWaiters: Map<string, Set<() => void>>
  /** After the write committed: wakes webhook delivery or the held getUpdates. */
  updatesAdded(botId: number): void
  /** Emits `simulator.message` for a stored transcript message. */
  emitItem(row: MessageRow): void
}

export function transcriptItemOf(row: MessageRow): TranscriptItem {
  return {
    messageId: row.messageId,
    from: row.fromBot ? 'bot' : 'user',
    text: row.sourceText ?? row.text,
    plainText: row.text,
    date: iso(row.date),
    parseMode: row.parseMode,
    edited: row.editDate !== null,
    updateId: row.updateId,
    replyMarkup: row.replyMarkup ?? null,
    file: row.media ? fileRefOf(row.media) : null,
    forwardedFrom: row.forward ? forwardedFromOf(row.forward) : null,
    ...(row.viaBot && { viaBot: true }),
  }
}

/** The file a message's media fields carry, as the transcript shows it. */
function fileRefOf(media: TgObject): SimFileRef | null {
  const found = mediaFileOf(media)
  if (!found) return null
  const o = found.object
  const int = (v: unknown) => (typeof v === 'number' ? v : null)
  return {
    kind: found.kind,
    fileId: String(o.file_id),
    fileName: typeof o.file_name === 'string' ? o.file_name : null,
    mimeType: typeof o.mime_type === 'string' ? o.mime_type : null,
    size: int(o.file_size) ?? 0,
    width: int(o.width),
    height: int(o.height),
  }
}

/** Whom a forwarded message names: forward_origin's user, chat or hidden user's name. */
function forwardedFromOf(forward: TgObject): string | null {
  const origin = forward.forward_origin as
    | {
        sender_user?: { first_name?: string; last_name?: string }
        chat?: { title?: string; first_name?: string }
        sender_chat?: { title?: string }
        sender_user_name?: string
      }
    | undefined
  if (!origin) return null
  const user = origin.sender_user
  if (user) return [user.first_name, user.last_name].filter(Boolean).join(' ')
  return (
    origin.chat?.title ??
    origin.chat?.first_name ??
    origin.sender_chat?.title ??
    origin.sender_user_name ??
    null
  )
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export function createSimContext(
  deps: SimulatorDeps,
  onAnswer: (botId: number, answer: Extract<PostOutcome, { ok: true }>) => void,
): SimContext {
  const { store, bus, now } = deps
  const repo = createSimRepo(store.db)
  const attempts = createAttemptsRepo(store.db)
  const log = deps.log
  const write = <T>(fn: () => T) => store.writer.write(fn)
  const delivery = createWebhookDelivery({
    repo,
    attempts,
    onAttempt: (attempt) => bus.emit({ type: 'simulator.webhookAttempted', attempt }),
    writer: store.writer,
    log,
    now,
    poster: createWebhookPoster(deps.webhookTimeoutMs ?? 60_000),
    retryBaseMs: deps.retryBaseMs ?? 1000,
    onAnswer,
    strict: deps.strict,
    record: {
      delivered: (botId, updateId) => whyNot.webhookDelivered(botId, updateId),
      failed: (botId, updateId, error) => whyNot.webhookFailed(botId, updateId, error),
    },
  })
  const longPoll = createLongPoll()
  const logs = createSimLogRepo(store.db)
  const whyNot = createWhyNot({
    log: logs,
    now,
    lateAfterMs: deps.lateAfterMs ?? 5000,
    writeBackground: (fn) => {
      store.writer.write(fn, 'background').catch((err: unknown) => {
        log.debug({ err }, 'simulator could not record update delivery')
      })
    },
  })

  // The SHA-256 of tokens seen lately: a bot calls with the same token every time (bounded, oldest out).
  const hashes = new Map<string, string>()
  const hashOf = (token: string) => {
    let hash = hashes.get(token)
    if (hash === undefined) {
      hash = sha256(token)
      if (hashes.size >= 256) hashes.delete(hashes.keys().next().value!)
      hashes.set(token, hash)
    }
    return hash
  }

  async function findBot(
    token: string,
    create: boolean,
  ): Promise<BotRow | 'malformed' | 'mismatch' | 'unknown'> {
    const m = BOT_TOKEN.exec(token)
    if (!m) return 'malformed'
    const id = Number(m[1])
    const hash = hashOf(token)
    let bot = repo.bot(id)
    if (!bot) {
      if (!create) return 'unknown'
      // A new bot starts at a realistic 9-digit update_id.
      const first = randomInt(100_000_000, 900_000_000)
      const identity = { id, tokenSha256: hash, username: simBotUsername(id), firstName: simBotName(id) }
      await write(() => repo.insertBot(identity, first, now()))
      bot = repo.bot(id)!
    }
    const same = timingSafeEqual(Buffer.from(bot.tokenSha256, 'hex'), Buffer.from(hash, 'hex'))
    return same ? bot : 'mismatch'
  }

  return {
    repo,
    attempts,
    files: createFilesRepo(store.db),
    log,
    now,
    strict: deps.strict,
    resolveHost: deps.resolveHost ?? resolveWithDns,
    delivery,
    longPoll,
    limiter: createRateLimiter({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimits }, now, deps.floodLimits),
    callbacks: new Map(),
    commands: new Map(),
    lastSetWebhookAt: new Map(),
    write,
    botForToken: (token) => findBot(token, deps.createBotsOnFirstUse?.() ?? false),
    // With create, findBot never answers 'unknown'.
    createBotForToken: (token) => findBot(token, true) as Promise<BotRow | 'malformed' | 'mismatch'>,
    addUpdate(botId, type, chatId, body, messageId = null) {
      const bot = repo.bot(botId)
      if (!bot) return null
      if (!isAllowedUpdate(bot.allowedUpdates, type)) {
        const list = bot.allowedUpdates?.length ? bot.allowedUpdates.join(', ') : null
        whyNot.logSkipped(botId, type, chatId, messageId, 'allowed_updates', list)
        return null
      }
      const updateId = repo.nextUpdateId(botId)
      const payload = JSON.stringify({ update_id: updateId, ...body })
      repo.insertUpdate({ botId, updateId, type, chatId, payload, createdAt: now() })
      whyNot.logQueued(botId, updateId, type, chatId, messageId)
      return updateId
    },
    skipUpdate(botId, type, chatId, messageId, reason) {
      whyNot.logSkipped(botId, type, chatId, messageId, reason)
    },
    logs,
    whyNot,
    inlineQueryTimeoutMs: deps.inlineQueryTimeoutMs ?? 10_000,
    inlineWaiters: new Map(),
    updatesAdded(botId) {
      delivery.kick(botId)
      longPoll.notify(botId)
    },
    emitItem(row) {
      bus.emit({ type: 'simulator.message', chatId: row.chatId, item: transcriptItemOf(row) })
    },
  }
}
