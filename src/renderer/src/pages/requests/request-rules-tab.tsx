import { useEffect } from 'react'
import { RuleMatchTable } from '../../components/rule-match-table'
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view'
import { createRuleHref } from '../../lib/rule-links'
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
  if (matches.items.length === 0) {
    return (
      <EmptyState title="No rules yet">
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
