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
import { simBotName, simBotUsername, type TgObject } from './telegram-objects'
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
  /** Inside a write: queues an update unless allowed_updates filters its type. Returns its update_id. */
  addUpdate(botId: number, type: string, chatId: number, body: TgObject): number | null
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
  const log = deps.log
  const write = <T>(fn: () => T) => store.writer.write(fn)
  const delivery = createWebhookDelivery({
    repo,
    writer: store.writer,
    log,
    now,
    poster: createWebhookPoster(deps.webhookTimeoutMs ?? 60_000),
    retryBaseMs: deps.retryBaseMs ?? 1000,
    onAnswer,
    strict: deps.strict,
  })
  const longPoll = createLongPoll()

  async function findBot(
    token: string,
    create: boolean,
  ): Promise<BotRow | 'malformed' | 'mismatch' | 'unknown'> {
    const m = BOT_TOKEN.exec(token)
    if (!m) return 'malformed'
    const id = Number(m[1])
    const hash = sha256(token)
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
    files: createFilesRepo(store.db),
    log,
    now,
    strict: deps.strict,
    resolveHost: deps.resolveHost ?? resolveWithDns,
    delivery,
    longPoll,
    limiter: createRateLimiter({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimits }, now),
    callbacks: new Map(),
    commands: new Map(),
    lastSetWebhookAt: new Map(),
    write,
    botForToken: (token) => findBot(token, deps.createBotsOnFirstUse?.() ?? false),
    // With create, findBot never answers 'unknown'.
    createBotForToken: (token) => findBot(token, true) as Promise<BotRow | 'malformed' | 'mismatch'>,
    addUpdate(botId, type, chatId, body) {
      const bot = repo.bot(botId)
      if (!bot || !isAllowedUpdate(bot.allowedUpdates, type)) return null
      const updateId = repo.nextUpdateId(botId)
      const payload = JSON.stringify({ update_id: updateId, ...body })
      repo.insertUpdate({ botId, updateId, type, chatId, payload, createdAt: now() })
      return updateId
    },
    updatesAdded(botId) {
      delivery.kick(botId)
      longPoll.notify(botId)
    },
    emitItem(row) {
      bus.emit({ type: 'simulator.message', chatId: row.chatId, item: transcriptItemOf(row) })
    },
  }
}
