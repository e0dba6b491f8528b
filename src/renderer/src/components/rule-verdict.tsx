import type { RuleTestResult } from '@shared/alerts'
import { formatConditionValue } from '../lib/rule-match'

/** A rule filter's verdict on a message: passes, filtered out, or the error that stopped it. */
export function FilterVerdict({ filter }: { filter: RuleTestResult['filter'] }) {
  if (filter.error) return <span className="text-error wrap">{filter.error}</span>
  return filter.value ? (
    <span className="badge badge--status-2xx">passes</span>
  ) : (
    <span className="badge">filtered out</span>
  )
}

/** A rule condition's value (`true`, `3`, …), its error, or that the filter stopped it first. */
export function ConditionVerdict({ condition }: { condition: RuleTestResult['condition'] }) {
  if (condition === null) return <span className="faint">not evaluated</span>
  if (condition.error) return <span className="text-error wrap">{condition.error}</span>
  return <>{formatConditionValue(condition.value)}</>
}

/** The alert status a window would reach (OPEN, REPEAT, CANCEL) or "no change". */
export function StatusReached({ status }: { status: RuleTestResult['status'] }) {
  return status ? (
    <span className={`badge badge--alert-${status.toLowerCase()}`}>{status}</span>
  ) : (
    <span className="muted">no change</span>
  )
}

/**
 * Where the window stands before this message: "new window" when the message would start one (previousStatus
 * null with a window key), else its current status. Nothing when the filter stopped the message.
 */
export function WindowBefore({
  result,
  now = false,
}: {
  result: Pick<RuleTestResult, 'windowKey' | 'previousStatus'>
  /** Say "now OPEN" rather than "OPEN" (beside the status reached, where the order is not shown by an arrow). */
  now?: boolean
}) {
  if (result.windowKey === null) return null
  const status = result.previousStatus
  return <span className="muted">{status ? `${now ? 'now ' : ''}${status}` : 'new window'}</span>
}
