import { memo } from 'react'
import { formatDateTime } from '../../lib/format'
import { useIncidentsStore } from '../../store/incidents-store'

export interface IncidentsTableProps {
  ids: readonly number[]
}

export function IncidentsTable({ ids }: IncidentsTableProps) {
  return (
    <table className="table table--data">
      <caption className="visually-hidden">Security incidents</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Address</th>
          <th scope="col">User tried</th>
          <th scope="col">Reason</th>
          <th scope="col">Path</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <IncidentRow key={id} id={id} />
        ))}
      </tbody>
    </table>
  )
}

const IncidentRow = memo(function IncidentRow({ id }: { id: number }) {
  const incident = useIncidentsStore((s) => s.byId[id])
  if (!incident) return null
  return (
    <tr>
      <td className="mono nowrap">
        <time dateTime={incident.time}>{formatDateTime(incident.time)}</time>
      </td>
      <td className="mono">{incident.remoteAddress}</td>
      <td className="mono">{incident.user ?? <span className="faint">none</span>}</td>
      <td title={incident.count > 1 ? burstTitle(incident.count, incident.lastTime) : incident.reason}>
        {incident.count > 1 && (
          <span className="badge badge--warn incident-count">×{incident.count.toLocaleString('en-US')}</span>
        )}
        <span className="badge badge--error">{incident.reason}</span>
      </td>
      <td className="mono">{incident.path}</td>
    </tr>
  )
})

/** A burst of throttled attempts is one incident: how many, and until when they came. */
function burstTitle(count: number, lastTime: string | null): string {
  return `${count.toLocaleString('en-US')} attempts${lastTime ? `, the last at ${formatDateTime(lastTime)}` : ''}`
}
