import type { SimWebhookAttempt } from '@shared/simulator'
import type { Logger } from '../../log'
import type { Writer } from '../../store/writer'
import { effectiveMaxConnections, type BotRow, type SimRepo, type UpdateRow } from '../sim-repo'
import type { AttemptRow, AttemptsRepo } from './attempts-repo'
import { isExpiredAt, retryDelayMs } from './retry-policy'
import type { PostOutcome, PostTarget, WebhookPoster } from './webhook-post'

export interface DeliveryDeps {
  repo: SimRepo
  /** Where each attempt is recorded (the Simulator page's Webhook panel, GET /api/simulator/bots/:id/webhook). */
  attempts: AttemptsRepo
  /** An attempt was recorded (after its write committed): the `simulator.webhookAttempted` event. */
  onAttempt?: (attempt: SimWebhookAttempt) => void
  writer: Writer
  log: Logger
  now: () => number
  poster: WebhookPoster
  /** Milliseconds per backoff unit (Telegram: 1000). */
  retryBaseMs: number
  /** A 2xx answer came back: it may carry a method call to run (TELEGRAM.md §4 "Replying inside …"). */
  onAnswer: (botId: number, answer: Extract<PostOutcome, { ok: true }>) => void
  random?: () => number
  /** Strict (cloud) or relaxed mode: the default max_connections is 40 or 100. */
  strict?: () => boolean
  /** Inside the same writes: the update log of "why didn't my bot get this?" (why-not.ts). */
  record?: {
    delivered(botId: number, updateId: number): void
    failed(botId: number, updateId: number, error: string): void
  }
}

interface BotState {
  /** Chat id → the update in flight for it: one at a time per chat, in update_id order. */
  inflight: Map<number, number>
  /** Update id → failures so far and when it may be tried again. */
  attempts: Map<number, { failures: number; nextAt: number }>
  timer: NodeJS.Timeout | null
}

const targetOf = (bot: BotRow): PostTarget => ({
  url: bot.webhookUrl,
  secret: bot.webhookSecret,
  certificate: bot.webhookCertificate,
  fixedIp: bot.webhookFixedIp ? bot.webhookIpAddress : null,
})

/**
 * Webhook delivery (TELEGRAM.md §4): pending updates live in sim_updates; per chat they go one at a time in
 * update_id order, chats in parallel up to max_connections. A failure records last_error_* and retries with
 * backoff; an update older than 24 h is dropped.
 */
