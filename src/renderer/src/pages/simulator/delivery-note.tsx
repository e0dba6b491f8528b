import type { SimUpdateEntry } from '@shared/simulator'

const LABEL: Record<SimUpdateEntry['status'], string> = {
  pending: 'waiting',
  delivered: 'delivered',
  late: 'late',
  not_sent: 'not delivered',
}

/** "Why didn't my bot get this update?": a small marker and one line with the fix, beside the update. */
export function DeliveryNote({ entry, align }: { entry: SimUpdateEntry; align: 'start' | 'end' }) {
  if (!entry.line) return null
  return (
    <p
      className={`delivery-note delivery-note--${entry.status} delivery-note--${align}`}
      role="note"
      aria-label={`Update ${entry.type} ${LABEL[entry.status]}`}
    >
      <span className="delivery-note__marker" aria-hidden="true">
        {entry.status === 'late' ? '◷' : entry.status === 'pending' ? '…' : '⊘'}
      </span>
      <span>
        <strong>{entry.type}</strong> {LABEL[entry.status]}: {entry.line}
      </span>
    </p>
  )
}
