import { memo, type MouseEvent } from 'react'
import { formatDateTime } from '../../lib/format'
import { goToRoute } from '../../lib/location'
import { selectMessage, useMessagesStore } from '../../store/messages-store'

export interface MessagesTableProps {
  ids: readonly number[]
  columns: readonly string[]
}

export function MessagesTable({ ids, columns }: MessagesTableProps) {
  return (
    <table className="table table--data">
      <caption className="visually-hidden">Messages</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Entity</th>
          <th scope="col">Type</th>
          <th scope="col">Source</th>
          <th scope="col">Severity</th>
          <th scope="col">Message</th>
          {columns.map((name) => (
            <th key={name} scope="col" className="mono">
              {name}
            </th>
          ))}
          <th scope="col">Request</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <MessageRowView key={id} id={id} columns={columns} />
        ))}
      </tbody>
    </table>
  )
}

const MessageRowView = memo(function MessageRowView({
  id,
  columns,
}: {
  id: number
  columns: readonly string[]
}) {
  const message = useMessagesStore(selectMessage(id))
  if (!message) return null
  // The whole row opens the message's request (its Message tab); the link keeps it reachable by keyboard.
  const open = (event: MouseEvent) => {
    if ((event.target as Element).closest('a, button')) return
    goToRoute({ page: 'requests', params: `open=${message.requestId}` })
  }
  return (
    <tr className="is-clickable" onClick={open}>
      <td className="mono nowrap">
        <time dateTime={message.date}>{formatDateTime(message.date)}</time>
      </td>
      <td className="mono">{message.entity}</td>
      <td className="mono">{message.type}</td>
      <td className="mono">{message.source || <span className="faint">—</span>}</td>
      <td>
        {message.severity ? (
          <span className={`badge badge--severity-${message.severity.toLowerCase()}`}>
            {message.severity}
          </span>
        ) : (
          <span className="faint">—</span>
        )}
      </td>
      <td className="cell-message">{message.message ?? <span className="faint">—</span>}</td>
      {columns.map((name) => (
        <td key={name} className="mono">
          {message.tags[name] ?? <span className="faint">—</span>}
        </td>
      ))}
      <td>
        <a href={`#/requests?open=${message.requestId}`} aria-label={`Open request ${message.requestId}`}>
          #{message.requestId}
        </a>
      </td>
    </tr>
  )
})
