import { memo } from 'react'
import type { Alert } from '@shared/alerts'
import { formatDateTime } from '../../lib/format'
import { selectAlert, useAlertsStore } from '../../store/alerts-store'

export interface AlertsTableProps {
  ids: readonly number[]
  /** History shows closed alerts too, with when and how they closed. */
  history: boolean
  selectedId: number | null
  onSelect(id: number): void
}

export function AlertsTable({ ids, history, selectedId, onSelect }: AlertsTableProps) {
  return (
    <table className="table table--data alerts-table" aria-label={history ? 'Alert history' : 'Open alerts'}>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Entity</th>
          <th scope="col">Window key</th>
          <th scope="col">Severity</th>
          <th scope="col">Status</th>
          <th scope="col">Opened</th>
          <th scope="col">Last repeat</th>
          <th scope="col" className="num">
            Count
          </th>
          <th scope="col">Last message</th>
          {history && <th scope="col">Closed</th>}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <AlertRow key={id} id={id} history={history} selected={id === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  )
}

interface AlertRowProps {
  id: number
  history: boolean
  selected: boolean
  onSelect(id: number): void
}

const AlertRow = memo(function AlertRow({ id, history, selected, onSelect }: AlertRowProps) {
  const alert = useAlertsStore(selectAlert(id))
  const busy = useAlertsStore((s) => s.busy.includes(id))
  const acknowledge = useAlertsStore((s) => s.acknowledge)
  const close = useAlertsStore((s) => s.close)
  if (!alert) return null
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onSelect(id)}>
          {alert.rule}
        </button>
      </th>
      <td>{alert.entity}</td>
      <td className="mono">{alert.windowKey}</td>
      <td>
        <SeverityBadge severity={alert.severity} />
      </td>
      <td>
        <AlertStatusBadge alert={alert} />
      </td>
      <td className="nowrap">{formatDateTime(alert.openedAt)}</td>
      <td className="nowrap">
        {alert.lastRepeatAt ? formatDateTime(alert.lastRepeatAt) : <span className="faint">—</span>}
      </td>
      <td className="num">{alert.count}</td>
      <td className="cell-message" title={alert.lastMessage ?? ''}>
        {alert.lastMessage ?? <span className="faint">—</span>}
      </td>
      {history && (
        <td className="nowrap">
          {alert.closedAt ? (
            `${formatDateTime(alert.closedAt)} (${alert.closedBy ?? ''})`
          ) : (
            <span className="faint">open</span>
          )}
        </td>
      )}
      <td className="cell-actions">
        {alert.open && (
          <>
            <button
              type="button"
              className="button button--small"
              disabled={busy || alert.acknowledgedAt !== null}
              aria-label={`Acknowledge alert ${id}`}
              onClick={() => void acknowledge(id)}
            >
              {alert.acknowledgedAt ? 'Acknowledged' : 'Acknowledge'}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              aria-label={`Close alert ${id}`}
              onClick={() => void close(id)}
            >
              Close
            </button>
          </>
        )}
      </td>
    </tr>
  )
})

export function AlertStatusBadge({ alert }: { alert: Alert }) {
  const label = alert.open ? alert.status : alert.closedBy === 'manual' ? 'CLOSED' : alert.status
  return <span className={`badge badge--alert-${label.toLowerCase()}`}>{label}</span>
}

export function SeverityBadge({ severity }: { severity: Alert['severity'] }) {
  return <span className={`badge badge--severity-${severity.toLowerCase()}`}>{severity}</span>
}
