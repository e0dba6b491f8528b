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
}
