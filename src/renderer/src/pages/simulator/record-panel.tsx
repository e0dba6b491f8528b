import { useShallow } from 'zustand/react/shallow'
import { SaveScenarioForm } from '../../components/save-scenario-form'
import { ErrorMessage } from '../../components/state-view'
import { scenarioHref } from '../../lib/scenario-file'
import { useScenarioDraftStore } from '../../store/scenario-draft-store'

export interface RecordPanelProps {
  chatId: number
  chatTitle: string
}

/** Record this chat as a scenario: a switch, the live step count, and the YAML to save once stopped. */
export function RecordPanel({ chatId, chatTitle }: RecordPanelProps) {
  const d = useScenarioDraftStore(
    useShallow((s) => ({
      recording: s.recordings[chatId] ?? null,
      recordError: s.recordError,
      savedPath: s.savedPath,
      saveError: s.saveError,
      record: s.record,
      saveAs: s.saveAs,
    })),
  )
  const on = d.recording !== null && d.recording.stoppedAt === null
  const stopped = d.recording !== null && d.recording.stoppedAt !== null
  return (
    <div className="sim-panel" aria-label="Record a scenario" role="group">
      <div className="sim-panel__row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={on}
            onChange={() => void d.record(chatId, on ? 'stop' : 'start')}
          />
          <span>Record</span>
        </label>
        {on && (
          <span className="recording-on" role="status">
            Recording · {d.recording?.steps ?? 0} steps
          </span>
        )}
        {!on && !stopped && (
          <span className="muted">What you send and what the bot answers becomes a scenario.</span>
        )}
      </div>
      {d.recordError && <ErrorMessage error={d.recordError} />}
      {stopped && d.recording && (
        <SaveScenarioForm
          key={d.recording.id}
          label="Recorded scenario"
          yaml={d.recording.yaml}
          defaultName={`recorded ${chatTitle}`}
          savedPath={d.savedPath}
          error={d.saveError}
          onSave={(name) => void d.saveAs(name, d.recording?.yaml ?? '')}
          hrefOf={scenarioHref}
        />
      )}
    </div>
  )
}
