import { useEffect } from 'react'
import type { TimelineItem } from '@shared/bot-loop'
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view'
import { TimelineEntry } from '../../components/timeline-entry'
import { conversationViewToParams } from '../../lib/conversation-url'
import { formatHash } from '../../lib/route'
import { timelineKey } from '../../lib/timeline'
import { useConversationsStore } from '../../store/conversations-store'

export interface RequestConversationTabProps {
  requestId: number
}

/** What became of the update this request carried: each delivery attempt to the bot, and the bot's calls. */
export function RequestConversationTab({ requestId }: RequestConversationTabProps) {
  const view = useConversationsStore((s) => (s.request?.requestId === requestId ? s.request : null))
  const loadRequest = useConversationsStore((s) => s.loadRequest)

  useEffect(() => {
    void loadRequest(requestId)
  }, [requestId, loadRequest])

  if (view?.load === 'error' && view.error) {
    return (
      <ErrorState
        title="Could not load the conversation"
        error={view.error}
        onRetry={() => void loadRequest(requestId)}
      />
    )
  }
  if (view?.load !== 'ready') return <LoadingState label="Loading the conversation…" />
  const { update, attempts, calls } = view
  if (!update && attempts.length === 0) {
    return (
      <EmptyState title="Not handed to a bot">
        <p className="muted">
          This request carried no update for your bot, or no bot was in the loop when it arrived.
        </p>
      </EmptyState>
    )
  }
  const items: TimelineItem[] = [
    ...(update ? [{ kind: 'update' as const, time: update.time, update }] : []),
    ...attempts.map((attempt) => ({ kind: 'forward' as const, time: attempt.time, attempt })),
    ...calls,
  ].sort((a, b) => a.time.localeCompare(b.time))
  const chat = update?.chatId ?? null
  return (
    <div className="request-conversation">
      {chat !== null && (
        <p className="pad-x">
          <a
            href={formatHash({
              page: 'conversations',
              params: conversationViewToParams({ chat }).toString(),
            })}
          >
            Open the whole conversation
          </a>
        </p>
      )}
      <ol className="timeline" aria-label="Request timeline">
        {items.map((item) => (
          <li key={timelineKey(item)}>
            <TimelineEntry item={item} />
          </li>
        ))}
      </ol>
    </div>
  )
}