export function createWebhookDelivery(deps: DeliveryDeps) {
  const { repo, writer, log, now, poster } = deps
  const bots = new Map<number, BotState>()
  let closed = false

  const stateOf = (botId: number): BotState => {
    let st = bots.get(botId)
    if (!st) {
      st = { inflight: new Map(), attempts: new Map(), timer: null }
      bots.set(botId, st)
    }
    return st
  }

  const write = <T>(fn: () => T): Promise<T | undefined> =>
    closed ? Promise.resolve(undefined) : writer.write(fn).catch(() => undefined)

  /** A bug in delivery must not hold its chat forever: log it and free the chat for the next kick. */
  const track = (work: Promise<void>, botId: number, chatId: number) =>
    work.catch((err: unknown) => {
      if (closed) return
      log.error({ err, botId }, 'simulator webhook delivery failed unexpectedly')
      stateOf(botId).inflight.delete(chatId)
    })

  function pump(botId: number): void {
    if (closed) return
    const st = stateOf(botId)
    if (st.timer) clearTimeout(st.timer)
    st.timer = null
    const bot = repo.bot(botId)
    if (!bot?.webhookUrl) return
    const maxConnections = effectiveMaxConnections(bot.maxConnections, deps.strict?.() ?? true)
    const at = now()
    let wakeAt = Infinity
    for (const head of repo.chatHeads(botId)) {
      if (st.inflight.size >= maxConnections) break
      if (st.inflight.has(head.chatId)) continue
      const attempt = st.attempts.get(head.updateId)
      if (attempt && attempt.nextAt > at) {
        wakeAt = Math.min(wakeAt, attempt.nextAt)
        continue
      }
      st.inflight.set(head.chatId, head.updateId)
      const work = isExpiredAt(head.createdAt, at) ? finish(botId, head, 'drop') : deliver(bot, head)
      void track(work, botId, head.chatId)
    }
    if (wakeAt < Infinity) st.timer = setTimeout(() => pump(botId), Math.max(0, wakeAt - at)).unref()
  }

  /**
   * Removes the update (delivered or dropped), records the attempt that ended it (if any), then frees its chat
   * for the next one.
   */
  async function finish(
    botId: number,
    head: UpdateRow,
    why: 'delivered' | 'drop' | 'retry',
    attempt?: AttemptRow,
    lastError?: { dateSec: number; message: string },
  ) {
    const st = stateOf(botId)
    const saved = await write(() => {
      if (lastError) {
        repo.setLastError(botId, lastError.dateSec, lastError.message)
        deps.record?.failed(botId, head.updateId, lastError.message)
      }
      if (why !== 'retry') repo.deleteUpdate(botId, head.updateId)
      if (why === 'delivered') deps.record?.delivered(botId, head.updateId)
      return attempt ? deps.attempts.insert(attempt) : undefined
    })
    if (why !== 'retry') {
      st.attempts.delete(head.updateId)
      if (why === 'drop') log.debug({ botId, updateId: head.updateId }, 'simulator dropped an expired update')
    }
    if (saved) deps.onAttempt?.(saved)
    st.inflight.delete(head.chatId)
    pump(botId)
  }

  async function deliver(bot: BotRow, head: UpdateRow): Promise<void> {
    const st = stateOf(bot.id)
    const failuresBefore = st.attempts.get(head.updateId)?.failures ?? 0
    const startedAt = now()
    const outcome = await poster.post(targetOf(bot), head.payload)
    if (closed) return
    const at = now()
    const attempt: AttemptRow = {
      botId: bot.id,
      updateId: head.updateId,
      chatId: head.chatId,
      attempt: failuresBefore + 1,
      startedAt,
      durationMs: at - startedAt,
      status: outcome.status ?? null,
      error: null,
      outcome: 'delivered',
      retryAt: null,
    }
    if (outcome.ok) {
      await finish(bot.id, head, 'delivered', attempt)
      deps.onAnswer(bot.id, outcome)
      return
    }
    const failures = failuresBefore + 1
    const nextAt = at + retryDelayMs(failures, outcome.retryAfterSec, deps.retryBaseMs, deps.random)
    log.debug(
      { botId: bot.id, updateId: head.updateId, failures, error: outcome.error },
      'webhook delivery failed',
    )
    const lastError = { dateSec: Math.floor(at / 1000), message: outcome.error }
    const failed = { ...attempt, error: outcome.error }
    if (isExpiredAt(head.createdAt, nextAt)) {
      return finish(bot.id, head, 'drop', { ...failed, outcome: 'dropped' }, lastError)
    }
    st.attempts.set(head.updateId, { failures, nextAt })
    return finish(bot.id, head, 'retry', { ...failed, outcome: 'retry', retryAt: nextAt }, lastError)
  }

  return {
    /** New updates, or a new webhook: deliver what is due. */
    kick: (botId: number) => pump(botId),
    /** The webhook changed (or was deleted): forget retry state so the next attempt is immediate. */
    reset(botId: number) {
      const st = stateOf(botId)
      st.attempts.clear()
      pump(botId)
    },
    /** Starts delivery for every bot that has a webhook (after a restart). */
    resume() {
      for (const bot of repo.botsWithWebhook()) pump(bot.id)
    },
    close() {
      closed = true
      for (const st of bots.values()) if (st.timer) clearTimeout(st.timer)
      poster.close()
    },
  }
}
export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>
