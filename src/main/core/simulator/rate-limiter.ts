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

/**
 * `take()` records one message and answers 0, or answers the seconds to wait (and records nothing) when a
 * limit is reached.
 */
export function createRateLimiter(limits: RateLimits, now: () => number) {
  const buckets = new Map<number, { tokens: number; at: number }>()
  const groups = new Map<number, number[]>()
  const bots = new Map<number, number[]>()

  return {
    take(botId: number, chatId: number, isGroup: boolean): number {
      const t = now()
      const prev = buckets.get(chatId) ?? { tokens: limits.chatBurst, at: t }
      const tokens = Math.min(limits.chatBurst, prev.tokens + ((t - prev.at) / 1000) * limits.chatPerSecond)
      if (tokens < 1) return Math.max(1, Math.ceil((1 - tokens) / limits.chatPerSecond))
      const group = isGroup ? windowed(groups.get(chatId) ?? [], t, 60_000) : []
      if (isGroup && group.length >= limits.groupPerMinute)
        return Math.max(1, Math.ceil((group[0]! + 60_000 - t) / 1000))
      const bot = windowed(bots.get(botId) ?? [], t, 1000)
      if (bot.length >= limits.botPerSecond) return 1
      buckets.set(chatId, { tokens: tokens - 1, at: t })
      if (isGroup) groups.set(chatId, [...group, t])
      bots.set(botId, [...bot, t])
      return 0
    },
  }
}
export type RateLimiter = ReturnType<typeof createRateLimiter>
