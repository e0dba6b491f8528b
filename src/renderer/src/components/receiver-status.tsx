import type { Status } from '@shared/domain'
import { formatCount, formatDateTime } from '../lib/format'

export interface ReceiverStatusProps {
  status: Status
}

/** Where webhooks arrive, and what is stored. */
export function ReceiverStatus({ status }: ReceiverStatusProps) {
  const { receiver, storage } = status
  return (
    <dl className="facts facts--card">
      <dt>URL</dt>
      <dd className="mono">{receiver.url}</dd>
      <dt>Listening on</dt>
      <dd className="mono">
        {receiver.host}:{receiver.port}
      </dd>
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

const TUNNEL_LABEL: Record<Status['tunnel']['state'], string> = {
  off: 'off',
  starting: 'starting…',
  online: 'online',
  error: 'error',
}

/** The public tunnel: its state, its URL, and why it is down. */
export function TunnelStatus({ tunnel }: { tunnel: Status['tunnel'] }) {
  return (
    <dl className="facts facts--card">
      <dt>State</dt>
      <dd>
        <span className={`badge badge--tunnel-${tunnel.state}`}>{TUNNEL_LABEL[tunnel.state]}</span>
      </dd>
      <dt>Public URL</dt>
      <dd className="mono">{tunnel.url ?? <span className="muted">none</span>}</dd>
      {tunnel.error ? (
        <>
          <dt>Error</dt>
          <dd className="text-error">{tunnel.error}</dd>
        </>
      ) : (
        tunnel.state === 'off' && (
          <>
            <dt>Note</dt>
            <dd className="muted">
              Webhooks reach only this machine until a tunnel or a public URL is set up.
            </dd>
          </>
        )
      )}
    </dl>
  )
}

/** The Telegram bot and whether its webhook points here. */
export function WebhookStatus({ telegram }: { telegram: Status['telegram'] }) {
  const set = telegram.webhookUrl !== null
  return (
    <dl className="facts facts--card">
      <dt>Bot</dt>
      <dd>{telegram.bot ?? <span className="muted">not connected</span>}</dd>
      <dt>Webhook</dt>
      <dd>
        <span className={set ? 'badge badge--status-2xx' : 'badge'}>{set ? 'set' : 'not set'}</span>
        {telegram.webhookUrl && <span className="mono"> {telegram.webhookUrl}</span>}
      </dd>
      <dt>Last error</dt>
      <dd className={telegram.lastError ? 'text-error' : undefined}>
        {telegram.lastError ?? <span className="muted">none</span>}
      </dd>
    </dl>
  )
}
