import { useState, type FormEvent } from 'react'
import type { AppErrorShape } from '@shared/errors'
import type { Settings, SettingsPatch } from '@shared/settings'
import { Field } from '../../components/field'
import { ErrorMessage } from '../../components/state-view'
import { formMessage, isInvalid, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { formatByteLimit } from '../../lib/format'
import {
  draftOf,
  draftProblem,
  isDraftChanged,
  patchOf,
  SETTINGS_FIELDS,
  type SettingsDraft,
} from '../../lib/settings-draft'

export interface GeneralSettingsFormProps {
  settings: Settings
  saving: boolean
  error: AppErrorShape | null
  onSave(patch: SettingsPatch): void
}

const TRUSTED_PROXIES_HINT =
  "X-Forwarded-For is believed only from these addresses and from Hookbench's own ngrok tunnel; from anyone else the socket's address counts."

/** Receiver and storage settings: edited as a draft, saved together. */
export function GeneralSettingsForm({
  settings,
  saving,
  error: saveError,
  onSave,
}: GeneralSettingsFormProps) {
  const [draft, setDraft] = useState(() => draftOf(settings))
  // A half-typed number is caught here, with a plain sentence, before the contract's schema sees it.
  const [draftError, setDraftError] = useState<AppErrorShape | null>(null)
  const error = draftError ?? saveError
  const edit = (change: Partial<SettingsDraft>) => setDraft({ ...draft, ...change })
  const patch = patchOf(draft)
  const dirty = isDraftChanged(draft, settings)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const problem = draftProblem(draft)
    setDraftError(problem)
    if (!problem) onSave(patch)
  }
  const input = (
    id: string,
    field: string,
    value: string,
    onChange: (value: string) => void,
    hint?: string,
  ) => {
    const message = messageFor(error, field)
    return (
      <input
        id={id}
        className="input input--number"
        type="number"
        inputMode="numeric"
        min={0}
        value={value}
        aria-invalid={isInvalid(error, field)}
        aria-describedby={describedBy(id, { hint, error: message })}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  }
  const bodyLimit = formatByteLimit(patch.maxBodyBytes ?? 0)
  const bodyHint = bodyLimit ? `${bodyLimit}. Larger bodies answer 413; their head is kept.` : undefined
  return (
    <form className="form" onSubmit={submit} aria-labelledby="receiver-settings-title">
      <h2 id="receiver-settings-title" className="panel__title">
        Receiver and storage
      </h2>
      <div className="form__grid">
        <Field
          id="max-body"
          label="Max body size (KiB)"
          hint={bodyHint}
          error={messageFor(error, 'maxBodyBytes')}
        >
          {input(
            'max-body',
            'maxBodyBytes',
            draft.maxBodyKiB,
            (maxBodyKiB) => edit({ maxBodyKiB }),
            bodyHint,
          )}
        </Field>
        <Field
          id="auth-failures"
          label="Failed logins per minute before 429"
          hint="Per remote address."
          error={messageFor(error, 'authFailuresPerMinute')}
        >
          {input(
            'auth-failures',
            'authFailuresPerMinute',
            draft.authFailuresPerMinute,
            (authFailuresPerMinute) => edit({ authFailuresPerMinute }),
            'Per remote address.',
          )}
        </Field>
        <Field
          id="trusted-proxies"
          label="Trusted proxy addresses"
          hint={TRUSTED_PROXIES_HINT}
          error={messageFor(error, 'trustedProxies')}
        >
          <input
            id="trusted-proxies"
            className="input"
            type="text"
            spellCheck={false}
            placeholder="none"
            value={draft.trustedProxies}
            aria-invalid={isInvalid(error, 'trustedProxies')}
            aria-describedby={describedBy('trusted-proxies', {
              hint: TRUSTED_PROXIES_HINT,
              error: messageFor(error, 'trustedProxies'),
            })}
            onChange={(event) => edit({ trustedProxies: event.target.value })}
          />
        </Field>
        <Field
          id="max-rows"
          label="Keep at most (requests)"
          hint="0 keeps all. Checked every minute."
          error={messageFor(error, 'retention.maxRows')}
        >
          {input(
            'max-rows',
            'retention.maxRows',
            draft.maxRows,
            (maxRows) => edit({ maxRows }),
            '0 keeps all. Checked every minute.',
          )}
        </Field>
        <Field
          id="max-age"
          label="Keep for (days)"
          hint="0 keeps forever. Checked every minute."
          error={messageFor(error, 'retention.maxAgeDays')}
        >
          {input(
            'max-age',
            'retention.maxAgeDays',
            draft.maxAgeDays,
            (maxAgeDays) => edit({ maxAgeDays }),
            '0 keeps forever. Checked every minute.',
          )}
        </Field>
      </div>
      <fieldset className="choice-group">
        <legend>Durability</legend>
        <label className="choice">
          <input
            type="radio"
            name="durability"
            checked={draft.durability === 'normal'}
            onChange={() => edit({ durability: 'normal' })}
          />
          <span>
            <strong>Normal</strong>
            <span className="muted"> Acknowledged requests survive a killed app. Fastest.</span>
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="durability"
            checked={draft.durability === 'full'}
            onChange={() => edit({ durability: 'full' })}
          />
          <span>
            <strong>Full</strong>
            <span className="muted">
              {' '}
              Also survives power loss; acknowledging is about five times slower.
            </span>
          </span>
        </label>
      </fieldset>
      {formMessage(error, SETTINGS_FIELDS) && <ErrorMessage error={error as AppErrorShape} />}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(draftOf(settings))
            setDraftError(null)
          }}
        >
          Revert
        </button>
      </div>
    </form>
  )
}
