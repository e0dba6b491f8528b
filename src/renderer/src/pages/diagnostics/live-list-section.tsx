import type { ReactNode } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { EmptyState, ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import type { ListSlice, LoadState } from '../../store/list-slice'

interface ListView {
  ids: readonly number[]
  next: string | null
  load: LoadState
  loadingMore: boolean
  error: AppErrorShape | null
  reload(): Promise<void>
  loadMore(): Promise<void>
}

/** What a LiveListSection reads from a list store (pick it with useShallow). */
export const pickListView = <T extends { id: number }, F>(s: ListSlice<T, F>): ListView => ({
  ids: s.ids,
  next: s.next,
  load: s.load,
  loadingMore: s.loadingMore,
  error: s.error,
  reload: s.reload,
  loadMore: s.loadMore,
})

export interface LiveListSectionProps {
  id: string
  title: string
  description: string
  /** Plural, lower case: "incidents", "deliveries". */
  noun: string
  emptyTitle: string
  emptyText: string
  list: ListView
  /** The table, shown once rows exist. */
  children: ReactNode
}

/** A Diagnostics panel over one live list: loading, error, empty, the table, and "load older". */
export function LiveListSection({
  id,
  title,
  description,
  noun,
  emptyTitle,
  emptyText,
  list,
  children,
}: LiveListSectionProps) {
  return (
    <section className="panel panel--wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        {title}
      </h2>
      <p className="muted">{description}</p>
      {list.load === 'error' && list.error ? (
        <ErrorState title={`Could not load ${noun}`} error={list.error} onRetry={() => void list.reload()} />
      ) : list.load !== 'ready' ? (
        <LoadingState label={`Loading ${noun}…`} />
      ) : list.ids.length === 0 ? (
        <EmptyState title={emptyTitle}>
          <p className="muted">{emptyText}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-scroll">{children}</div>
          {(list.error || list.next !== null) && (
            <div className="list-footer">
              {list.error && <ErrorMessage error={list.error} />}
              {list.next !== null && (
                <button
                  type="button"
                  className="button"
                  disabled={list.loadingMore}
                  onClick={() => void list.loadMore()}
                >
                  {list.loadingMore ? 'Loading…' : `Load older ${noun}`}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  )
}
