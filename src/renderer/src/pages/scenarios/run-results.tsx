import type { RunHead, RunSummary, ScenarioResult, StepResult } from '@shared/scenarios'
import { LineDiffView } from '../../components/line-diff-view'
import { formatDateTime, formatDuration } from '../../lib/format'
import { diffLines } from '../../lib/line-diff'
import { statusMark, type RunProgress } from '../../lib/scenario-progress'

export interface RunProgressViewProps {
  progress: RunProgress
}

/** The steps of a running run as they end. */
export function RunProgressView({ progress }: RunProgressViewProps) {
  return (
    <section className="scn-progress" aria-label="Run progress" aria-live="polite">
      <h3 className="form__title">{progress.finished ? 'Run finished' : 'Running…'}</h3>
      {progress.files.map((file) => (
        <div key={file}>
          <p className="scn-progress__file">{file}</p>
          <ol className="scn-steps">
            {(progress.steps[file] ?? []).map((step) => (
              <StepLine key={step.index} step={step} />
            ))}
            {!progress.finished && <li className="scn-step scn-step--running">… running</li>}
          </ol>
        </div>
      ))}
    </section>
  )
}

function StepLine({ step }: { step: StepResult }) {
  return (
    <li className={`scn-step scn-step--${step.status}`}>
      <span className="scn-mark" aria-label={step.status}>
        {statusMark(step.status)}
      </span>
      <span className="scn-step__title">{step.title}</span>
      <span className="muted">
        line {step.line} · {formatDuration(step.durationMs)}
      </span>
    </li>
  )
}

export interface RunResultsProps {
  run: RunSummary
}

/** A finished run: each file's steps; a failed step with its error, the diff, the transcript and the calls. */
export function RunResults({ run }: RunResultsProps) {
  return (
    <section className="scn-results" aria-label="Run results">
      <h3 className="form__title">
        Run #{run.id}: {run.passed} passed, {run.failed} failed · {formatDuration(run.durationMs)}
      </h3>
      {run.results.map((result) => (
        <FileResult key={result.file} result={result} />
      ))}
    </section>
  )
}

function FileResult({ result }: { result: ScenarioResult }) {
  return (
    <div className={`scn-file scn-file--${result.status}`}>
      <p className="scn-progress__file">
        <span className="scn-mark">{statusMark(result.status)}</span> {result.name}{' '}
        <span className="muted">{result.file}</span>
      </p>
      {result.error && <p className="field__error">{result.error}</p>}
      <ol className="scn-steps">
        {result.steps.map((step) => (
          <li key={step.index}>
            <StepLine step={step} />
            {step.status === 'failed' && <StepFailure step={step} />}
          </li>
        ))}
      </ol>
    </div>
  )
}

function StepFailure({ step }: { step: StepResult }) {
  return (
    <div className="scn-failure">
      {step.error && <p className="field__error">{step.error}</p>}
      {(step.expected !== null || step.actual !== null) && (
        <>
          <h4 className="scn-failure__head">Expected (−) vs actual (+)</h4>
          <LineDiffView lines={diffLines(step.expected ?? '', step.actual ?? '(nothing)')} />
        </>
      )}
      {step.transcript.length > 0 && (
        <>
          <h4 className="scn-failure__head">Chat</h4>
          <pre className="scn-pre">{step.transcript.join('\n')}</pre>
        </>
      )}
      {step.calls.length > 0 && (
        <>
          <h4 className="scn-failure__head">The bot's calls</h4>
          <pre className="scn-pre">{step.calls.join('\n')}</pre>
        </>
      )}
    </div>
  )
}

export interface RunHistoryProps {
  runs: readonly RunHead[]
  currentId: number | null
  onOpen(id: number): void
}

export function RunHistory({ runs, currentId, onOpen }: RunHistoryProps) {
  if (runs.length === 0) return <p className="muted pad">No runs yet.</p>
  return (
    <ul className="scn-history" aria-label="Run history">
      {runs.map((run) => (
        <li key={run.id}>
          <button
            type="button"
            className="scn-history__run"
            aria-current={run.id === currentId ? 'true' : undefined}
            onClick={() => onOpen(run.id)}
          >
            <span className={`scn-mark scn-mark--${run.failed > 0 ? 'failed' : 'passed'}`}>
              {statusMark(run.failed > 0 ? 'failed' : 'passed')}
            </span>
            <span>
              #{run.id} · {run.passed} passed, {run.failed} failed
            </span>
            <span className="muted">{formatDateTime(run.startedAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
