import { memo } from 'react'
import { AuthBadge, StatusBadge } from '../../components/badges'
import { requestRowId } from '../../lib/dom-ids'
import { formatBytes, formatClock, formatDateTime } from '../../lib/format'
import { selectRequest, useRequestsStore } from '../../store/requests-store'

export interface RequestRowProps {
  id: number
  index: number
  top: number
  selected: boolean
  onOpen(id: number): void
}

/** One grid row; it selects its own request, so a live update re-renders only the rows it touches. */
export const RequestRow = memo(function RequestRow({ id, index, top, selected, onOpen }: RequestRowProps) {
  const request = useRequestsStore(selectRequest(id))
  if (!request) return null
  const failed = request.error !== null || request.status >= 400
  const className = ['grid__row', selected ? 'is-selected' : '', failed ? 'is-failed' : ''].join(' ').trim()
  return (
    <div
      role="row"
      id={requestRowId(id)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={className}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(id)}
    >
      <div role="gridcell" className="mono muted" title={formatDateTime(request.receivedAt)}>
        {formatClock(request.receivedAt)}
      </div>
      <div role="gridcell" className="mono method">
        {request.method}
      </div>
      <div
        role="gridcell"
        className="mono grid__path"
        title={request.query ? `${request.path}?${request.query.replace(/^\?/, '')}` : request.path}
      >
        {request.path}
        {request.query && <span className="muted">?{request.query.replace(/^\?/, '')}</span>}
        {request.duplicateOf !== null && <span className="badge badge--warn grid__tag">dup</span>}
        {request.error && <span className="badge badge--error grid__tag">{request.error.code}</span>}
      </div>
      <div role="gridcell">
        <StatusBadge status={request.status} />
      </div>
      <div role="gridcell" className="mono num">
        {formatBytes(request.size)}
      </div>
      <div role="gridcell" className="mono">
        {request.entity ?? <span className="faint">—</span>}
      </div>
      <div role="gridcell">
        <AuthBadge outcome={request.authOutcome} />
      </div>
    </div>
  )
})
