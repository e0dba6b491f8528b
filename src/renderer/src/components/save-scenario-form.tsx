import { useId, useState } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { CodeEditor } from './code-editor'
import { ErrorMessage } from './state-view'

export interface SaveScenarioFormProps {
  /** What the preview is of (the accessible name of the read-only YAML). */
  label: string
  yaml: string
  defaultName: string
  savedPath: string | null
  error: AppErrorShape | null
  onSave(name: string): void
  /** The href of the saved file on the Scenarios page. */
  hrefOf(path: string): string
}

/** A scenario's YAML read-only, a name, and "Save as scenario"; after saving, a link to the file. */
export function SaveScenarioForm({
  label,
  yaml,
  defaultName,
  savedPath,
  error,
  onSave,
  hrefOf,
}: SaveScenarioFormProps) {
  const [name, setName] = useState(defaultName)
  const id = useId()
  return (
    <div className="save-scenario">
      <CodeEditor
        id={`${id}-yaml`}
        label={label}
        value={yaml}
        onChange={() => undefined}
        mode="yaml"
        readOnly
      />
      <form
        className="save-scenario__form"
        onSubmit={(event) => {
          event.preventDefault()
          if (name.trim()) onSave(name.trim())
        }}
      >
        <label className="field__label" htmlFor={`${id}-name`}>
          Scenario name
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={!name.trim()}>
          Save as scenario
        </button>
      </form>
      {savedPath && (
        <p role="status">
          Saved {savedPath}. <a href={hrefOf(savedPath)}>Open it on the Scenarios page</a>
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  )
}
