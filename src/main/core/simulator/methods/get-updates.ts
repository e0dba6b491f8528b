import { conflict } from '../bot-api-error'
import { clamp, type BotMethod } from './method-types'
import { allowedUpdatesParam } from './webhook-methods'
import type { UpdateRow } from '../sim-repo'

/**
 * getUpdates (TELEGRAM.md §4 "Mutual exclusion"): refused while a webhook is set; `offset` confirms earlier
 * updates (a negative one keeps the last -offset); `timeout` holds the request until an update arrives.
 */
export const getUpdates: BotMethod = async ({ bot, p, ctx, signal }) => {
  if (bot.webhookUrl) {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    )
  }
  // Only when one is held: building the error (with its stack) on every poll showed in the bench's profile.
  if (ctx.longPoll.isHeld(bot.id)) {
    ctx.longPoll.terminate(
      bot.id,
      conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
    )
  }
  const offset = p.int('offset') ?? 0
  const limit = clamp(p.int('limit') ?? 100, 1, 100)
  const timeoutMs = clamp(p.int('timeout') ?? 0, 0, 50) * 1000
  const allowed = allowedUpdatesParam(p)
  const from = offset > 0 ? offset : offset < 0 ? (ctx.repo.nthNewestUpdateId(bot.id, -offset) ?? 0) : 0
  if (from > 0 || allowed !== undefined) {
    await ctx.write(() => {
      if (from > 0) ctx.repo.deleteUpdatesBefore(bot.id, from)
      if (allowed !== undefined) ctx.repo.setAllowedUpdates(bot.id, allowed)
    })
  }
  const started = ctx.now()
  // "Why didn't my bot get this?": when the bot polls, and which updates it received (why-not.ts).
  ctx.whyNot.pollStarted(bot.id)
  const answer = (rows: UpdateRow[]) => {
    ctx.whyNot.polled(bot, rows)
    return { resultJson: `[${rows.map((r) => r.payload).join(',')}]` }
  }
  try {
    for (;;) {
      const rows = ctx.repo.updatesFrom(bot.id, from, limit)
      const left = started + timeoutMs - ctx.now()
      if (rows.length > 0 || left <= 0 || signal.aborted) return answer(rows)
      const outcome = await ctx.longPoll.wait(bot.id, left, signal)
      if (outcome.kind === 'conflict') throw outcome.error
      if (outcome.kind === 'timeout') return answer(ctx.repo.updatesFrom(bot.id, from, limit))
    }
  } finally {
    ctx.whyNot.pollEnded(bot.id)
  }
}
