import type { RuleTestResult } from '@shared/alerts'

/** How a rule judged one message, as the Rules tab says it. */
export type MatchVerdict = 'error' | 'filtered-out' | 'no-change' | 'fires'

export function matchVerdict(result: RuleTestResult): MatchVerdict {
  if (result.filter.error || result.condition?.error) return 'error'
  if (!result.filter.value) return 'filtered-out'
  return result.status === null ? 'no-change' : 'fires'
}

/** A condition's value as text: strings as they are, everything else as JSON (`true`, `3`, `null`). */
export function formatConditionValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** `2 of 3 actions fire` / `no actions`. */
export function describeActions(result: RuleTestResult): string {
  const total = result.actions.length
  if (total === 0) return 'no actions'
  const firing = result.actions.filter((action) => action.fires).length
  return `${firing} of ${total} ${total === 1 ? 'action fires' : 'actions fire'}`
}
