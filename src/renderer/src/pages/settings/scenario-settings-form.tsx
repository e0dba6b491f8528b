import { useState } from 'react'
import type { AppErrorShape } from '@shared/errors'
import type { Settings, SettingsPatch } from '@shared/settings'
import { Field } from '../../components/field'
import { isInvalid, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { scenarioDraftOf, scenarioPatchOf } from '../../lib/scenario-settings'

export interface ScenarioSettingsFormProps {
  settings: Settings
  saving: boolean
  error: AppErrorShape | null
  onSave(patch: SettingsPatch): void
}

/** Where scenario files live and how long their waiting steps wait by default. */
export function ScenarioSettingsForm({
  settings,
  saving,
  error: saveError,
  onSave,
}: ScenarioSettingsFormProps) {
  const [draft, setDraft] = useState(() => scenarioDraftOf(settings))
  const [draftError, setDraftError] = useState<AppErrorShape | null>(null)
  const error = draftError ?? saveError
  const saved = scenarioDraftOf(settings)
  const dirty = draft.folder !== saved.folder || draft.withinMs !== saved.withinMs
  const folderHint = 'Empty: the scenarios folder in the data directory.'
  const withinHint =
    'How long expect, expectCall and expectNoReply wait when a step has no within (3000 = 3 s).'
  return (
    <form
      className="form"
      aria-labelledby="scenario-settings-title"
      onSubmit={(event) => {
        event.preventDefault()
        const result = scenarioPatchOf(draft)
        setDraftError(result.ok ? null : result.error)
        if (result.ok) onSave(result.patch)
      }}
    >
      <h2 id="scenario-settings-title" className="panel__title">
        Scenarios
      </h2>
      <div className="form__grid">
        <Field
          id="scenario-folder"
          label="Scenario folder"
          hint={folderHint}
          error={messageFor(error, 'scenarioFolder')}
        >
          <input
            id="scenario-folder"
            className="input input--wide"
            value={draft.folder}
            placeholder="scenarios (in the data directory)"
            aria-invalid={isInvalid(error, 'scenarioFolder')}
            aria-describedby={describedBy('scenario-folder', {
              hint: folderHint,
              error: messageFor(error, 'scenarioFolder'),
            })}
            onChange={(event) => setDraft({ ...draft, folder: event.target.value })}
          />
        </Field>
        <Field
          id="scenario-within"
          label="Default wait (ms)"
          hint={withinHint}
          error={messageFor(error, 'scenarioWithinMs')}
        >
          <input
            id="scenario-within"
            className="input input--number"
            type="number"
            inputMode="numeric"
            min={50}
            max={600000}
            value={draft.withinMs}
            aria-invalid={isInvalid(error, 'scenarioWithinMs')}
            aria-describedby={describedBy('scenario-within', {
              hint: withinHint,
              error: messageFor(error, 'scenarioWithinMs'),
            })}
            onChange={(event) => setDraft({ ...draft, withinMs: event.target.value })}
          />
        </Field>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save scenario settings'}
        </button>
      </div>
    </form>
  )
}
