import { useEffect } from 'react'
import type { RecordedOutcome } from '@shared/alerts'
import { RuleMatchTable } from '../../components/rule-match-table'
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view'
import { formatClock, formatCountOf } from '../../lib/format'
import { alertHref, createRuleHref } from '../../lib/rule-links'
import { useMessagesStore } from '../../store/messages-store'

export interface RequestRulesTabProps {
  messageId: number | null
}

/** Which rules match the request's message, and what each would do with it (nothing is fired). */
export function RequestRulesTab({ messageId }: RequestRulesTabProps) {
  const matches = useMessagesStore((s) =>
    messageId !== null && s.matches?.messageId === messageId ? s.matches : null,
  )
  const loadMatches = useMessagesStore((s) => s.loadMatches)

  // Rules change between looks: every visit to the tab asks again.
  useEffect(() => {
    if (messageId !== null) void loadMatches(messageId)
  }, [messageId, loadMatches])

  if (messageId === null) {
    return <p className="muted pad">This request did not produce a message, so no rule sees it.</p>
  }
  if (matches?.error && !matches.items) {
    return (
      <ErrorState
        title="Could not ask the rules"
        error={matches.error}
        onRetry={() => void loadMatches(messageId)}
      />
    )
  }
  if (!matches?.items) return <LoadingState label="Asking the rules…" />
  const recorded = <RecordedOutcomes outcomes={matches.recorded ?? []} />
  if (matches.items.length === 0) {
    return (
      <EmptyState title="No rules yet">
        {matches.recorded && matches.recorded.length > 0 && recorded}
        <p className="muted">Rules watch messages like this one and open alerts.</p>
        <a className="button button--primary" href={createRuleHref(messageId)}>
          Create a rule from this message
        </a>
      </EmptyState>
    )
  }
  const firing = matches.items.filter((item) => item.result.status !== null).length
  return (
    <div className="rule-matches-tab">
      {recorded}
      <p className="muted pad-x">
        What each rule makes of message #{messageId} now, without firing anything:{' '}
        {firing === 0
          ? 'no window would change.'
          : `${firing} of ${matches.items.length} would change their window.`}
      </p>
      <RuleMatchTable items={matches.items} />
    </div>
  )
}

function deliveriesOf(o: RecordedOutcome): string {
  if (o.delivered === 0 && o.failed === 0) return 'no delivery'
  const parts = []
  if (o.delivered > 0) parts.push(formatCountOf(o.delivered, 'delivery'))
  if (o.failed > 0) parts.push(`${o.failed} failed`)
  return parts.join(', ')
}

/** What the rules did when the message arrived (alert history), whatever the rules say about it now. */
export function RecordedOutcomes({ outcomes }: { outcomes: readonly RecordedOutcome[] }) {
  return (
    <section className="recorded-outcomes pad-x" aria-label="When it arrived">
      <h3 className="recorded-outcomes__title">When it arrived</h3>
      {outcomes.length === 0 ? (
        <p className="muted">No rule opened, repeated or cancelled an alert for this message.</p>
      ) : (
        <ul className="recorded-outcomes__list">
          {outcomes.map((o) => (
            <li key={`${o.alertId}-${o.status}-${o.time}`}>
              <span className="recorded-outcomes__rule">{o.rule}</span>{' '}
              <span className={`badge badge--alert-${o.status.toLowerCase()}`}>{o.status}</span>{' '}
              <a href={alertHref(o.alertId)}>alert #{o.alertId}</a>
              <span className="muted">
                {' '}
                · {formatClock(o.time)} · {deliveriesOf(o)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
