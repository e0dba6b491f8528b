import type { Span } from './ast'
import { DEFAULT_BUDGET, type EvalBudget } from './context'
import { EvalFailure } from './values'

/**
 * The cost of one evaluation (issue 18.8): every node costs 1, every text or list a node produces costs its
 * length, LIKE costs the text it scans. Past `work` units, or `timeMs` of wall time (checked every 256
 * nodes: it measures this evaluation's cost, not the rule's clock), the evaluation stops with an error the
 * engine records as the rule's error.
 */
export interface Meter {
  used: number
  nodes: number
  work: number
  deadline: number
  timeMs: number
}

let meter: Meter = createMeter()

/** Starts the meter of one evaluation; answers the one it replaces, for {@link restoreMeter}. */
export function startMeter(budget?: EvalBudget): Meter {
  const outer = meter
  meter = createMeter(budget)
  return outer
}

export function restoreMeter(outer: Meter): void {
  meter = outer
}

function createMeter(budget: EvalBudget = {}): Meter {
  const timeMs = budget.timeMs ?? DEFAULT_BUDGET.timeMs
  return {
    used: 0,
    nodes: 0,
    work: budget.work ?? DEFAULT_BUDGET.work,
    timeMs,
    deadline: performance.now() + timeMs,
  }
}

/** Counts `units` of work against the running evaluation; throws its EvalFailure past the budget. */
export function charge(units: number, span: Span): void {
  meter.used += units
  if (meter.used > meter.work) {
    throw new EvalFailure(
      span,
      `Evaluation stopped: the expression did more than ${meter.work.toLocaleString('en-US')} units of work ` +
        '(each node, and the length of each text or list it makes); simplify it or test a shorter field',
    )
  }
  // The clock is read every 256 nodes, and after any charge for a long text or list.
  if (((++meter.nodes & 255) === 0 || units > 4096) && performance.now() > meter.deadline) {
    throw new EvalFailure(span, `Evaluation stopped: the expression ran longer than ${meter.timeMs} ms`)
  }
}
