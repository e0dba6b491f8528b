import { useMemo, useState } from 'react'
import { formatBytes } from '../lib/format'
import { parseJsonBody } from '../lib/json-body'
import { JsonTree } from './json-tree'

export interface BodyViewProps {
  body: string
  encoding: 'utf8' | 'base64'
  contentType: string | null
  truncated: boolean
}

type Mode = 'tree' | 'raw'

// Larger raw bodies render their head only: a multi-megabyte <pre> freezes the window.
const RAW_LIMIT_CHARS = 256 * 1024

export function BodyView({ body, encoding, contentType, truncated }: BodyViewProps) {
  const json = useMemo(
    () => (encoding === 'utf8' ? parseJsonBody(body, contentType) : { ok: false as const }),
    [body, encoding, contentType],
  )
  const [mode, setMode] = useState<Mode>('tree')
  if (body === '') return <p className="muted pad">This request had no body.</p>
  const shown = json.ok && mode === 'tree' ? 'tree' : 'raw'
  return (
    <div className="body-view">
      <div className="body-view__bar">
        {json.ok && (
          <div className="segmented" role="group" aria-label="Body view">
            <button type="button" aria-pressed={shown === 'tree'} onClick={() => setMode('tree')}>
              Tree
            </button>
            <button type="button" aria-pressed={shown === 'raw'} onClick={() => setMode('raw')}>
              Raw
            </button>
          </div>
        )}
        {encoding === 'base64' && <span className="muted">Binary body, shown as base64</span>}
        {truncated && <span className="badge badge--warn">Truncated: only the head was kept</span>}
      </div>
      {shown === 'tree' && json.ok ? (
        <JsonTree value={json.value} />
      ) : (
        <pre className="raw-body" aria-label="Raw body">
          {body.length > RAW_LIMIT_CHARS ? body.slice(0, RAW_LIMIT_CHARS) : body}
          {body.length > RAW_LIMIT_CHARS && (
            <span className="muted">{`\n… ${formatBytes(body.length - RAW_LIMIT_CHARS)} more not shown`}</span>
          )}
        </pre>
      )}
    </div>
  )
}
