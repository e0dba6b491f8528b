import type { BotCall, ForwardingInput, ForwardingState } from '@shared/bot-loop'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { SecretStore } from '../settings'
import {
  badRequest,
  checkWebhookUrl,
  conflict,
  createLongPoll,
  createWebhookPoster,
  isAllowedUpdate,
  retryDelayMs,
  type BotApiError,
  type ParamReader,
  type PostOutcome,
  type WebhookPoster,
} from '../simulator'
import type { ForwardTargetRow, PendingUpdate, Store } from '../store'
import { updateFacts } from './update-facts'

/** The bot's webhook secret (its setWebhook secret_token, or the user's): in the secret store, never in SQLite. */
export const FORWARD_SECRET = 'forwarding.secretToken'

/** Telegram keeps an undelivered update for 24 hours (TELEGRAM.md §4 "Retention"). */
const UPDATE_TTL_MS = 24 * 60 * 60 * 1000
/** Stored but not yet queued updates queued at start, the newest first (start()). */
const START_CATCH_UP = 1000
/** What of the bot's answer an attempt keeps. */
const MAX_ANSWER_TEXT = 64 * 1024
/** Updates looked at per delivery round; the rest follow as these are delivered. */
const QUEUE_WINDOW = 1000
/** Callback query ids remembered (answerCallbackQuery has no chat_id: this maps it back to its chat). */
const MAX_QUERY_IDS = 10_000
const SECRET_TOKEN = /^[A-Za-z0-9_-]*$/

export interface Handed {
  updateId: number
  requestId: number | null
}

/** An intercepted method's success answer (Telegram's `result` and, for setWebhook, its description). */
export interface InterceptAnswer {
  result: unknown
  description?: string
  /** Recorded with the call: e.g. a setWebhook URL the real Telegram would refuse. */
  warning?: string | null
}

export interface ForwardingDeps {
  store: Store
  bus: EventBus
  log: Logger
  now: () => number
  secrets: SecretStore
  /** The bot Hookbench receives updates for (the connected bot), 0 when none is. */
  botId: () => number
  /** Milliseconds per backoff unit after a failed delivery (Telegram: 1000; tests use less). */
  retryBaseMs: number
  /** Runs a method call found in the bot's answer to a forwarded update, recorded as a `webhook-reply` call. */
  runReply: (botId: number, method: string, params: Record<string, unknown>) => Promise<BotCall | null>
}

/** The user:password in a URL is shown and recorded masked. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url)
    if (!u.password) return url
    u.password = '***'
    return u.toString()
  } catch {
    return url
  }
}

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max)

function allowedParam(p: ParamReader): string[] | undefined {
  if (!p.has('allowed_updates')) return undefined
  const value = p.json('allowed_updates', 'allowed_updates')
  if (value === undefined) return []
  if (!Array.isArray(value)) throw badRequest("can't parse allowed_updates JSON object")
  return value.filter((v): v is string => typeof v === 'string')
}

/** Host names are not looked up for the warning: only what Telegram would refuse without the network. */
const offlineResolve = async (host: string): Promise<string[]> =>
  host === 'localhost' || host.endsWith('.localhost') ? ['127.0.0.1'] : ['149.154.167.220']

/** Why the real Telegram would refuse `url` in setWebhook, or null. */
async function cloudRefusal(url: string): Promise<string | null> {
  try {
    await checkWebhookUrl(url, { strict: true, ipAddress: undefined, resolve: offlineResolve })
    return null
  } catch (err) {
    return `Telegram would refuse this URL (${(err as BotApiError).description}); Hookbench forwards to it anyway`
  }
}

/**
 * Update forwarding (docs/bot-in-the-loop.md): every Telegram update Hookbench receives is queued for the
 * developer's own bot; with a forward target (the bot's setWebhook, or the user's) it is posted there the way
 * Telegram posts (one at a time per chat in update_id order, chats in parallel up to max_connections, retried
 * with Telegram's backoff); without one the bot takes it with getUpdates. The queue is in SQLite, so a restart
 * resumes where it stopped; requests stored while the process was down are queued at start.
 */
