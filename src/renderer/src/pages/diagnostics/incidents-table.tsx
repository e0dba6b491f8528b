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
      <td>
        <span className="badge badge--error">{incident.reason}</span>
      </td>
      <td className="mono">{incident.path}</td>
    </tr>
  )
})
