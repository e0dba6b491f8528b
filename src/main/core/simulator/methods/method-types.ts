import type { ParamReader } from '../params'
import type { SimContext } from '../sim-context'
import type { BotRow } from '../sim-repo'

/** One authenticated Bot API call. */
export interface BotCall {
  bot: BotRow
  p: ParamReader
  ctx: SimContext
  /** Aborted when the client goes away (ends a held getUpdates). */
  signal: AbortSignal
}

/** `result` and, for setWebhook/deleteWebhook, the success `description`. */
/**
 * A method's result, or its result already serialised (getUpdates answers its stored payloads as they are:
 * parsing each to serialise it again was most of its answer's cost).
 */
export type MethodAnswer = { result: unknown; description?: string } | { resultJson: string }

export type BotMethod = (call: BotCall) => Promise<MethodAnswer>

export const clamp = (n: number, min: number, max: number): number => Math.min(Math.max(n, min), max)
