import { useEffect, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ReceiverStatus, TunnelStatus, WebhookStatus } from '../../components/receiver-status'
import { ErrorState, LoadingState } from '../../components/state-view'
import { useDeliveriesStore } from '../../store/deliveries-store'
import { useIncidentsStore } from '../../store/incidents-store'
import { useStatusStore } from '../../store/status-store'
import { DeliveriesTable } from './deliveries-table'
import { IncidentsTable } from './incidents-table'
import { LiveListSection, pickListView } from './live-list-section'

export interface DiagnosticsPageProps {
  /** `incidents` (`#/diagnostics/incidents`, the Requests page's link) scrolls to the security incidents. */
  path?: string | undefined
}

export function DiagnosticsPage({ path }: DiagnosticsPageProps) {
  const { status, statusError, loadStatus } = useStatusStore(
    useShallow((s) => ({ status: s.status, statusError: s.error, loadStatus: s.load })),
  )
  const incidents = useIncidentsStore(useShallow(pickListView))
  const deliveries = useDeliveriesStore(useShallow(pickListView))
  const loadIncidents = useIncidentsStore((s) => s.setFilter)
  const loadDeliveries = useDeliveriesStore((s) => s.setFilter)

  useEffect(() => {
    void loadIncidents({})
    void loadDeliveries({})
    void loadStatus()
  }, [loadIncidents, loadDeliveries, loadStatus])
  useEffect(() => {
    if (path === 'incidents') document.getElementById('incidents-title')?.scrollIntoView({ block: 'start' })
  }, [path, incidents.load])

  return (
    <section className="page" aria-labelledby="diagnostics-title">
      <header className="page__header">
        <h1 id="diagnostics-title">Diagnostics</h1>
      </header>
      <div className="page__body page__body--scroll">
        {status ? (
          <div className="status-cards">
            <StatusCard id="receiver" title="Receiver">
              <ReceiverStatus status={status} />
            </StatusCard>
            <StatusCard id="tunnel" title="Tunnel">
              <TunnelStatus tunnel={status.tunnel} />
            </StatusCard>
            <StatusCard id="webhook" title="Telegram webhook">
              <WebhookStatus telegram={status.telegram} />
            </StatusCard>
          </div>
        ) : statusError ? (
          <ErrorState
            title="Could not read the receiver status"
            error={statusError}
            onRetry={() => void loadStatus()}
          />
        ) : (
          <LoadingState label="Reading the receiver status…" />
        )}
        <LiveListSection
          id="deliveries"
          title="Deliveries"
          description="Every call the rules made (Telegram messages, HTTP webhooks, desktop notifications), one row per attempt, newest first."
          noun="deliveries"
          emptyTitle="No deliveries yet"
          emptyText="When a rule's window opens, repeats or cancels, its actions are listed here with what was sent and answered."
          list={deliveries}
        >
          <DeliveriesTable ids={deliveries.ids} />
        </LiveListSection>
        <LiveListSection
          id="incidents"
          title="Security incidents"
          description="Webhook requests refused for their credentials, secret token or entity rights. Their bodies are not kept."
          noun="incidents"
          emptyTitle="No security incidents"
          emptyText="Failed webhook authentications will be listed here."
          list={incidents}
        >
          <IncidentsTable ids={incidents.ids} />
        </LiveListSection>
      </div>
    </section>
  )
}

function StatusCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel status-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        {title}
      </h2>
      {children}
    </section>
  )
}
