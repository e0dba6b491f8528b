import type { BotApiError } from './bot-api-error'

/** How a held getUpdates ended: new updates, its timeout, a conflict, or the server closing. */
export type WaitResult = { kind: 'updates' } | { kind: 'timeout' } | { kind: 'conflict'; error: BotApiError }

interface Waiter {
  resolve: (r: WaitResult) => void
}

/**
 * Held getUpdates requests, at most one per bot (TELEGRAM.md §1: a second caller ends the first with 409).
 * Everything is in memory; timers are unref()ed and released by close().
 */
export function createLongPoll() {
  const waiters = new Map<number, Waiter>()
  let closed = false

  const settle = (botId: number, result: WaitResult) => {
    const w = waiters.get(botId)
    if (!w) return
    waiters.delete(botId)
    w.resolve(result)
  }

  return {
    /** Holds until an update arrives for `botId`, `timeoutMs` passes, the client leaves or a conflict ends it. */
    wait(botId: number, timeoutMs: number, signal: AbortSignal): Promise<WaitResult> {
      return new Promise((resolve) => {
        let timer: NodeJS.Timeout | null = null
        const waiter: Waiter = {
          resolve(result) {
            if (timer) clearTimeout(timer)
            signal.removeEventListener('abort', onAbort)
            resolve(result)
          },
        }
        const onAbort = () => {
          if (waiters.get(botId) === waiter) settle(botId, { kind: 'timeout' })
        }
        if (signal.aborted || closed) return resolve({ kind: 'timeout' })
        waiters.set(botId, waiter)
        signal.addEventListener('abort', onAbort)
        timer = setTimeout(onAbort, timeoutMs).unref()
      })
    },
    /** New updates for `botId`: the held request answers. */
    notify: (botId: number) => settle(botId, { kind: 'updates' }),
    /** True while a getUpdates of `botId` is held (so a caller builds the conflict error only when needed). */
    isHeld: (botId: number) => waiters.has(botId),
    /** Ends a held request of `botId` with `error` (another getUpdates, or setWebhook). */
    terminate: (botId: number, error: BotApiError) => settle(botId, { kind: 'conflict', error }),
    /** Answers every held request (empty) and holds no new ones: the server is closing. */
    close() {
      closed = true
      for (const botId of [...waiters.keys()]) settle(botId, { kind: 'timeout' })
    },
  }
}
export type LongPoll = ReturnType<typeof createLongPoll>
