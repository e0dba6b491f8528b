import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage } from '../../components/state-view'
import { formatClock, formatDuration } from '../../lib/format'
import { attemptNext, attemptResult } from '../../lib/webhook-attempt'
import { useSimWebhookStore } from '../../store/sim-webhook-store'

export interface WebhookPanelProps {
  botId: number
  botUsername: string
}

/**
 * The open chat's bot's webhook as getWebhookInfo reports it, and each delivery attempt: the same update_id
 * again after a timeout, a non-2xx or a refused connection, with Telegram's words for the failure.
 */
export function WebhookPanel({ botId, botUsername }: WebhookPanelProps) {
  const w = useSimWebhookStore(
    useShallow((s) => ({ webhook: s.webhook, error: s.error, load: s.load, show: s.show })),
  )
  const { show } = w
  useEffect(() => {
    void show(botId)
  }, [botId, show])
  const webhook = w.webhook?.botId === botId ? w.webhook : null
  const failing = webhook?.attempts[0]?.outcome === 'retry'
  return (
    <details className="sim-panel">
      <summary className="form__title">
        Webhook{webhook?.url ? ` · ${webhook.pendingUpdateCount} pending` : ''}
        {failing && <span className="recording-on"> · failing</span>}
      </summary>
      {w.error && <ErrorMessage error={w.error} />}
      {!webhook ? (
        w.load === 'loading' && <p className="muted">Loading…</p>
      ) : webhook.url === '' ? (
        <p className="muted">@{botUsername} has no webhook: it polls with getUpdates.</p>
      ) : (
        <>
          <dl className="sim-webhook__facts">
            <dt>URL</dt>
            <dd className="mono">{webhook.url}</dd>
            <dt>Pending updates</dt>
            <dd>{webhook.pendingUpdateCount}</dd>
            <dt>max_connections</dt>
            <dd>{webhook.maxConnections}</dd>
            <dt>Last error</dt>
            <dd>
              {webhook.lastErrorMessage === null || webhook.lastErrorDate === null
                ? 'none since the webhook was set'
                : `${formatClock(new Date(webhook.lastErrorDate * 1000).toISOString(), false)} ${webhook.lastErrorMessage}`}
            </dd>
          </dl>
          {webhook.attempts.length === 0 ? (
            <p className="muted">No delivery attempts yet.</p>
          ) : (
            <div className="table-scroll sim-webhook__attempts">
              <table className="table table--data" aria-label="Webhook delivery attempts">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">update_id</th>
                    <th scope="col">Try</th>
                    <th scope="col">Took</th>
                    <th scope="col">Result</th>
                    <th scope="col">Next</th>
                  </tr>
                </thead>
                <tbody>
                  {webhook.attempts.map((a) => (
                    <tr key={a.id} className={a.outcome === 'delivered' ? undefined : 'is-failed'}>
                      <td className="mono">{formatClock(a.startedAt)}</td>
                      <td className="mono">{a.updateId}</td>
                      <td>{a.attempt}</td>
                      <td>{formatDuration(a.durationMs)}</td>
                      <td>{attemptResult(a)}</td>
                      <td>{attemptNext(a, (iso) => formatClock(iso))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </details>
  )
}
