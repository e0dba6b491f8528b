import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SaveScenarioForm } from '../../components/save-scenario-form'
import { ErrorMessage } from '../../components/state-view'
import { localInputToIso } from '../../lib/format'
import { scenarioHref } from '../../lib/scenario-file'
import { useScenarioDraftStore } from '../../store/scenario-draft-store'

export interface ScenarioFromChatProps {
  chatId: number
  chatTitle: string
}

/** Real traffic of one chat (optionally between two times) as a scenario: preview, then save. */
export function ScenarioFromChat({ chatId, chatTitle }: ScenarioFromChatProps) {
  const d = useScenarioDraftStore(
    useShallow((s) => ({
      made: s.fromChat?.chatId === chatId ? s.fromChat : null,
      error: s.fromChatError,
      busy: s.fromChatBusy,
      savedPath: s.savedPath,
      saveError: s.saveError,
      makeFromChat: s.makeFromChat,
      saveAs: s.saveAs,
    })),
  )
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  return (
    <details className="sim-panel conv-scenario">
      <summary className="form__title">Scenario from this chat</summary>
      <form
        className="sim-panel__row"
        onSubmit={(event) => {
          event.preventDefault()
          const fromIso = localInputToIso(from)
          const toIso = localInputToIso(to)
          void d.makeFromChat({ chatId, ...(fromIso && { from: fromIso }), ...(toIso && { to: toIso }) })
        }}
      >
        <label htmlFor="scenario-from">From</label>
        <input
          id="scenario-from"
          className="input"
          type="datetime-local"
          step={1}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <label htmlFor="scenario-to">To</label>
        <input
          id="scenario-to"
          className="input"
          type="datetime-local"
          step={1}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <button type="submit" className="button button--small" disabled={d.busy}>
          {d.busy ? 'Making…' : 'Make scenario'}
        </button>
      </form>
      {d.error && <ErrorMessage error={d.error} />}
      {d.made && (
        <>
          <p className="muted">{d.made.steps} steps from the chat's traffic.</p>
          <SaveScenarioForm
            key={d.made.yaml}
            label="Scenario from the chat"
            yaml={d.made.yaml}
            defaultName={`from ${chatTitle}`}
            savedPath={d.savedPath}
            error={d.saveError}
            onSave={(name) => void d.saveAs(name, d.made?.yaml ?? '')}
            hrefOf={scenarioHref}
          />
        </>
      )}
    </details>
  )
}
