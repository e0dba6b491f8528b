/**
 * Flood limits (TELEGRAM.md §7). Telegram publishes guidance, not contracts; these follow it: about one message
 * per second per chat with bursts allowed, 20 per minute per group, 30 per second per bot.
 */
export interface RateLimits {
  /** Messages one chat may take in a burst before the per-second rate applies. */
  chatBurst: number
  chatPerSecond: number
  groupPerMinute: number
  botPerSecond: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  chatBurst: 20,
  chatPerSecond: 1,
  groupPerMinute: 20,
  botPerSecond: 30,
}

/** Timestamps within a sliding window. */
function windowed(times: number[], nowMs: number, windowMs: number): number[] {
  let i = 0
  while (i < times.length && times[i]! <= nowMs - windowMs) i++
  return i ? times.slice(i) : times
}

/** Whole seconds until `ms` has passed, at least 1 (Telegram's retry_after is a positive integer). */
const secondsFor = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

/**
 * `take()` records one message and answers 0, or answers the seconds to wait (and records nothing) when a
 * limit is reached: the longest wait of the limits that are hit, so that retrying after exactly retry_after
 * seconds succeeds (a group past 20 a minute waits for the minute, not for the per-chat second). While
 * `enabled()` is false (the `simulatorFloodLimits` setting off) every message passes and none is counted.
 */
export function createRateLimiter(
  limits: RateLimits,
  now: () => number,
  enabled: () => boolean = () => true,
) {
  const buckets = new Map<number, { tokens: number; at: number }>()
  const groups = new Map<number, number[]>()
  const bots = new Map<number, number[]>()

  return {
    take(botId: number, chatId: number, isGroup: boolean): number {
      if (!enabled()) return 0
      const t = now()
      const prev = buckets.get(chatId) ?? { tokens: limits.chatBurst, at: t }
      const tokens = Math.min(limits.chatBurst, prev.tokens + ((t - prev.at) / 1000) * limits.chatPerSecond)
      const group = isGroup ? windowed(groups.get(chatId) ?? [], t, 60_000) : []
      const bot = windowed(bots.get(botId) ?? [], t, 1000)
      let waitMs = 0
      if (tokens < 1) waitMs = ((1 - tokens) / limits.chatPerSecond) * 1000
      if (isGroup && group.length >= limits.groupPerMinute) {
        // The oldest message that must leave the minute before one more fits.
        waitMs = Math.max(waitMs, group[group.length - limits.groupPerMinute]! + 60_000 - t)
      }
      if (bot.length >= limits.botPerSecond) {
        waitMs = Math.max(waitMs, bot[bot.length - limits.botPerSecond]! + 1000 - t)
      }
      if (waitMs > 0) return secondsFor(waitMs)
      buckets.set(chatId, { tokens: tokens - 1, at: t })
      if (isGroup) groups.set(chatId, [...group, t])
      bots.set(botId, [...bot, t])
      return 0
    },
  }
}
export type RateLimiter = ReturnType<typeof createRateLimiter>
