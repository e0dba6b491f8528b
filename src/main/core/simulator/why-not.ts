import type { BotApiError } from './bot-api-error'
import type { SimLogRepo, UpdateLogRow, WhyNotReason, DeliveryStatus } from './sim-log-repo'
import type { BotRow, UpdateRow } from './sim-repo'

/**
 * "Why didn't my bot get this update?" Every update the simulator makes, or decides not to make, is logged
 * (sim_update_log) with what became of it. Reasons decided when the update is made (privacy mode,
 * allowed_updates, a user who blocked the bot, a bot not in the group) and webhook failures are stored as they
 * happen. For a polling bot nothing happens at the moment an update waits, so a pending update's reason is
 * worked out when it is read (no getUpdates lately, a 409 conflict, a flood wait), and stored once the bot
 * finally gets it late.
 *
 * Decision: "late" means, polling, received more than `lateAfterMs` (default 5 s) after it was made; by
 * webhook, received after at least one failed attempt. Telegram has no such notion; 5 s is far beyond a
 * healthy bot's polling gap.
 */
export interface WhyNotDeps {
  log: SimLogRepo
  now: () => number
  lateAfterMs: number
  /** Background write (bookkeeping nobody waits on). */
  writeBackground(fn: () => void): void
}

interface BotSignals {
  /** getUpdates calls being answered right now. */
  pollsOpen: number
  /** When the last getUpdates call started or ended (Unix ms). */
  lastPollAt: number | null
  conflict: { at: number; description: string } | null
  flood: { at: number; retryAfter: number; method: string } | null
}

export interface UpdateDelivery {
  status: DeliveryStatus
  reason: WhyNotReason | null
  /** One line: why, and the fix. Null when delivered on time (or pending for a moment). */
  line: string | null
}

const LOG_RETENTION_MS = 7 * 24 * 3600_000
const PRUNE_EVERY = 1000

const DEFAULT_ONLY_SKIPPED = 'chat_member, message_reaction and message_reaction_count'

const secs = (ms: number) => Math.max(1, Math.round(ms / 1000))

/** The one-line explanation with its fix, as the Simulator chat and the API show it. */
export function whyNotLine(reason: WhyNotReason, detail: string | null, type: string): string {
  switch (reason) {
    case 'privacy':
      return 'Privacy mode: in groups the bot gets only commands, mentions of it and replies to it — disable it in BotFather (/setprivacy) or with the Privacy mode switch.'
    case 'allowed_updates':
      return detail
        ? `Excluded by allowed_updates (${detail}) — add "${type}" to allowed_updates in getUpdates or setWebhook.`
        : `Excluded by the default allowed_updates (everything but ${DEFAULT_ONLY_SKIPPED}) — add "${type}" to allowed_updates in getUpdates or setWebhook.`
    case 'blocked':
      return 'The user blocked the bot: nothing they do reaches it until they unblock it (the Unblock button).'
    case 'not_member':
      return 'The bot is not a member of this group — add it back (Add bot in the members panel).'
    case 'webhook_failing':
      return `Webhook failing: ${detail ?? 'no answer'} — fix the endpoint; Telegram retries with backoff (getWebhookInfo shows last_error_message).`
    case 'not_polling':
      return `Polling bot not polling: no getUpdates for ${detail ?? '?'} s — start the bot (bot.start(), bot.launch()) or check that it has not crashed.`
    case 'conflict':
      return detail?.startsWith("can't use getUpdates")
        ? '409 Conflict: the bot polls getUpdates while a webhook is set — call deleteWebhook, or run the bot in webhook mode.'
        : '409 Conflict: another getUpdates call took over — run only one instance of the bot.'
    case 'flood_wait':
      return `Flood wait: ${detail ?? 'a call got 429'}; the bot waits before it polls again — send less (about 1 message/s per chat, 20/min per group, 30/s overall).`
  }
}

