import { maskQuery } from '@shared/secret-mask'
import type { RequestDetail } from '@shared/domain'
import { formatBytes, formatDateTime } from '../lib/format'
import { AuthBadge, StatusBadge } from './badges'
import { CodeExcerpt } from './code-excerpt'

export interface RequestOverviewProps {
  request: RequestDetail
}

export function RequestOverview({ request }: RequestOverviewProps) {
  const { error } = request
  return (
    <div className="overview">
      {error && (
        <section className="callout callout--error" aria-label="Processing error">
          <p className="callout__title">
            <code>{error.code}</code> {error.message}
          </p>
          {error.param && (
            <p>
              Parameter <code>{error.param}</code>
            </p>
          )}
          {error.line !== undefined && (
            <>
              <p className="muted">
                Line {error.line}
                {error.column === undefined ? '' : `, column ${error.column}`} of the body
              </p>
              {request.bodyEncoding === 'utf8' && (
                <CodeExcerpt text={request.body} line={error.line} column={error.column} />
              )}
            </>
          )}
        </section>
      )}
      <dl className="facts">
        <dt>Request</dt>
        <dd className="mono">
          <span className="method">{request.method}</span> {request.path}
          {request.query && <span className="muted">?{maskQuery(request.query.replace(/^\?/, ''))}</span>}
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={request.status} />
        </dd>
        <dt>Received</dt>
        <dd>
          <time dateTime={request.receivedAt}>{formatDateTime(request.receivedAt)}</time>
        </dd>
        <dt>Remote address</dt>
        <dd className="mono">{request.remoteAddress}</dd>
        <dt>User</dt>
        <dd>{request.user ?? <span className="muted">none</span>}</dd>
        <dt>Authentication</dt>
        <dd>
          <AuthBadge outcome={request.authOutcome} />
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(request.size)}
          {request.bodyTruncated && <span className="muted"> (only the head was kept)</span>}
        </dd>
        <dt>Content type</dt>
        <dd className="mono">{request.contentType ?? <span className="muted">none</span>}</dd>
        <dt>Entity</dt>
        <dd className="mono">{request.entity ?? <span className="muted">none</span>}</dd>
        {request.replayOf !== null && (
          <>
            <dt>Replay of</dt>
            <dd className="mono">#{request.replayOf}</dd>
          </>
        )}
        {request.updateId !== null && (
          <>
            <dt>Telegram update</dt>
            <dd className="mono">
              {request.updateId}
              {request.duplicateOf !== null && (
                <span className="badge badge--warn"> redelivery of #{request.duplicateOf}</span>
              )}
            </dd>
          </>
        )}
      </dl>
      {request.warnings.length > 0 && (
        <section className="callout callout--warn" aria-label="Conversion warnings">
          <ul>
            {request.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
