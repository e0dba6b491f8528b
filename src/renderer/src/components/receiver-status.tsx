import type { Status } from '@shared/domain'
import { formatCount, formatDateTime } from '../lib/format'

export interface ReceiverStatusProps {
  status: Status
}

export function ReceiverStatus({ status }: ReceiverStatusProps) {
  const { receiver, tunnel, telegram, storage } = status
  return (
    <dl className="facts facts--card">
      <dt>Receiver</dt>
      <dd className="mono">{receiver.url}</dd>
      <dt>Listening on</dt>
      <dd className="mono">
        {receiver.host}:{receiver.port}
      </dd>
      <dt>Tunnel</dt>
      <dd>
        <span className={`badge badge--tunnel-${tunnel.state}`}>{tunnel.state}</span>
        {tunnel.url && <span className="mono"> {tunnel.url}</span>}
        {tunnel.error && <span className="text-error"> {tunnel.error}</span>}
      </dd>
      <dt>Telegram bot</dt>
      <dd>{telegram.bot ?? <span className="muted">not connected</span>}</dd>
      <dt>Webhook</dt>
      <dd className="mono">{telegram.webhookUrl ?? <span className="muted">not set</span>}</dd>
      {telegram.lastError && (
        <>
          <dt>Last Telegram error</dt>
          <dd className="text-error">{telegram.lastError}</dd>
        </>
      )}
      <dt>Stored requests</dt>
      <dd>{formatCount(storage.requests)}</dd>
      <dt>Last retention run</dt>
      <dd>
        {storage.lastRetention ? (
          `${formatDateTime(storage.lastRetention.at)}, ${formatCount(storage.lastRetention.deleted)} deleted`
        ) : (
          <span className="muted">not yet</span>
        )}
      </dd>
    </dl>
  )
}
