/** Updates wait at most 24 hours after their date (TELEGRAM.md §4 "Retention"). */
export const UPDATE_TTL_MS = 24 * 60 * 60 * 1000

/** Longest `Retry-After` a bot may ask for, in seconds. */
const MAX_RETRY_AFTER_SEC = 3600

/**
 * Delay before the next attempt after `failures` consecutive failures of one update (TELEGRAM.md §4): the
 * first retry at once, then 2, 4, 8 … 64 units, then a random 60–120. The bot's own `Retry-After`
 * (clamped to 0–3600) overrides. A unit is `baseMs` (1000 = Telegram's seconds; tests use less).
 */
export function retryDelayMs(
  failures: number,
  retryAfterSec: number | null,
  baseMs: number,
  random: () => number = Math.random,
): number {
  if (retryAfterSec !== null) return Math.min(Math.max(retryAfterSec, 0), MAX_RETRY_AFTER_SEC) * baseMs
  if (failures <= 1) return 0
  const doubled = 2 ** (failures - 1)
  if (doubled <= 64) return doubled * baseMs
  return Math.round((60 + random() * 60) * baseMs)
}

/** An update is dropped when its next attempt would come after it expires. */
export const isExpiredAt = (createdAtMs: number, atMs: number): boolean => atMs > createdAtMs + UPDATE_TTL_MS
