import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DebouncedInput } from '../../components/debounced-input'
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view'
import { TimelineEntry } from '../../components/timeline-entry'
import type { ConversationView } from '../../lib/conversation-url'
import { timelineKey } from '../../lib/timeline'
import { selectSelectedConversation, useConversationsStore } from '../../store/conversations-store'

export interface ConversationTimelineProps {
  chat: number | null
  view: ConversationView
  onView(view: ConversationView): void
}

/** The selected chat's timeline, oldest first, with its method and errors-only filters. */
export function ConversationTimeline({ chat, view, onView }: ConversationTimelineProps) {
  const store = useConversationsStore(
    useShallow((s) => ({
      items: s.items,
      load: s.timelineLoad,
      error: s.timelineError,
      reload: s.reloadTimeline,
      selected: selectSelectedConversation(s),
    })),
  )
  const list = useRef<HTMLOListElement>(null)
  // Follows new entries while the view is at the bottom; reading older ones stops it until scrolled back.
  const atBottom = useRef(true)
  useEffect(() => {
    const element = list.current
    if (element && atBottom.current) element.scrollTop = element.scrollHeight
  }, [store.items, store.load])

  if (chat === null) {
    return (
      <EmptyState title="No conversation open">
        <p className="muted">Chats appear on the left as soon as your bot gets an update or makes a call.</p>
      </EmptyState>
    )
  }
  const title = store.selected?.title ?? `Chat ${chat}`
  const filtered = Boolean(view.method) || Boolean(view.errorsOnly)
  return (
    <section className="conv__timeline" aria-label={`Conversation with ${title}`}>
      <div className="toolbar">
        <h2 className="form__title">{title}</h2>
        <div className="toolbar__filters" role="search" aria-label="Filter the conversation">
          <DebouncedInput
            className="input input--narrow"
            label="Method"
            value={view.method ?? ''}
            placeholder="Method"
            onCommit={(method) => onView({ ...view, chat, method })}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={Boolean(view.errorsOnly)}
              onChange={(event) => onView({ ...view, chat, errorsOnly: event.target.checked })}
            />
            Errors only
          </label>
        </div>
      </div>
      {store.load === 'error' && store.error ? (
        <ErrorState
          title="Could not load this conversation"
          error={store.error}
          onRetry={() => void store.reload()}
        />
      ) : store.load !== 'ready' ? (
        <LoadingState label="Loading the conversation…" />
      ) : store.items.length === 0 ? (
        <EmptyState title={filtered ? 'Nothing matches the filter' : 'Nothing in this chat yet'}>
          {filtered && (
            <button type="button" className="button" onClick={() => onView({ chat })}>
              Clear the filter
            </button>
          )}
        </EmptyState>
      ) : (
        <ol
          ref={list}
          className="timeline"
          aria-label="Timeline"
          onScroll={(event) => {
            const element = event.currentTarget
            atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24
          }}
        >
          {store.items.map((item) => (
            <li key={timelineKey(item)}>
              <TimelineEntry item={item} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
