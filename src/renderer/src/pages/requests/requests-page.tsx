import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ConfirmDialog } from '../../components/dialog'
import { SplitView } from '../../components/split-view'
import { ErrorState, LoadingState } from '../../components/state-view'
import { useShortcuts } from '../../hooks/use-shortcuts'
import { requestFilterFromParams, requestFilterToParams, type RequestFilter } from '../../lib/filter-url'
import { formatCount } from '../../lib/format'
import { selectIsEmptyStore, useRequestsStore } from '../../store/requests-store'
import { useStatusStore } from '../../store/status-store'
import { DETAIL_MAX_WIDTH, DETAIL_MIN_WIDTH, useUiStore } from '../../store/ui-store'
import { RequestGrid } from './request-grid'
import { RequestsEmpty } from './requests-empty'
import { RequestsExport } from './requests-export'
import { RequestsToolbar } from './requests-toolbar'

/**
 * The detail panel (tabs, JSON tree, message view, replay editor, rules and conversation tabs) loads when a
 * request is first opened, alongside that request's getRequest call: the list is all the first page needs
 * to show its rows (issue 16).
 */
const RequestDetailPanel = lazy(() =>
  import('./request-detail-panel').then((m) => ({ default: m.RequestDetailPanel })),
)

export interface RequestsPageProps {
  /** The route's query string: the filter, mirrored in the URL. */
  params: string
}

export function RequestsPage({ params }: RequestsPageProps) {
  const filter = useMemo(() => requestFilterFromParams(new URLSearchParams(params)), [params])
  // `open=<id>` (a link from the Messages page) opens that request's detail, in view or not.
  const openId = Number(new URLSearchParams(params).get('open')) || null
  const storedCount = useStatusStore((s) => s.status?.storage.requests ?? null)
  const store = useRequestsStore(
    useShallow((s) => ({
      load: s.load,
      error: s.error,
      total: s.total,
      totalCapped: s.totalCapped,
      paused: s.paused,
      unseen: s.unseen,
      selectedId: s.selectedId,
      detailOpen: s.detail !== null,
      clearing: s.clearing,
      clearError: s.clearError,
      setFilter: s.setFilter,
      reload: s.reload,
      setPaused: s.setPaused,
      selectNext: s.selectNext,
      openDetail: s.openDetail,
      closeDetail: s.closeDetail,
      clear: s.clear,
      checkedCount: s.checked.length,
      clearChecked: s.clearChecked,
    })),
  )
  const isEmptyStore = useRequestsStore(selectIsEmptyStore)
  const { navigate, detailWidth, setDetailWidth } = useUiStore(
    useShallow((s) => ({
      navigate: s.navigate,
      detailWidth: s.detailWidth,
      setDetailWidth: s.setDetailWidth,
    })),
  )
  const searchRef = useRef<HTMLInputElement>(null)
  const [confirmingClear, setConfirmingClear] = useState(false)
  const { setFilter } = store

  // The URL is the filter's source of truth: a change there (typing, back button, reload) loads the view.
  useEffect(() => {
    void setFilter(filter)
  }, [filter, setFilter])

  const { openDetail } = store
  useEffect(() => {
    if (openId !== null) void openDetail(openId)
  }, [openId, openDetail])

  // `updateId=<n>` (the simulator's "request" link) lists the requests of that update and opens the first
  // delivery; once they are cleared the list says that none match.
  const firstDelivery = useRequestsStore((s) => s.ids.at(-1) ?? null)
  const listReady = store.load === 'ready'
  useEffect(() => {
    if (filter.updateId !== undefined && openId === null && listReady && firstDelivery !== null)
      void openDetail(firstDelivery)
  }, [filter.updateId, openId, listReady, firstDelivery, openDetail])

  const onFilterChange = useCallback(
    (next: RequestFilter) => navigate('requests', requestFilterToParams(next)),
    [navigate],
  )

  const closeDetail = () => {
    store.closeDetail()
    if (openId !== null) onFilterChange(filter)
  }

  useShortcuts({
    next: () => store.selectNext(1),
    previous: () => store.selectNext(-1),
    open: () => {
      if (store.selectedId !== null) void store.openDetail(store.selectedId)
    },
    search: () => searchRef.current?.focus(),
    close: closeDetail,
  })

  const confirmClear = async () => {
    if (await store.clear()) setConfirmingClear(false)
  }

  return (
    <section className="page page--requests" aria-labelledby="requests-title">
      <h1 id="requests-title" className="visually-hidden">
        Requests
      </h1>
      <RequestsToolbar
        filter={filter}
        onFilterChange={onFilterChange}
        total={store.total}
        totalCapped={store.totalCapped}
        paused={store.paused}
        unseen={store.unseen}
        onTogglePause={() => store.setPaused(!store.paused)}
        onClear={() => setConfirmingClear(true)}
        searchRef={searchRef}
        checkedCount={store.checkedCount}
        onClearChecked={store.clearChecked}
        exportMenu={<RequestsExport />}
      />
      <div className="page__body">
        {store.load === 'error' && store.error ? (
          <ErrorState
            title="Could not load requests"
            error={store.error}
            onRetry={() => void store.reload()}
          />
        ) : isEmptyStore && !store.detailOpen ? (
          <RequestsEmpty />
        ) : (
          <SplitView
            main={<RequestGrid onResetFilters={() => onFilterChange({})} />}
            side={
              store.detailOpen ? (
                <Suspense fallback={<LoadingState label="Loading request…" />}>
                  <RequestDetailPanel onClose={closeDetail} />
                </Suspense>
              ) : null
            }
            sideWidth={detailWidth}
            minSideWidth={DETAIL_MIN_WIDTH}
            maxSideWidth={DETAIL_MAX_WIDTH}
            onResize={setDetailWidth}
            sideLabel="request detail"
          />
        )}
      </div>
      <ConfirmDialog
        open={confirmingClear}
        title="Clear all requests?"
        confirmLabel="Clear requests"
        busy={store.clearing}
        error={store.clearError}
        onConfirm={() => void confirmClear()}
        onCancel={() => setConfirmingClear(false)}
      >
        <p>
          This deletes every stored request{storedCount === null ? '' : ` (${formatCount(storedCount)})`} and
          the messages converted from them. It cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  )
}
