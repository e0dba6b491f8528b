import { useCallback, useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { EmptyState, ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import {
  isEmptyFilter,
  messageFilterFromParams,
  messageViewToParams,
  tagColumnsFromParams,
  type MessageFilter,
} from '../../lib/filter-url'
import { formatCount } from '../../lib/format'
import { selectTagNames, useMessagesStore } from '../../store/messages-store'
import { useUiStore } from '../../store/ui-store'
import { MessagesTable } from './messages-table'
import { MessagesToolbar } from './messages-toolbar'

export interface MessagesPageProps {
  params: string
}

export function MessagesPage({ params }: MessagesPageProps) {
  const { filter, columns } = useMemo(() => {
    const search = new URLSearchParams(params)
    return { filter: messageFilterFromParams(search), columns: tagColumnsFromParams(search) }
  }, [params])
  const store = useMessagesStore(
    useShallow((s) => ({
      ids: s.ids,
      total: s.total,
      next: s.next,
      load: s.load,
      loadingMore: s.loadingMore,
      error: s.error,
      setFilter: s.setFilter,
      reload: s.reload,
      loadMore: s.loadMore,
    })),
  )
  const tagNames = useMessagesStore(selectTagNames)
  const navigate = useUiStore((s) => s.navigate)
  const { setFilter } = store

  useEffect(() => {
    void setFilter(filter)
  }, [filter, setFilter])

  const onFilterChange = useCallback(
    (next: MessageFilter) => navigate('messages', messageViewToParams(next, columns)),
    [navigate, columns],
  )
  const onColumnsChange = useCallback(
    (next: string[]) => navigate('messages', messageViewToParams(filter, next)),
    [navigate, filter],
  )

  return (
    <section className="page" aria-labelledby="messages-title">
      <header className="page__header">
        <h1 id="messages-title">Messages</h1>
        <p className="muted">Message commands converted from webhook requests, newest first.</p>
      </header>
      <MessagesToolbar
        filter={filter}
        onFilterChange={onFilterChange}
        tagNames={tagNames}
        columns={columns}
        onColumnsChange={onColumnsChange}
        total={store.total}
      />
      <div className="page__body page__body--scroll">
        {store.load === 'error' && store.error ? (
          <ErrorState
            title="Could not load messages"
            error={store.error}
            onRetry={() => void store.reload()}
          />
        ) : store.load !== 'ready' ? (
          <LoadingState label="Loading messages…" />
        ) : store.ids.length === 0 ? (
          <EmptyState title={isEmptyFilter(filter) ? 'No messages yet' : 'No messages match these filters'}>
            <p className="muted">
              Each webhook request that converts into a message command shows up here with its entity, type
              and tags.
            </p>
          </EmptyState>
        ) : (
          <>
            <MessagesTable ids={store.ids} columns={columns} />
            <div className="list-footer">
              {store.error && <ErrorMessage error={store.error} />}
              {store.next !== null ? (
                <button
                  type="button"
                  className="button"
                  disabled={store.loadingMore}
                  onClick={() => void store.loadMore()}
                >
                  {store.loadingMore ? 'Loading…' : 'Load older messages'}
                </button>
              ) : (
                <span className="muted">
                  {store.ids.length < store.total
                    ? `Showing the newest ${formatCount(store.ids.length)} of ${formatCount(store.total)}. Narrow the filters to see older ones.`
                    : 'End of the list.'}
                </span>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  )
}
