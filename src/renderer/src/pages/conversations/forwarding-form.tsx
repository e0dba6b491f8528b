import { useState, type FormEvent } from 'react'
import { ForwardingInput, type ForwardingState } from '@shared/bot-loop'
import type { AppErrorShape } from '@shared/errors'
import { Field } from '../../components/field'
import { ErrorMessage } from '../../components/state-view'
import { fromZodError, isInvalid } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { formatCountOf, formatDateTime } from '../../lib/format'

export interface ForwardingFormProps {
  forwarding: ForwardingState
  saving: boolean
  error: AppErrorShape | null
  onSave(input: ForwardingInput): Promise<boolean>
}

/** Where received updates go: the bot's webhook (set here or by the bot's setWebhook), or its getUpdates. */
export function ForwardingForm({ forwarding, saving, error, onSave }: ForwardingFormProps) {
  const [url, setUrl] = useState(forwarding.url ?? '')
  const [secret, setSecret] = useState('')
  const [removeSecret, setRemoveSecret] = useState(false)
  const [timeoutMs, setTimeoutMs] = useState(String(forwarding.timeoutMs))
  const [maxConnections, setMaxConnections] = useState(String(forwarding.maxConnections))
  const [invalid, setInvalid] = useState<AppErrorShape | null>(null)
  const shown = invalid ?? error

  const submit = async (input: ForwardingInput) => {
    const parsed = ForwardingInput.safeParse(input)
    if (!parsed.success) return setInvalid(fromZodError(parsed.error))
    setInvalid(null)
    // The secret is never shown back: the field empties once the core has it.
    if (await onSave(input)) {
      setSecret('')
      setRemoveSecret(false)
    }
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void submit({
      url: url.trim() || null,
      // Empty keeps the stored secret; the checkbox removes it.
      ...(removeSecret ? { secretToken: null } : secret && { secretToken: secret }),
      timeoutMs: Number(timeoutMs),
      maxConnections: Number(maxConnections),
    })
  }
  const errorOf = (field: string) => (shown && isInvalid(shown, field) ? shown.message : null)
  const field = (id: string, name: string) => ({
    id,
    'aria-invalid': errorOf(name) ? true : undefined,
    'aria-describedby': describedBy(id, { error: errorOf(name) }),
  })

  return (
    <form className="conv-forward" aria-label="Forwarding" onSubmit={onSubmit} noValidate>
      <ForwardingSummary forwarding={forwarding} />
      <div className="conv-forward__fields">
        <Field id="forward-url" label="Bot webhook URL" error={errorOf('url')}>
          <input
            {...field('forward-url', 'url')}
            className="input"
            type="url"
            placeholder="http://127.0.0.1:3000/webhook (empty: the bot polls getUpdates)"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
        <Field
          id="forward-secret"
          label="Secret token"
          error={errorOf('secretToken')}
          hint={forwarding.hasSecretToken ? 'A secret is set; leave empty to keep it.' : undefined}
        >
          <input
            {...field('forward-secret', 'secretToken')}
            className="input"
            type="password"
            autoComplete="off"
            value={secret}
            disabled={removeSecret}
            onChange={(event) => setSecret(event.target.value)}
          />
        </Field>
        <Field id="forward-timeout" label="Timeout (ms)" error={errorOf('timeoutMs')}>
          <input
            {...field('forward-timeout', 'timeoutMs')}
            className="input input--number"
            type="number"
            min={100}
            value={timeoutMs}
            onChange={(event) => setTimeoutMs(event.target.value)}
          />
        </Field>
        <Field id="forward-connections" label="Max connections" error={errorOf('maxConnections')}>
          <input
            {...field('forward-connections', 'maxConnections')}
            className="input input--number"
            type="number"
            min={1}
            max={100}
            value={maxConnections}
            onChange={(event) => setMaxConnections(event.target.value)}
          />
        </Field>
      </div>
      <div className="conv-forward__actions">
        {forwarding.hasSecretToken && (
          <label className="check">
            <input
              type="checkbox"
              checked={removeSecret}
              onChange={(event) => setRemoveSecret(event.target.checked)}
            />
            Remove the secret token
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save forwarding'}
        </button>
        {forwarding.url !== null && (
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() => void submit({ url: null })}
          >
            Stop forwarding
          </button>
        )}
      </div>
      {shown && !['url', 'secretToken', 'timeoutMs', 'maxConnections'].some((f) => errorOf(f)) && (
        <ErrorMessage error={shown} />
      )}
    </form>
  )
}

function ForwardingSummary({ forwarding }: { forwarding: ForwardingState }) {
  return (
    <dl className="conv-forward__state" aria-label="Forwarding state">
      <dt>Mode</dt>
      <dd>
        {forwarding.mode === 'webhook' ? `webhook → ${forwarding.url ?? ''}` : 'polling (getUpdates)'}
        {forwarding.setBy && <span className="muted"> · set by the {forwarding.setBy}</span>}
      </dd>
      <dt>Pending</dt>
      <dd>{formatCountOf(forwarding.pendingCount, 'update')}</dd>
      <dt>Last error</dt>
      <dd>
        {forwarding.lastErrorMessage ? (
          <span className="conv-forward__error">
            {forwarding.lastErrorMessage}
            {forwarding.lastErrorAt && ` (${formatDateTime(forwarding.lastErrorAt)})`}
          </span>
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
    </dl>
  )
}