export function createForwarding(deps: ForwardingDeps) {
  const { store, bus, log, now, secrets } = deps
  const repo = store.botLoop
  const longPoll = createLongPoll()
  const handed = new Map<number, Handed>()
  const queryChats = new Map<string, number>()
  const inflight = new Map<string, number>()
  const failures = new Map<number, { count: number; nextAt: number }>()
  const posters: WebhookPoster[] = []
  let poster: { timeoutMs: number; post: WebhookPoster } | null = null
  let timer: NodeJS.Timeout | null = null
  let closed = false
  let seenRequestId = repo.lastQueuedRequestId()
  let ingesting: Promise<void> = Promise.resolve()
  let ingestQueued = false
  let stopListening: () => void = () => undefined

  const write = <T>(fn: () => T): Promise<T> => store.writer.write(fn)
  /** When the bot last asked for updates (getUpdates through the proxy); in memory: it says "polling now". */
  let lastPollMs: number | null = null

  function state(): ForwardingState {
    const t = repo.target()
    return {
      mode: t.url ? 'webhook' : 'polling',
      url: t.url ? maskUrl(t.url) : null,
      hasSecretToken: secrets.has(FORWARD_SECRET),
      timeoutMs: t.timeoutMs,
      maxConnections: t.maxConnections,
      allowedUpdates: t.allowedUpdates,
      setBy: t.setBy,
      pendingCount: repo.pendingCount(deps.botId()),
      lastErrorAt: t.lastErrorMs === null ? null : new Date(t.lastErrorMs).toISOString(),
      lastErrorMessage: t.lastErrorMessage,
      lastPollAt: lastPollMs === null ? null : new Date(lastPollMs).toISOString(),
    }
  }
  const changed = () => bus.emit({ type: 'forwarding.changed', forwarding: state() })

  function remember(update: {
    chatId: number | null
    updateId: number
    requestId: number | null
    payload: string
  }) {
    if (update.chatId !== null)
      handed.set(update.chatId, { updateId: update.updateId, requestId: update.requestId })
    try {
      const body = JSON.parse(update.payload) as Record<string, { id?: unknown } | undefined>
      const queryId = body.callback_query?.id ?? body.inline_query?.id
      if (typeof queryId === 'string' && update.chatId !== null) {
        if (queryChats.size >= MAX_QUERY_IDS) queryChats.delete(queryChats.keys().next().value!)
        queryChats.set(queryId, update.chatId)
      }
    } catch {
      // queued payloads are JSON; nothing to remember otherwise
    }
  }

  /**
   * Queues the updates of requests stored after the last one looked at, a batch of 200 per write. Calls while a
   * run is queued and not started yet share it (each received update calls this: under load one run takes many).
   */
  function ingest(): Promise<void> {
    if (ingestQueued) return ingesting
    ingestQueued = true
    ingesting = ingesting.then(async () => {
      ingestQueued = false
      for (;;) {
        const rows = repo.updateRequestsAfter(seenRequestId, 200)
        if (rows.length === 0) return
        const botId = deps.botId()
        seenRequestId = rows[rows.length - 1]!.id
        const updates = rows.flatMap((row) => {
          let body: unknown
          try {
            body = JSON.parse(row.body ?? '')
          } catch {
            return []
          }
          const facts = updateFacts(body)
          return facts
            ? [{ ...facts, requestId: row.id, botId, payload: row.body!, receivedMs: row.receivedMs }]
            : []
        })
        const added = await write(() => updates.flatMap((u) => repo.insertUpdate(u) ?? []))
        for (const update of added) bus.emit({ type: 'update.queued', update })
        longPoll.notify(botId)
        pump()
      }
    })
    ingesting = ingesting.catch((err: unknown) => log.error({ err }, 'queueing updates for the bot failed'))
    return ingesting
  }

  function posterFor(timeoutMs: number): WebhookPoster {
    if (poster?.timeoutMs !== timeoutMs) {
      poster = { timeoutMs, post: createWebhookPoster(timeoutMs) }
      posters.push(poster.post)
    }
    return poster.post
  }

  const laneOf = (u: PendingUpdate) => (u.chatId === null ? 'none' : String(u.chatId))

  function pump(): void {
    if (closed) return
    if (timer) clearTimeout(timer)
    timer = null
    const target = repo.target()
    if (!target.url) return
    const botId = deps.botId()
    const at = now()
    let wakeAt = Infinity
    const seen = new Set<string>()
    for (const u of repo.pending(botId, QUEUE_WINDOW)) {
      const lane = laneOf(u)
      if (seen.has(lane)) continue
      seen.add(lane)
      if (inflight.has(lane)) continue
      if (inflight.size >= target.maxConnections) break
      const f = failures.get(u.updateId)
      if (f && f.nextAt > at) {
        wakeAt = Math.min(wakeAt, f.nextAt)
        continue
      }
      inflight.set(lane, u.updateId)
      deliver(botId, target, u)
        .catch((err: unknown) => log.error({ err }, 'forwarding an update failed unexpectedly'))
        .finally(() => {
          inflight.delete(lane)
          pump()
        })
    }
    if (wakeAt < Infinity) timer = setTimeout(pump, Math.max(0, wakeAt - at)).unref()
  }

  async function deliver(botId: number, target: ForwardTargetRow, u: PendingUpdate): Promise<void> {
    const url = target.url!
    const started = now()
    // Handed over as it is posted: the bot's calls while it handles the update answer this update.
    remember(u)
    const outcome: PostOutcome = await posterFor(target.timeoutMs).post(
      { url, secret: secrets.get(FORWARD_SECRET) ?? null, certificate: null, fixedIp: null },
      u.payload,
    )
    if (closed) return
    const at = now()
    const body = outcome.body ?? Buffer.alloc(0)
    const attempt = await write(() => {
      if (outcome.ok) repo.markDelivered(botId, u.updateId, at)
      else repo.setTarget({ ...repo.target(), lastErrorMs: at, lastErrorMessage: outcome.error })
      return repo.insertAttempt({
        botId,
        timeMs: at,
        updateId: u.updateId,
        requestId: u.requestId,
        chatId: u.chatId,
        attempt: u.attempts + 1,
        url: maskUrl(url),
        status: outcome.ok ? outcome.status : (outcome.status ?? null),
        durationMs: at - started,
        responseBody: body.length > 0 ? body.subarray(0, MAX_ANSWER_TEXT).toString('utf8') : null,
        responseTruncated: body.length > MAX_ANSWER_TEXT,
        error: outcome.ok ? null : outcome.error,
        delivered: outcome.ok,
        replyCallId: null,
      })
    })
    bus.emit({ type: 'forward.attempted', attempt })
    if (!outcome.ok) {
      const count = (failures.get(u.updateId)?.count ?? 0) + 1
      failures.set(u.updateId, {
        count,
        nextAt: at + retryDelayMs(count, outcome.retryAfterSec, deps.retryBaseMs),
      })
      changed()
      return
    }
    failures.delete(u.updateId)
    changed()
    const call = await replyOf(botId, outcome)
    if (call) {
      await write(() => repo.setReplyCall(attempt.id, call.id))
      bus.emit({ type: 'forward.attempted', attempt: { ...attempt, replyCallId: call.id } })
    }
  }

  /** A method call in the bot's answer (TELEGRAM.md §4 "Replying inside the webhook response"). */
  async function replyOf(
    botId: number,
    outcome: Extract<PostOutcome, { ok: true }>,
  ): Promise<BotCall | null> {
    if (!/json/i.test(outcome.contentType) || outcome.body.length === 0) return null
    let answer: unknown
    try {
      answer = JSON.parse(outcome.body.toString('utf8'))
    } catch {
      return null
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return null
    const { method, ...params } = answer as Record<string, unknown>
    if (typeof method !== 'string' || !method) return null
    return deps.runReply(botId, method, params)
  }

  async function setTarget(next: ForwardTargetRow, secret: string | null | undefined): Promise<void> {
    if (secret === null || secret === '') secrets.delete(FORWARD_SECRET)
    else if (secret !== undefined) secrets.set(FORWARD_SECRET, secret)
    await write(() => repo.setTarget(next))
    failures.clear()
    if (next.url) longPoll.terminate(deps.botId(), conflict('terminated by setWebhook request'))
    changed()
    pump()
  }

  return {
    state,
    ingest,
    /** The latest update handed to the bot for this chat (what a call to that chat answers). */
    handedFor(chatId: number | null, queryId?: string): Handed | null {
      const chat = chatId ?? (queryId !== undefined ? (queryChats.get(queryId) ?? null) : null)
      return chat === null ? null : (handed.get(chat) ?? null)
    },
    /** The chat a callback or inline query came from. */
    chatOfQuery: (queryId: string): number | null => queryChats.get(queryId) ?? null,

    /** The user's forward target (API, UI, `--forward-to`). */
    async setByUser(input: ForwardingInput): Promise<ForwardingState> {
      const t = repo.target()
      const url = input.url ? input.url : null
      await setTarget(
        {
          ...t,
          url,
          timeoutMs: input.timeoutMs ?? t.timeoutMs,
          maxConnections: input.maxConnections ?? t.maxConnections,
          setBy: url ? 'user' : null,
          lastErrorMs: null,
          lastErrorMessage: null,
        },
        url ? input.secretToken : null,
      )
      return state()
    },

    /** The bot's setWebhook, answered by Hookbench: its URL becomes the forward target. */
    async setWebhook(p: ParamReader): Promise<InterceptAnswer> {
      const url = (p.str('url') ?? '').trim()
      const secret = p.str('secret_token') ?? ''
      if (secret.length > 256) throw badRequest('secret token is too long')
      if (!SECRET_TOKEN.test(secret)) throw badRequest('secret token contains unallowed characters')
      const dropPending = p.bool('drop_pending_updates')
      const allowed = allowedParam(p)
      if (!url) return this.deleteWebhook(dropPending)
      const checked = await checkWebhookUrl(url, {
        strict: false,
        ipAddress: undefined,
        resolve: offlineResolve,
      })
      const t = repo.target()
      const maxConnections = clamp(p.int('max_connections') ?? 40, 1, 100)
      const unchanged =
        t.url === checked.url &&
        (secrets.get(FORWARD_SECRET) ?? '') === secret &&
        t.maxConnections === maxConnections &&
        (allowed === undefined || JSON.stringify(allowed) === JSON.stringify(t.allowedUpdates ?? []))
      const botId = deps.botId()
      if (dropPending) await write(() => repo.dropPending(botId, now()))
      const allowedUpdates = allowed === undefined ? t.allowedUpdates : allowed
      if (allowed !== undefined && allowed.length > 0) {
        await write(() => repo.dropTypesNotIn(botId, (type) => isAllowedUpdate(allowed, type), now()))
      }
      const warning = await cloudRefusal(checked.url)
      if (unchanged) {
        changed()
        return { result: true, description: 'Webhook is already set', warning }
      }
      await setTarget(
        {
          ...t,
          url: checked.url,
          maxConnections,
          allowedUpdates,
          setBy: 'bot',
          lastErrorMs: null,
          lastErrorMessage: null,
        },
        secret || null,
      )
      return { result: true, description: 'Webhook was set', warning }
    },

    /** The bot's deleteWebhook: forwarding stops, updates wait for getUpdates. */
    async deleteWebhook(dropPending: boolean): Promise<InterceptAnswer> {
      const t = repo.target()
      const had = t.url !== null
      if (dropPending) await write(() => repo.dropPending(deps.botId(), now()))
      if (had)
        await setTarget({ ...t, url: null, setBy: null, lastErrorMs: null, lastErrorMessage: null }, null)
      else changed()
      return { result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' }
    },

    /** The bot's getWebhookInfo: its own URL, what waits for it, the last forwarding error. */
    webhookInfo(): InterceptAnswer {
      const t = repo.target()
      const info: Record<string, unknown> = {
        url: t.url ?? '',
        has_custom_certificate: false,
        pending_update_count: repo.pendingCount(deps.botId()),
      }
      if (t.url && t.lastErrorMs !== null) {
        info.last_error_date = Math.floor(t.lastErrorMs / 1000)
        info.last_error_message = t.lastErrorMessage ?? ''
      }
      if (t.url) info.max_connections = t.maxConnections
      if (t.allowedUpdates && t.allowedUpdates.length > 0) info.allowed_updates = t.allowedUpdates
      return { result: info }
    },

    /** The bot's getUpdates, served from the queue (TELEGRAM.md §4 "Mutual exclusion", offsets, long poll). */
    async getUpdates(p: ParamReader, signal: AbortSignal): Promise<InterceptAnswer> {
      const botId = deps.botId()
      const first = lastPollMs === null
      lastPollMs = now()
      if (first) changed()
      if (repo.target().url) {
        throw conflict(
          "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        )
      }
      longPoll.terminate(
        botId,
        conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
      )
      const offset = p.int('offset') ?? 0
      const limit = clamp(p.int('limit') ?? 100, 1, 100)
      const timeoutMs = clamp(p.int('timeout') ?? 0, 0, 50) * 1000
      const allowed = allowedParam(p)
      const at = now()
      const from = offset > 0 ? offset : offset < 0 ? (repo.nthNewestPending(botId, -offset) ?? 0) : 0
      await write(() => {
        if (from > 0) repo.confirmBefore(botId, from, at)
        repo.dropReceivedBefore(botId, at - UPDATE_TTL_MS, at)
        if (allowed !== undefined) {
          repo.setTarget({ ...repo.target(), allowedUpdates: allowed })
          if (allowed.length > 0) repo.dropTypesNotIn(botId, (type) => isAllowedUpdate(allowed, type), at)
        }
      })
      if (from > 0) changed()
      const started = now()
      for (;;) {
        const rows = repo.pending(botId, limit, from)
        const left = started + timeoutMs - now()
        if (rows.length > 0 || left <= 0 || signal.aborted) {
          rows.forEach(remember)
          return { result: rows.map((r) => JSON.parse(r.payload) as unknown) }
        }
        // Between this request's start and now another may have arrived: one held request per bot.
        longPoll.terminate(
          botId,
          conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
        )
        const outcome = await longPoll.wait(botId, left, signal)
        if (outcome.kind === 'conflict') throw outcome.error
        if (outcome.kind === 'timeout') {
          const last = repo.pending(botId, limit, from)
          last.forEach(remember)
          return { result: last.map((r) => JSON.parse(r.payload) as unknown) }
        }
      }
    },

    /** Answers held getUpdates requests (empty) and holds no new ones: the server is closing. */
    releasePolls: () => longPoll.close(),

    /**
     * Starts: queues what was stored but not queued (a crash between the two), resumes delivery. At most the
     * newest START_CATCH_UP of them, and none older than Telegram keeps an update for a bot (24 h): a data dir
     * with a long history from before forwarding (or filled by other means) would otherwise queue, and copy,
     * every update it ever stored — 1M of them held the start for over a minute.
     */
    start(): Promise<void> {
      const floor = repo.catchUpFloor(seenRequestId, START_CATCH_UP, now() - UPDATE_TTL_MS)
      if (floor > seenRequestId) {
        log.info({ skippedThrough: floor }, 'older stored updates were not queued for the bot')
        seenRequestId = floor
      }
      stopListening = bus.onType('request.received', (e) => {
        if (e.request.updateId !== null && e.request.duplicateOf === null && e.request.status < 300)
          void ingest()
      })
      return ingest().then(pump)
    },
    async close(): Promise<void> {
      closed = true
      stopListening()
      if (timer) clearTimeout(timer)
      longPoll.close()
      await ingesting
      for (const p of posters) p.close()
    },
  }
}
export type Forwarding = ReturnType<typeof createForwarding>
