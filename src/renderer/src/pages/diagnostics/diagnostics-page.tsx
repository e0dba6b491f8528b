import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ReceiverStatus } from '../../components/receiver-status'
import { EmptyState, ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { useIncidentsStore } from '../../store/incidents-store'
import { useStatusStore } from '../../store/status-store'
import { IncidentsTable } from './incidents-table'

export function DiagnosticsPage() {
  const { status, statusError, loadStatus } = useStatusStore(
    useShallow((s) => ({ status: s.status, statusError: s.error, loadStatus: s.load })),
  )
  const incidents = useIncidentsStore(
    useShallow((s) => ({
      ids: s.ids,
      next: s.next,
      load: s.load,
      loadingMore: s.loadingMore,
      error: s.error,
      setFilter: s.setFilter,
      reload: s.reload,
      loadMore: s.loadMore,
    })),
  )
  const { setFilter } = incidents

  useEffect(() => {
    void setFilter({})
    void loadStatus()
  }, [setFilter, loadStatus])

  return (
    <section className="page" aria-labelledby="diagnostics-title">
      <header className="page__header">
        <h1 id="diagnostics-title">Diagnostics</h1>
      </header>
      <div className="page__body page__body--scroll">
        <section className="panel" aria-labelledby="receiver-title">
          <h2 id="receiver-title" className="panel__title">
            Receiver
          </h2>
          {status ? (
            <ReceiverStatus status={status} />
          ) : statusError ? (
            <ErrorState
              title="Could not read the receiver status"
              error={statusError}
              onRetry={() => void loadStatus()}
            />
          ) : (
            <LoadingState label="Reading the receiver status…" />
          )}
        </section>
        <section className="panel" aria-labelledby="incidents-title">
          <h2 id="incidents-title" className="panel__title">
            Security incidents
          </h2>
          <p className="muted">
            Webhook requests refused for their credentials, secret token or entity rights. Their bodies are
            not kept.
          </p>
          {incidents.load === 'error' && incidents.error ? (
            <ErrorState
              title="Could not load incidents"
              error={incidents.error}
              onRetry={() => void incidents.reload()}
            />
          ) : incidents.load !== 'ready' ? (
            <LoadingState label="Loading incidents…" />
          ) : incidents.ids.length === 0 ? (
            <EmptyState title="No security incidents">
              <p className="muted">Failed webhook authentications will be listed here.</p>
            </EmptyState>
          ) : (
            <>
              <IncidentsTable ids={incidents.ids} />
              {(incidents.error || incidents.next !== null) && (
                <div className="list-footer">
                  {incidents.error && <ErrorMessage error={incidents.error} />}
                  {incidents.next !== null && (
                    <button
                      type="button"
                      className="button"
                      disabled={incidents.loadingMore}
                      onClick={() => void incidents.loadMore()}
                    >
                      {incidents.loadingMore ? 'Loading…' : 'Load older incidents'}
                    </button>
                  )}
                </div>
              )}
            </>
          )}
        </section>
      </div>
    </section>
  )
}
