import { useState } from 'react'
import type { MessageCommand } from '@shared/message'
import { formatDateTime } from '../lib/format'
import { sortTags, type SortDirection, type TagSortKey } from '../lib/tags'

export interface MessageViewProps {
  command: MessageCommand | null
}

/** The message command a request converted into: its fields and its tags, sortable. */
export function MessageView({ command }: MessageViewProps) {
  if (!command) {
    return <p className="muted pad">This request did not produce a message. The Overview tab shows why.</p>
  }
  return (
    <div className="message-view">
      <dl className="facts">
        <dt>Entity</dt>
        <dd className="mono">{command.entity}</dd>
        <dt>Type</dt>
        <dd className="mono">{command.type}</dd>
        <dt>Source</dt>
        <dd className="mono">{command.source || <span className="muted">empty</span>}</dd>
        <dt>Severity</dt>
        <dd>{command.severity ?? <span className="muted">not set</span>}</dd>
        <dt>Message</dt>
        <dd className="wrap">{command.message ?? <span className="muted">none</span>}</dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={command.date}>{formatDateTime(command.date)}</time>{' '}
          <span className="muted mono">{command.date}</span>
        </dd>
      </dl>
      <TagsTable tags={command.tags} />
    </div>
  )
}

interface TagsTableProps {
  tags: Record<string, string>
}

function TagsTable({ tags }: TagsTableProps) {
  const [sort, setSort] = useState<{ key: TagSortKey; direction: SortDirection }>({
    key: 'name',
    direction: 'ascending',
  })
  const rows = sortTags(tags, sort.key, sort.direction)
  const header = (key: TagSortKey, label: string) => {
    const active = sort.key === key
    const next: SortDirection = active && sort.direction === 'ascending' ? 'descending' : 'ascending'
    return (
      <th scope="col" aria-sort={active ? sort.direction : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, direction: next })}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    )
  }
  return (
    <table className="table table--kv">
      <caption className="table__caption">Tags ({rows.length})</caption>
      <thead>
        <tr>
          {header('name', 'Tag')}
          {header('value', 'Value')}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <td className="mono">{row.name}</td>
            <td className="mono wrap">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
