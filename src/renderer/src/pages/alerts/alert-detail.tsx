import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { AlertDetail } from '@shared/alerts'
import { DeliveryExchange } from '../../components/delivery-exchange'
import { Icon } from '../../components/icon'
import { ErrorState, LoadingState } from '../../components/state-view'
import { formatDateTime, formatDuration } from '../../lib/format'
import { goToRoute } from '../../lib/location'
import { selectSelectedDetail, useAlertsStore } from '../../store/alerts-store'
import { useMessagesStore } from '../../store/messages-store'
import { AlertStatusBadge, SeverityBadge } from './alerts-table'

export interface AlertDetailPanelProps {
  onClose(): void
}

/** "message #N": opens the request the message came from, or says it is gone (cleared). */
function MessageLink({ messageId }: { messageId: number }) {
  const requestOf = useMessagesStore((s) => s.requestOf)
  const [gone, setGone] = useState(false)
  if (gone) return <span className="muted">message #{messageId} (no longer stored)</span>
  const open = async () => {
    const requestId = await requestOf(messageId)
    if (requestId === null) setGone(true)
    else goToRoute({ page: 'requests', params: `open=${requestId}` })
  }
  return (
    <button type="button" className="link-button" onClick={() => void open()}>
      message #{messageId}
    </button>
  )
}

/** One alert: what it is, each status change, and the deliveries each caused. */
export function AlertDetailPanel({ onClose }: AlertDetailPanelProps) {
  const { detail, load, error, selectedId, select } = useAlertsStore(
    useShallow((s) => ({
      detail: selectSelectedDetail(s),
      load: s.detailLoad,
      error: s.detailError,
      selectedId: s.selectedId,
      select: s.select,
    })),
  )
  return (
    <section className="detail-panel alert-detail" aria-labelledby="alert-detail-title">
      <header className="detail-panel__header">
        <h2 id="alert-detail-title" className="panel__title">
          Alert {selectedId}
          {detail && `: ${detail.rule}`}
        </h2>
        <button type="button" className="icon-button" aria-label="Close alert detail" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="detail-panel__body">
        {error && load === 'error' ? (
          <ErrorState
            title="Could not load the alert"
            error={error}
            onRetry={() => void select(selectedId)}
          />
        ) : !detail ? (
          <LoadingState label="Loading the alert…" />
        ) : (
          <AlertDetailBody detail={detail} />
        )}
      </div>
    </section>
  )
}

function AlertDetailBody({ detail }: { detail: AlertDetail }) {
  const { acknowledge, close, busy } = useAlertsStore(
    useShallow((s) => ({ acknowledge: s.acknowledge, close: s.close, busy: s.busy.includes(detail.id) })),
  )
  const deliveriesOf = (time: string, next: string | undefined) =>
    detail.deliveries.filter((d) => d.createdAt >= time && (next === undefined || d.createdAt < next))
  const unmatched = detail.events.length === 0 ? detail.deliveries : []
  return (
    <>
      {detail.open && (
        <div className="form__actions">
          <button
            type="button"
            className="button"
            disabled={busy || detail.acknowledgedAt !== null}
            onClick={() => void acknowledge(detail.id)}
          >
            {detail.acknowledgedAt ? 'Acknowledged' : 'Acknowledge'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void close(detail.id)}>
            Close alert
          </button>
        </div>
      )}
      <table className="table table--kv" aria-label="Alert">
        <tbody>
          <tr>
            <th scope="row">Status</th>
            <td>
              <AlertStatusBadge alert={detail} /> <SeverityBadge severity={detail.severity} />
              {detail.acknowledgedAt && (
                <span className="muted"> acknowledged {formatDateTime(detail.acknowledgedAt)}</span>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">Entity · window key</th>
            <td className="mono">
              {detail.entity} · {detail.windowKey}
            </td>
          </tr>
          <tr>
            <th scope="row">Opened</th>
            <td>{formatDateTime(detail.openedAt)}</td>
          </tr>
          <tr>
            <th scope="row">Repeats</th>
            <td>{detail.count}</td>
          </tr>
          {Object.keys(detail.tags).length > 0 && (
            <tr>
              <th scope="row">Tags</th>
              <td className="mono wrap">
                {Object.entries(detail.tags)
                  .map(([name, value]) => `${name}=${value}`)
                  .join(', ')}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">Last message</th>
            <td className="wrap">{detail.lastMessage ?? <span className="faint">—</span>}</td>
          </tr>
          {detail.closedAt && (
            <tr>
              <th scope="row">Closed</th>
              <td>
                {formatDateTime(detail.closedAt)} ({detail.closedBy})
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3 className="form__title">Status changes</h3>
      <ol className="timeline" aria-label="Status changes">
        {detail.events.map((event, index) => {
          const caused = deliveriesOf(event.time, detail.events[index + 1]?.time)
          return (
            <li key={event.id} className="timeline__item">
              <div className="timeline__head">
                <span className={`badge badge--alert-${event.status.toLowerCase()}`}>{event.status}</span>
                <time dateTime={event.time}>{formatDateTime(event.time)}</time>
                {event.messageId !== null && <MessageLink messageId={event.messageId} />}
              </div>
              {caused.map((delivery) => (
                <DeliveryItem key={delivery.id} delivery={delivery} />
              ))}
            </li>
          )
        })}
      </ol>
      {unmatched.map((delivery) => (
        <DeliveryItem key={delivery.id} delivery={delivery} />
      ))}
    </>
  )
}

function DeliveryItem({ delivery }: { delivery: AlertDetail['deliveries'][number] }) {
  return (
    <details className="delivery-item">
      <summary>
        <span className={`badge badge--outcome-${delivery.outcome}`}>{delivery.outcome}</span> {delivery.kind}{' '}
        · action {delivery.actionIndex + 1} · attempt {delivery.attempt}
        {delivery.response && ` · ${delivery.response.status}`} · {formatDuration(delivery.durationMs)}
        {delivery.error && <span className="text-error"> · {delivery.error}</span>}
      </summary>
      <DeliveryExchange delivery={delivery} />
    </details>
  )
}
