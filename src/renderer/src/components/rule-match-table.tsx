import type { RuleTestResult } from '@shared/alerts'
import { describeActions, matchVerdict } from '../lib/rule-match'
import { ConditionVerdict, FilterVerdict, StatusReached, WindowBefore } from './rule-verdict'

export interface RuleMatchRow {
  ruleId: string
  rule: string
  enabled: boolean
  result: RuleTestResult
}

export interface RuleMatchTableProps {
  items: readonly RuleMatchRow[]
}

/** Every rule's verdict on one message: filter, window, condition, and the status its window would reach. */
export function RuleMatchTable({ items }: RuleMatchTableProps) {
  return (
    <table className="table table--data rule-matches">
      <caption className="visually-hidden">Rules and this message</caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Filter</th>
          <th scope="col">Window key</th>
          <th scope="col">Condition</th>
          <th scope="col">Would reach</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ ruleId, rule, enabled, result }) => (
          <tr key={ruleId} className={`rule-matches__row is-${matchVerdict(result)}`}>
            <th scope="row">
              <span className="rule-matches__name">{rule}</span>
              {!enabled && <span className="badge"> disabled</span>}
            </th>
            <td>
              <FilterVerdict filter={result.filter} />
            </td>
            <td className="mono">{result.windowKey ?? <span className="faint">—</span>}</td>
            <td className="mono">
              <ConditionVerdict condition={result.condition} />
            </td>
            <td>
              <StatusReached status={result.status} />
              {result.windowKey !== null && (
                <>
                  {' ('}
                  <WindowBefore result={result} now />
                  {')'}
                </>
              )}
              {result.status && <div className="muted rule-matches__actions">{describeActions(result)}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
