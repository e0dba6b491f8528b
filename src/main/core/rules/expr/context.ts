import type { MessageCommand } from '@shared/message'

/** The state of the window an expression is evaluated against (conditions and templates). */
interface WindowState {
  /** Number of commands in the window: `count()`. */
  count: number
  /** `status`: the status being fired (templates). */
  status?: 'OPEN' | 'REPEAT' | 'CANCEL'
  /** `before_status`. */
  beforeStatus?: string
  /** `repeat_count`: consecutive true evaluations; 0 when absent. */
  repeatCount?: number
  /** `open_time`, and the start of `alert_duration` / `alert_duration_interval`. */
  openTimeMs?: number
  /** `rule`: the rule name. */
  rule?: string
  /** `window`: the window as written, e.g. `length(1)`. */
  windowText?: string
}

/** Limits of one evaluation (issue 18.8); the engine uses the defaults, tests pass smaller ones. */
export interface EvalBudget {
  /** Units of work: one per node plus the length of every text or list made or scanned. */
  work?: number
  /** Wall-clock time of one evaluation. */
  timeMs?: number
}

/**
 * 50 M units is about 50 MB of text touched, tens of milliseconds; the time limit catches what the units
 * do not count (a regular expression over a long text).
 */
export const DEFAULT_BUDGET = { work: 50_000_000, timeMs: 1000 } as const

/**
 * Everything an expression can read. Filters pass no `window`: window fields are then null and
 * `count()` is an error. Time comes only from `nowMs` (injected clock), never from the system.
 */
export interface EvalContext {
  /** The last command: `entity type source severity message date tags`. */
  command: MessageCommand
  window?: WindowState
  /** `now`, and the end of `alert_duration` and `elapsed_minutes()`. */
  nowMs: number
  /** `received_datetime`: when the command arrived. */
  receivedAtMs?: number
  budget?: EvalBudget
}
