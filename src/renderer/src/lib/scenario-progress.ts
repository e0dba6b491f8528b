// A run's live progress, folded from the core's scenario.* events (store/scenarios-store applies them).
import type { StepResult } from '@shared/scenarios'

export interface RunProgress {
  runKey: string
  files: string[]
  /** Each file's steps as they end, in index order. */
  steps: Record<string, StepResult[]>
  /** The run's stored id once it finished. */
  runId: number | null
  finished: boolean
}

export type ProgressEvent =
  | { type: 'scenario.started'; runKey: string; files: string[] }
  | { type: 'scenario.step'; runKey: string; file: string; step: StepResult }
  | { type: 'scenario.finished'; runKey: string; run: { id: number } }

/** The progress after one event; an event of another run replaces a finished one, never a running one. */
export function reduceProgress(progress: RunProgress | null, event: ProgressEvent): RunProgress | null {
  if (event.type === 'scenario.started') {
    if (progress && !progress.finished && progress.runKey !== event.runKey) return progress
    return { runKey: event.runKey, files: event.files, steps: {}, runId: null, finished: false }
  }
  if (!progress || progress.runKey !== event.runKey) return progress
  if (event.type === 'scenario.finished') return { ...progress, runId: event.run.id, finished: true }
  const steps = (progress.steps[event.file] ?? []).filter((s) => s.index !== event.step.index)
  const files = progress.files.includes(event.file) ? progress.files : [...progress.files, event.file]
  return {
    ...progress,
    files,
    steps: { ...progress.steps, [event.file]: [...steps, event.step].sort((a, b) => a.index - b.index) },
  }
}

/** The mark of a step or file status: ✓ passed, ✗ failed, – skipped, ↻ updated, … running. */
export function statusMark(status: string | null): string {
  switch (status) {
    case 'passed':
      return '✓'
    case 'failed':
    case 'error':
      return '✗'
    case 'skipped':
      return '–'
    case 'updated':
      return '↻'
    case 'running':
      return '…'
    default:
      return '○'
  }
}