export function createWhyNot(deps: WhyNotDeps) {
  const { log, now, lateAfterMs } = deps
  const bots = new Map<number, BotSignals>()
  const signalsOf = (botId: number): BotSignals => {
    let s = bots.get(botId)
    if (!s) {
      s = { pollsOpen: 0, lastPollAt: null, conflict: null, flood: null }
      bots.set(botId, s)
    }
    return s
  }
  // The log keeps a week (Telegram keeps an update 24 h): pruned every PRUNE_EVERY entries, inside their write.
  let logged = 0
  const counted = () => {
    if (++logged % PRUNE_EVERY === 0) log.prune(now() - LOG_RETENTION_MS)
  }
  // A 409 or 429 explains waiting updates for this long after it was answered.
  const recentMs = Math.max(2 * lateAfterMs, 10_000)

  /**
   * Why an update made at `createdAt` is still waiting at `at` (or waited until then), for a bot without a
   * failing webhook attempt on it; null when nothing explains it yet.
   */
  function waitingReason(
    bot: BotRow,
    createdAt: number,
    at: number,
  ): { reason: WhyNotReason; detail: string | null } | null {
    const s = signalsOf(bot.id)
    if (s.conflict && s.conflict.at >= Math.min(createdAt, at - recentMs)) {
      return { reason: 'conflict', detail: s.conflict.description }
    }
    if (bot.webhookUrl) {
      return bot.lastErrorMessage ? { reason: 'webhook_failing', detail: bot.lastErrorMessage } : null
    }
    if (s.flood && s.flood.at + s.flood.retryAfter * 1000 + lateAfterMs >= createdAt && s.flood.at <= at) {
      return {
        reason: 'flood_wait',
        detail: `${s.flood.method} got 429 Too Many Requests: retry after ${s.flood.retryAfter}`,
      }
    }
    // A held getUpdates takes a new update at once: only a bot with none open for a while is not polling.
    if (at - createdAt <= lateAfterMs || s.pollsOpen > 0) return null
    if (s.lastPollAt !== null && at - s.lastPollAt <= lateAfterMs) return null
    return { reason: 'not_polling', detail: String(secs(at - (s.lastPollAt ?? createdAt))) }
  }

  return {
    pollStarted(botId: number) {
      const s = signalsOf(botId)
      s.pollsOpen++
      s.lastPollAt = now()
    },
    pollEnded(botId: number) {
      const s = signalsOf(botId)
      s.pollsOpen = Math.max(0, s.pollsOpen - 1)
      s.lastPollAt = now()
    },
    /** A Bot API call answered an error: 409 and 429 explain updates that wait. */
    noteError(botId: number, method: string, err: BotApiError) {
      if (err.code === 409) {
        signalsOf(botId).conflict = { at: now(), description: err.description.replace(/^Conflict: /, '') }
      }
      if (err.code === 429) {
        const retryAfter = Number(err.parameters?.retry_after ?? 1)
        signalsOf(botId).flood = { at: now(), retryAfter, method }
      }
    },

    /** Inside a write: an update was queued. */
    logQueued(botId: number, updateId: number, type: string, chatId: number, messageId: number | null) {
      counted()
      log.insertLog({
        botId,
        updateId,
        type,
        chatId,
        messageId,
        createdAt: now(),
        status: 'pending',
        reason: null,
        detail: null,
      })
    },
    /** Inside a write: an update was not made, and why. */
    logSkipped(
      botId: number,
      type: string,
      chatId: number,
      messageId: number | null,
      reason: WhyNotReason,
      detail: string | null = null,
    ) {
      counted()
      log.insertLog({
        botId,
        updateId: null,
        type,
        chatId,
        messageId,
        createdAt: now(),
        status: 'not_sent',
        reason,
        detail,
      })
    },
    /** Inside a write: a webhook attempt failed. */
    webhookFailed: (botId: number, updateId: number, error: string) => log.logFailure(botId, updateId, error),
    /** Inside a write: the webhook took it (late when an attempt failed before). */
    webhookDelivered(botId: number, updateId: number) {
      const row = log.logOf(botId, updateId)
      if (!row || row.deliveredAt !== null) return
      const at = now()
      // Late only after a failed attempt: an update that merely queued behind its chat's earlier ones (one at
      // a time per chat, as Telegram sends them) waited for the bot's own webhook, not for a fault.
      const late = row.failures > 0 ? { reason: 'webhook_failing' as const, detail: row.detail } : null
      log.logDelivered(botId, updateId, at, late)
    },
    /** getUpdates returned these: the first return counts as received, late with its reason if it waited. */
    polled(bot: BotRow, rows: readonly UpdateRow[]) {
      if (rows.length === 0) return
      const at = now()
      deps.writeBackground(() => {
        const fresh = log.undeliveredIds(
          bot.id,
          rows.map((r) => r.updateId),
        )
        for (const r of rows) {
          if (!fresh.has(r.updateId)) continue
          const waited = at - r.createdAt > lateAfterMs
          const why = waited ? (waitingReason(bot, r.createdAt, at) ?? notPolling(r.createdAt, at)) : null
          log.logDelivered(bot.id, r.updateId, at, why)
        }
      })
    },
    /** What an update's log row says, with a live reason for one still waiting. */
    view(row: UpdateLogRow, bot: BotRow | null): UpdateDelivery {
      if (row.status === 'pending' && row.queued === false) {
        // Left the queue without being received: dropped (drop_pending_updates, a negative offset, 24 h).
        return {
          status: 'not_sent',
          reason: null,
          line: 'Dropped before the bot got it: drop_pending_updates, a negative getUpdates offset, or older than 24 h.',
        }
      }
      if (row.status === 'pending') {
        // A 409 explains more than the webhook's failures (the bot should not be polling at all).
        const why =
          (bot ? waitingReason(bot, row.createdAt, now()) : null) ??
          (row.failures > 0 ? { reason: 'webhook_failing' as const, detail: row.detail } : null)
        return why
          ? { status: 'pending', reason: why.reason, line: whyNotLine(why.reason, why.detail, row.type) }
          : { status: 'pending', reason: null, line: null }
      }
      if (!row.reason) return { status: row.status, reason: null, line: null }
      const line = whyNotLine(row.reason, row.detail, row.type)
      if (row.status === 'late' && row.deliveredAt !== null) {
        return {
          status: 'late',
          reason: row.reason,
          line: `Received ${secs(row.deliveredAt - row.createdAt)} s late. ${line}`,
        }
      }
      return { status: row.status, reason: row.reason, line }
    },
  }

  function notPolling(createdAt: number, at: number) {
    return { reason: 'not_polling' as const, detail: String(secs(at - createdAt)) }
  }
}
export type WhyNot = ReturnType<typeof createWhyNot>
