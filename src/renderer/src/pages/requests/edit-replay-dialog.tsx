import { useId, useState, type FormEvent } from 'react'
import type { RequestDetail } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { Dialog } from '../../components/dialog'
import { Field } from '../../components/field'
import { ErrorMessage } from '../../components/state-view'
import { formMessage, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import {
  isBinaryBody,
  REPLAY_METHODS,
  replayDraftOf,
  replayEditOf,
  type ReplayDraft,
  type ReplayEdit,
} from '../../lib/replay-draft'

export interface EditReplayDialogProps {
  request: RequestDetail
  busy: boolean
  /** The core refused the last replay. */
  error: AppErrorShape | null
  onReplay(edit: ReplayEdit): Promise<void>
  onClose(): void
}

/** Edit method, path, query, headers and body of a stored request, then send it through the receiver again. */
export function EditReplayDialog({
  request,
  busy,
  error: replayError,
  onReplay,
  onClose,
}: EditReplayDialogProps) {
  const formId = useId()
  const [draft, setDraft] = useState<ReplayDraft>(() => replayDraftOf(request))
  const [draftError, setDraftError] = useState<AppErrorShape | null>(null)
  const error = draftError ?? replayError
  const binary = isBinaryBody(request)
  const edit = (change: Partial<ReplayDraft>) => {
    setDraft({ ...draft, ...change })
    setDraftError(null)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = replayEditOf(draft, request)
    setDraftError(parsed.ok ? null : parsed.error)
    if (parsed.ok) void onReplay(parsed.edit)
  }

  const headersError = messageFor(error, 'headers')
  const bodyError = messageFor(error, 'body')
  const methodError = messageFor(error, 'method')
  const pathError = messageFor(error, 'path')
  const queryError = messageFor(error, 'query')
  const headersHint = `One per line, as Name: value. The replay runs as ${request.user ? `webhook user ${request.user}` : 'the original sender'}, so Authorization and the secret token are not needed.`
  return (
    <Dialog
      open
      title={`Edit and replay request #${request.id}`}
      onClose={onClose}
      className="dialog--wide"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send replay'}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={submit} aria-label="Replay request">
        <div className="replay-target">
          <Field id="replay-method" label="Method" error={methodError}>
            <select
              id="replay-method"
              className="select replay-method"
              value={draft.method}
              onChange={(event) =>
                edit({ method: REPLAY_METHODS.find((m) => m === event.target.value) ?? draft.method })
              }
            >
              {REPLAY_METHODS.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          </Field>
          <Field id="replay-path" label="Path" hint="Under /api/v1/messages/webhook/." error={pathError}>
            <input
              id="replay-path"
              className="input mono"
              spellCheck={false}
              value={draft.path}
              aria-invalid={pathError !== null}
              aria-describedby={describedBy('replay-path', { hint: true, error: pathError })}
              onChange={(event) => edit({ path: event.target.value })}
            />
          </Field>
        </div>
        <Field
          id="replay-query"
          label="Query"
          hint="Without the ?, as name=value&name=value."
          error={queryError}
        >
          <input
            id="replay-query"
            className="input mono"
            spellCheck={false}
            value={draft.query}
            aria-invalid={queryError !== null}
            aria-describedby={describedBy('replay-query', { hint: true, error: queryError })}
            onChange={(event) => edit({ query: event.target.value })}
          />
        </Field>
        <TextAreaField
          id="replay-headers"
          label="Headers"
          hint={headersHint}
          error={headersError}
          rows={6}
          value={draft.headers}
          onChange={(headers) => edit({ headers })}
        />
        <TextAreaField
          id="replay-body"
          label="Body"
          hint={binary ? 'This body is binary: the replay sends the stored bytes unchanged.' : undefined}
          error={bodyError}
          rows={10}
          value={draft.body}
          disabled={binary}
          onChange={(body) => edit({ body })}
        />
        {formMessage(error, ['headers', 'body', 'method', 'path', 'query']) && error && (
          <ErrorMessage error={error} />
        )}
      </form>
    </Dialog>
  )
}

interface TextAreaFieldProps {
  id: string
  label: string
  hint: string | undefined
  error: string | null
  rows: number
  value: string
  disabled?: boolean
  onChange(value: string): void
}

function TextAreaField({ id, label, hint, error, rows, value, disabled, onChange }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        className="input textarea mono"
        rows={rows}
        spellCheck={false}
        value={value}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={describedBy(id, { hint, error })}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  )
}
