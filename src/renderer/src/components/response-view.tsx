import type { RequestResponse } from '@shared/domain'
import { formatBytes } from '../lib/format'
import { StatusBadge } from './badges'
import { BodyView } from './body-view'
import { HeadersTable } from './headers-table'

export interface ResponseViewProps {
  /** Hookbench's answer, or null when it was not recorded. */
  response: RequestResponse | null
  /** Reads the request again (its answer is written just after it is sent). */
  onReload(): void
}

/** The other half of the exchange: what Hookbench answered, and how long it took. */
export function ResponseView({ response, onReload }: ResponseViewProps) {
  if (!response) {
    return (
      <div className="response-view">
        <p className="muted">
          No answer is recorded for this request yet: it is written just after the answer is sent, and
          requests stored before answers were kept have none.
        </p>
        <button type="button" className="button response-view__reload" onClick={onReload}>
          Reload<span className="visually-hidden"> the request</span>
        </button>
      </div>
    )
  }
  return (
    <div className="response-view">
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={response.status} />
        </dd>
        <dt>Time to answer</dt>
        <dd>{formatMs(response.timeMs)}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(response.size)}
          {response.bodyTruncated && <span className="muted"> (only the head was kept)</span>}
        </dd>
      </dl>
      <h3 className="response-view__heading">Headers</h3>
      <HeadersTable headers={response.headers} caption="Response headers" />
      <h3 className="response-view__heading">Body</h3>
      <BodyView
        body={response.body}
        encoding={response.bodyEncoding}
        contentType={response.headers['content-type'] ?? null}
        truncated={response.bodyTruncated}
      />
    </div>
  )
}

const formatMs = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`)
