import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SplitView } from '../../components/split-view'
import { EmptyState, ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { TabPanel, Tabs } from '../../components/tabs'
import { formatCount } from '../../lib/format'
import { useAlertsStore, type AlertsTab } from '../../store/alerts-store'
import { DETAIL_MAX_WIDTH, DETAIL_MIN_WIDTH, useUiStore } from '../../store/ui-store'
import { AlertDetailPanel } from './alert-detail'
import { AlertsTable } from './alerts-table'

export interface AlertsPageProps {
  params: string
}

const TABS: { id: AlertsTab; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'history', label: 'History' },
]

/** `?tab=history&alert=3` ↔ the tab and the alert shown beside the list. */
function viewOf(params: string): { tab: AlertsTab; alertId: number | null } {
  const search = new URLSearchParams(params)
  const alertId = Number(search.get('alert'))
  return {
    tab: search.get('tab') === 'history' ? 'history' : 'open',
    alertId: Number.isInteger(alertId) && alertId > 0 ? alertId : null,
  }
}

function paramsOf(tab: AlertsTab, alertId: number | null): string {
  const search = new URLSearchParams()
  if (tab === 'history') search.set('tab', tab)
  if (alertId !== null) search.set('alert', String(alertId))
  return search.toString()
}

export function AlertsPage({ params }: AlertsPageProps) {
  const { tab, alertId } = useMemo(() => viewOf(params), [params])
  const store = useAlertsStore(
    useShallow((s) => ({
      list: s[tab],
      loadingMore: s.loadingMore,
      actionError: s.actionError,
      lastChange: s.lastChange,
      loadTab: s.loadTab,
      loadMoreHistory: s.loadMoreHistory,
      select: s.select,
    })),
  )
  const { navigate, detailWidth, setDetailWidth } = useUiStore(
    useShallow((s) => ({
      navigate: s.navigate,
      detailWidth: s.detailWidth,
      setDetailWidth: s.setDetailWidth,
    })),
  )
  const { loadTab, select } = store

  useEffect(() => {
    void loadTab(tab)
  }, [loadTab, tab])
  useEffect(() => {
    void select(alertId)
  }, [select, alertId])

  const show = (next: AlertsTab, id: number | null) => navigate('alerts', paramsOf(next, id))
  const { list } = store
  const change = store.lastChange

  const main = (
    <>
      <Tabs
        label="Alerts"
        idPrefix="alerts"
        tabs={TABS}
        active={tab}
        onChange={(next) => show(next, null)}
        end={
          <span className="muted tabs__count">
            {list.load === 'ready' && `${formatCount(list.total)} ${tab === 'open' ? 'open' : 'in all'}`}
          </span>
        }
      />
      <TabPanel idPrefix="alerts" id={tab}>
        <p className="visually-hidden" role="status" aria-live="polite">
          {change && `Alert ${change.alert.id} of ${change.alert.rule}: ${change.transition}`}
        </p>
        {store.actionError && (
          <div className="callout callout--error pad" role="alert">
            <ErrorMessage error={store.actionError} />
          </div>
        )}
        {list.load === 'error' && list.error ? (
          <ErrorState title="Could not load alerts" error={list.error} onRetry={() => void loadTab(tab)} />
        ) : list.load !== 'ready' ? (
          <LoadingState label="Loading alerts…" />
        ) : list.ids.length === 0 ? (
          <EmptyState title={tab === 'open' ? 'No open alerts' : 'No alerts yet'}>
            <p className="muted">
              An alert opens when a rule's condition turns true for a window, and stays open until it turns
              false (CANCEL) or you close it. <a href="#/rules">Rules</a>
            </p>
          </EmptyState>
        ) : (
          <>
            <AlertsTable
              ids={list.ids}
              history={tab === 'history'}
              selectedId={alertId}
              onSelect={(id) => show(tab, id)}
            />
            {tab === 'history' && list.next !== null && (
              <div className="list-footer pad-x">
                <button
                  type="button"
                  className="button"
                  disabled={store.loadingMore}
                  onClick={() => void store.loadMoreHistory()}
                >
                  {store.loadingMore ? 'Loading…' : 'Load older alerts'}
                </button>
              </div>
            )}
          </>
        )}
      </TabPanel>
    </>
  )

  return (
    <section className="page page--alerts" aria-labelledby="alerts-title">
      <header className="page__header">
        <h1 id="alerts-title">Alerts</h1>
        <p className="muted">
          Open while a rule's condition holds; every status change and delivery is kept.
        </p>
      </header>
      <div className="page__body">
        <SplitView
          main={<div className="alerts-main">{main}</div>}
          side={alertId === null ? null : <AlertDetailPanel onClose={() => show(tab, null)} />}
          sideWidth={detailWidth}
          minSideWidth={DETAIL_MIN_WIDTH}
          maxSideWidth={DETAIL_MAX_WIDTH}
          onResize={setDetailWidth}
          sideLabel="alert detail"
        />
      </div>
    </section>
  )
}
