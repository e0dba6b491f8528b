import { useEffect, useEffectEvent, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage, LoadingState } from '../../components/state-view'
import { requestRowId } from '../../lib/dom-ids'
import { formatCount, formatTotal } from '../../lib/format'
import { useRequestsStore } from '../../store/requests-store'
import { RequestRow } from './request-row'

/** Fixed row height in px; styles/requests.css sizes rows with the same number. */
const ROW_HEIGHT = 26
const COLUMNS = ['Time', 'Method', 'Path', 'Message', 'Status', 'Size', 'Entity', 'Auth'] as const
// Start fetching the next page this many rows before the end.
const PREFETCH_ROWS = 40

export interface RequestGridProps {
  onResetFilters(): void
}

export function RequestGrid({ onResetFilters }: RequestGridProps) {
  const { ids, total, totalCapped, next, load, loadingMore, error, selectedId } = useRequestsStore(
    useShallow((s) => ({
      ids: s.ids,
      total: s.total,
      totalCapped: s.totalCapped,
      next: s.next,
      load: s.load,
      loadingMore: s.loadingMore,
      error: s.error,
      selectedId: s.selectedId,
    })),
  )
  const { loadMore, openDetail, toggleChecked, checkRangeTo } = useRequestsStore(
    useShallow((s) => ({
      loadMore: s.loadMore,
      openDetail: s.openDetail,
      toggleChecked: s.toggleChecked,
      checkRangeTo: s.checkRangeTo,
    })),
  )
  const scrollRef = useRef<HTMLDivElement>(null)

  // No React Compiler runs on this code: the warning is about auto-memoisation, which the grid does not rely on.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? -1

  useEffect(() => {
    if (next !== null && lastIndex >= ids.length - PREFETCH_ROWS) void loadMore()
  }, [lastIndex, ids.length, next, loadMore])

  // Rows arriving on top must not move what a scrolled-down reader is looking at.
  const firstId = ids[0]
  const previousFirst = useRef(firstId)
  useLayoutEffect(() => {
    const previous = previousFirst.current
    previousFirst.current = firstId
    const element = scrollRef.current
    if (!element || previous === undefined || previous === firstId || element.scrollTop === 0) return
    const added = ids.indexOf(previous)
    if (added > 0) element.scrollTop += added * ROW_HEIGHT
  }, [firstId, ids])

  const reveal = useEffectEvent((id: number) => {
    const index = ids.indexOf(id)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
  })
  useEffect(() => {
    if (selectedId !== null) reveal(selectedId)
  }, [selectedId])

  const selectedIndex = selectedId === null ? -1 : ids.indexOf(selectedId)
  const capped = next === null && ids.length < total

  // The grid's own key, as a list box's: Space checks or unchecks the current row (for export).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== ' ' || event.target !== event.currentTarget || selectedId === null) return
    event.preventDefault()
    if (event.shiftKey) checkRangeTo(selectedId)
    else toggleChecked(selectedId)
  }

  return (
    <div className="grid-wrap">
      <div
        className="grid"
        role="grid"
        aria-label="Requests"
        aria-rowcount={total + 1}
        aria-colcount={COLUMNS.length + 1}
        aria-activedescendant={
          selectedIndex >= 0 && selectedId !== null ? requestRowId(selectedId) : undefined
        }
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="grid__head">
          <div role="row" aria-rowindex={1} className="grid__row grid__row--head">
            <div role="columnheader" className="grid__check">
              <span className="visually-hidden">Checked</span>
            </div>
            {COLUMNS.map((column) => (
              <div key={column} role="columnheader">
                {column}
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="grid__scroll" role="rowgroup">
          <div role="presentation" className="grid__body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const id = ids[item.index]
              if (id === undefined) return null
              return (
                <RequestRow
                  key={id}
                  id={id}
                  index={item.index}
                  top={item.start}
                  selected={id === selectedId}
                  onOpen={openDetail}
                  onToggleCheck={toggleChecked}
                  onCheckRange={checkRangeTo}
                />
              )
            })}
          </div>
        </div>
      </div>
      {load === 'loading' && (
        <div className="grid-wrap__overlay">
          <LoadingState label="Loading requests…" />
        </div>
      )}
      {load === 'ready' && ids.length === 0 && (
        <div className="grid-wrap__overlay">
          <div className="state-view">
            <p>No requests match these filters.</p>
            <button type="button" className="button" onClick={onResetFilters}>
              Reset filters
            </button>
          </div>
        </div>
      )}
      {(loadingMore || capped || (error && load === 'ready')) && (
        <div className="grid-wrap__footer" role="status">
          {loadingMore && 'Loading older requests…'}
          {!loadingMore && error && load === 'ready' && (
            <>
              <ErrorMessage error={error} />
              <button type="button" className="link-button" onClick={() => void loadMore()}>
                Try again
              </button>
            </>
          )}
          {capped &&
            `Showing the newest ${formatCount(ids.length)} of ${formatTotal(total, totalCapped)}. Narrow the filters or the time range to see older requests.`}
        </div>
      )}
    </div>
  )
}
