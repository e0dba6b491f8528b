import { Fragment, memo, useState } from 'react'
import type { Delivery } from '@shared/alerts'
import { DeliveryExchange } from '../../components/delivery-exchange'
import { Icon } from '../../components/icon'
import { formatDateTime, formatDuration } from '../../lib/format'
import { selectDelivery, useDeliveriesStore } from '../../store/deliveries-store'

const COLUMNS = ['Time', 'Rule', 'Kind', 'Attempt', 'Outcome', 'Status', 'Duration', 'Error'] as const

const KIND_LABEL: Record<Delivery['kind'], string> = {
  telegram: 'Telegram',
  http: 'HTTP webhook',
  desktop: 'Desktop',
}

export interface DeliveriesTableProps {
  ids: readonly number[]
}

/** Every outgoing call the rules made (each attempt a row), newest first; a row expands to its exchange. */
export function DeliveriesTable({ ids }: DeliveriesTableProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current)
      if (!next.delete(id)) next.add(id)
      return next
    })
  return (
    <table className="table table--data deliveries">
      <caption className="visually-hidden">Deliveries</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
          {COLUMNS.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <DeliveryRow key={id} id={id} expanded={expanded.has(id)} onToggle={toggle} />
        ))}
      </tbody>
    </table>
  )
}

interface DeliveryRowProps {
  id: number
  expanded: boolean
  onToggle(id: number): void
}

const DeliveryRow = memo(function DeliveryRow({ id, expanded, onToggle }: DeliveryRowProps) {
  const delivery = useDeliveriesStore(selectDelivery(id))
  if (!delivery) return null
  const detailId = `delivery-${id}-detail`
  return (
    <Fragment>
      <tr className={expanded ? 'is-expanded' : undefined}>
        <td className="cell-toggle">
          <button
            type="button"
            className="icon-button"
            aria-expanded={expanded}
            aria-controls={expanded ? detailId : undefined}
            aria-label={`Details of delivery ${id}`}
            onClick={() => onToggle(id)}
          >
            <Icon name={expanded ? 'chevronDown' : 'chevronRight'} />
          </button>
        </td>
        <td className="mono nowrap">
          <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
        </td>
        <td>{delivery.rule ?? <span className="faint">—</span>}</td>
        <td>{KIND_LABEL[delivery.kind]}</td>
        <td className="num">{delivery.attempt}</td>
        <td>
          <span className={`badge badge--outcome-${delivery.outcome}`}>{delivery.outcome}</span>
        </td>
        <td className="mono">{delivery.response?.status ?? <span className="faint">—</span>}</td>
        <td className="mono num">{formatDuration(delivery.durationMs)}</td>
        <td className="text-error" title={delivery.error ?? undefined}>
          {delivery.error ?? ''}
        </td>
      </tr>
      {expanded && (
        <tr id={detailId} className="deliveries__detail">
          <td colSpan={COLUMNS.length + 1}>
            <DeliveryExchange delivery={delivery} />
          </td>
        </tr>
      )}
    </Fragment>
  )
})
