import { maskQuery } from '@shared/secret-mask'
import { memo, type MouseEvent } from 'react'
import { AuthBadge, StatusBadge } from '../../components/badges'
import { requestRowId } from '../../lib/dom-ids'
import { formatBytes, formatClock, formatDateTime } from '../../lib/format'
import { selectIsChecked, selectRequest, useRequestsStore } from '../../store/requests-store'

export interface RequestRowProps {
  id: number
  index: number
  top: number
  selected: boolean
  onOpen(id: number): void
  /** Ctrl/Cmd+click or the row's checkbox. */
  onToggleCheck(id: number): void
  /** Shift+click: check every row from the last one toggled. */
  onCheckRange(id: number): void
}

/** One grid row; it selects its own request, so a live update re-renders only the rows it touches. */
export const RequestRow = memo(function RequestRow({
  id,
  index,
  top,
  selected,
  onOpen,
  onToggleCheck,
  onCheckRange,
}: RequestRowProps) {
  const request = useRequestsStore(selectRequest(id))
  const checked = useRequestsStore(selectIsChecked(id))
  if (!request) return null
  const failed = request.error !== null || request.status >= 400
  const className = [
    'grid__row',
    selected ? 'is-selected' : '',
    checked ? 'is-checked' : '',
    failed ? 'is-failed' : '',
  ]
    .join(' ')
    .trim()
  const onClick = (event: MouseEvent) => {
    if (event.shiftKey) onCheckRange(id)
    else if (event.ctrlKey || event.metaKey) onToggleCheck(id)
    else onOpen(id)
  }
  return (
    <div
      role="row"
      id={requestRowId(id)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={className}
      style={{ transform: `translateY(${top}px)` }}
      onClick={onClick}
      // Shift+click extends the check range; it must not also select the rows' text.
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault()
      }}
    >
      <div role="gridcell" className="grid__check">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select request ${id}`}
          checked={checked}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => {
            const shift = (event.nativeEvent as { shiftKey?: boolean }).shiftKey === true
            if (shift) onCheckRange(id)
            else onToggleCheck(id)
          }}
        />
      </div>
      <div role="gridcell" className="mono muted" title={formatDateTime(request.receivedAt)}>
        {formatClock(request.receivedAt)}
      </div>
      <div role="gridcell" className="mono method">
        {request.method}
      </div>
      <div
        role="gridcell"
        className="mono grid__path"
        title={
          request.query ? `${request.path}?${maskQuery(request.query.replace(/^\?/, ''))}` : request.path
        }
      >
        {request.path}
        {request.query && <span className="muted">?{maskQuery(request.query.replace(/^\?/, ''))}</span>}
        {request.duplicateOf !== null && <span className="badge badge--warn grid__tag">dup</span>}
        {request.error && <span className="badge badge--error grid__tag">{request.error.code}</span>}
      </div>
      <div role="gridcell" className="grid__message" title={request.messageText ?? undefined}>
        {request.updateType && <span className="badge grid__tag">{request.updateType}</span>}
        {request.messageText ?? (!request.updateType && <span className="faint">—</span>)}
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
