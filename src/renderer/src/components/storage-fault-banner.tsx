import type { StorageFault } from '@shared/domain'
import { formatDateTime } from '../lib/format'

export interface StorageFaultBannerProps {
  fault: StorageFault
}

const TITLE: Record<StorageFault['kind'], string> = {
  full: 'Disk full: requests are not being stored',
  read_only: 'Data folder read-only: requests are not being stored',
  corrupt: 'Database damaged: requests are not being stored',
  io: 'Storage error: requests are not being stored',
}

/** Above every page while writes fail (status storage.fault): why requests are refused, and since when. */
export function StorageFaultBanner({ fault }: StorageFaultBannerProps) {
  return (
    <div className="callout callout--error app__banner" role="alert">
      <span className="callout__title">{TITLE[fault.kind]}</span>
      <span>
        {fault.message} <span className="muted">Since {formatDateTime(fault.since)}.</span>
      </span>
    </div>
  )
}
