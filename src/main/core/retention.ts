import type { EventBus } from './events'
import type { Logger } from './log'
import type { SettingsService } from './settings'
import type { Store } from './store'

const DAY_MS = 24 * 60 * 60 * 1000
/**
 * Deletes in chunks so a large clean-up never holds the writer, or the event loop, for long: a request costs
 * ~150 µs to delete (its trigram index entries, its message and body); chunks of 5,000 held the loop ~780 ms
 * each at 1M stored requests. A chunk is a background write (writer.ts): webhooks are acknowledged first.
 */
const CHUNK = 250

export interface Retention {
  /** Applies the retention settings now; returns how many requests were deleted. */
  runOnce(): Promise<number>
  readonly last: { at: string; deleted: number } | null
  stop(): void
}

/**
 * Retention (max rows / max age) runs in the background every `intervalMs` and at start. It is never silent:
 * each run that deletes anything is logged and emitted as `retention.applied`, and shows in getStatus.
 */
export function createRetention(
  store: Store,
  settings: SettingsService,
  bus: EventBus,
  log: Logger,
  now: () => number,
  intervalMs = 60_000,
): Retention {
  let last: Retention['last'] = null
  let running = false
  const chunked = async (sqlWhere: string, params: (string | number)[]) => {
    let total = 0
    for (;;) {
      const n = await store.writer.write(
        () =>
          store.requests.deleteWhere(
            `WHERE id IN (SELECT id FROM requests ${sqlWhere} ORDER BY id LIMIT ${CHUNK})`,
            params,
          ),
        'background',
      )
      total += n
      if (n < CHUNK) return total
    }
  }
  const runOnce = async () => {
    if (running) return 0
    running = true
    try {
      const { maxRows, maxAgeDays } = settings.get().retention
      let deleted = 0
      if (maxAgeDays > 0) deleted += await chunked('WHERE received_at < ?', [now() - maxAgeDays * DAY_MS])
      if (maxRows > 0) {
        const excess = store.requests.count() - maxRows
        if (excess > 0) {
          const cutoff = store.db
            .prepare('SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET ?')
            .get(excess) as { id: number } | undefined
          if (cutoff) deleted += await chunked('WHERE id < ?', [cutoff.id])
        }
      }
      if (deleted > 0) {
        last = { at: new Date(now()).toISOString(), deleted }
        log.info({ deleted, maxRows, maxAgeDays }, 'retention deleted old requests')
        bus.emit({ type: 'retention.applied', ...last })
      }
      return deleted
    } finally {
      running = false
    }
  }
  // A retention change applies at once, not at the next tick.
  bus.onType('settings.changed', () => {
    runOnce().catch((err: unknown) => log.error({ err }, 'retention failed'))
  })
  const timer = setInterval(() => {
    runOnce().catch((err: unknown) => log.error({ err }, 'retention failed'))
  }, intervalMs)
  timer.unref()
  return {
    runOnce,
    get last() {
      return last
    },
    stop: () => clearInterval(timer),
  }
}
