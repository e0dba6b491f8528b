import type { z } from 'zod'
import type { SimFault, SimFaultInput } from '@shared/simulator'
import { iso } from '../store/rows'
import { BotApiError, tooManyRequests } from './bot-api-error'
import type { SimContext } from './sim-context'
import type { FaultRow } from './sim-repo'

/** Telegram's words for each injectable status when the fault gives none (TELEGRAM.md §1). */
const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
}

/** The presets: an `error` fault with Telegram's code and words (TELEGRAM-FACTS.md §7). */
const PRESETS: Record<string, { errorCode: number; description: string }> = {
  deactivated: { errorCode: 403, description: 'Forbidden: user is deactivated' },
  migrated: { errorCode: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat' },
}

const toSimFault = (f: FaultRow): SimFault => ({
  ...f,
  expiresAt: f.expiresAt === null ? null : iso(f.expiresAt),
  createdAt: iso(f.createdAt),
})

/** What an injected fault does to one call: answer an error, hang up, or answer late. */
export type FaultEffect =
  { kind: 'error'; error: BotApiError } | { kind: 'drop' } | { kind: 'delay'; ms: number }

/**
 * Fault injection (docs/simulator.md, Faults): persisted in SQLite (sim_faults), consumed call by call. The
 * count of live faults is kept in memory so a call with none costs no write.
 */
export function createFaults(ctx: SimContext) {
  let live = ctx.repo.faults().length

  const effectOf = (f: FaultRow): FaultEffect => {
    if (f.kind === 'drop') return { kind: 'drop' }
    if (f.kind === 'delay') return { kind: 'delay', ms: f.delayMs ?? 0 }
    const code = f.errorCode ?? 500
    if (code === 429 && !f.description) return { kind: 'error', error: tooManyRequests(f.retryAfter ?? 1) }
    const description = f.description ?? DEFAULT_DESCRIPTIONS[code] ?? `Error ${code}`
    const parameters =
      f.migrateToChatId !== null
        ? { migrate_to_chat_id: f.migrateToChatId }
        : f.retryAfter === null
          ? undefined
          : { retry_after: f.retryAfter }
    return { kind: 'error', error: new BotApiError(code, description, parameters) }
  }

  return {
    async add(input: z.output<typeof SimFaultInput>): Promise<SimFault> {
      const now = ctx.now()
      const preset = PRESETS[input.kind]
      const kind = preset ? 'error' : (input.kind as FaultRow['kind'])
      const row = await ctx.write(() =>
        ctx.repo.insertFault({
          botId: input.botId ?? null,
          method: input.method,
          kind,
          errorCode: preset?.errorCode ?? (kind === 'error' ? (input.errorCode ?? null) : null),
          description: preset?.description ?? input.description ?? null,
          migrateToChatId: input.kind === 'migrated' ? (input.migrateToChatId ?? null) : null,
          retryAfter: input.retryAfter ?? null,
          delayMs: input.delayMs ?? null,
          remaining: input.forMs !== undefined && input.times === undefined ? null : (input.times ?? 1),
          expiresAt: input.forMs === undefined ? null : now + input.forMs,
          createdAt: now,
        }),
      )
      live++
      return toSimFault(row)
    },
    list(): SimFault[] {
      const now = ctx.now()
      return ctx.repo
        .faults()
        .filter((f) => f.remaining !== 0 && (f.expiresAt === null || f.expiresAt > now))
        .map(toSimFault)
    },
    async remove(id: number): Promise<boolean> {
      const gone = await ctx.write(() => ctx.repo.deleteFault(id))
      live = ctx.repo.faults().length
      return gone
    },
    /** Removes every fault (of one bot, and the any-bot ones, when `botId` is given); answers how many. */
    async clear(botId?: number): Promise<number> {
      const n = await ctx.write(() => ctx.repo.deleteFaults(botId))
      live = ctx.repo.faults().length
      return n
    },
    /** The fault this call of `method` by `botId` meets, used up by it; null (no write) when none is live. */
    async take(botId: number, method: string): Promise<FaultEffect | null> {
      if (live === 0) return null
      const row = await ctx.write(() => ctx.repo.takeFault(botId, method.toLowerCase(), ctx.now()))
      live = ctx.repo.faults().length
      return row ? effectOf(row) : null
    },
  }
}
export type Faults = ReturnType<typeof createFaults>
