import { describe, expect, it } from 'vitest'
import type { StepResult } from '@shared/scenarios'
import {
  reduceProgress,
  statusMark,
  type ProgressEvent,
  type RunProgress,
} from '@renderer/lib/scenario-progress'

const step = (index: number, status: StepResult['status'] = 'passed'): StepResult => ({
  index,
  kind: 'send',
  line: 5 + index,
  title: `step ${index}`,
  status,
  durationMs: 10,
  error: null,
  expected: null,
  actual: null,
  transcript: [],
  calls: [],
})

const fold = (events: ProgressEvent[], from: RunProgress | null = null) => events.reduce(reduceProgress, from)

describe('reduceProgress', () => {
  it('collects each file’s steps in index order and marks the run finished with its id', () => {
    const progress = fold([
      { type: 'scenario.started', runKey: 'r1', files: ['a.scenario.yaml', 'b.scenario.yaml'] },
      { type: 'scenario.step', runKey: 'r1', file: 'a.scenario.yaml', step: step(1) },
      { type: 'scenario.step', runKey: 'r1', file: 'a.scenario.yaml', step: step(0) },
      { type: 'scenario.step', runKey: 'r1', file: 'b.scenario.yaml', step: step(0, 'failed') },
    ])
    expect(progress?.steps['a.scenario.yaml']?.map((s) => s.index)).toEqual([0, 1])
    expect(progress?.steps['b.scenario.yaml']?.[0]?.status).toBe('failed')
    expect(progress?.finished).toBe(false)
    const done = reduceProgress(progress, { type: 'scenario.finished', runKey: 'r1', run: { id: 7 } })
    expect(done).toMatchObject({ finished: true, runId: 7 })
  })

  it('ignores steps of another run and a second start while one runs', () => {
    const progress = fold([
      { type: 'scenario.started', runKey: 'r1', files: ['a.scenario.yaml'] },
      { type: 'scenario.started', runKey: 'r2', files: ['z.scenario.yaml'] },
      { type: 'scenario.step', runKey: 'r2', file: 'z.scenario.yaml', step: step(0) },
    ])
    expect(progress?.runKey).toBe('r1')
    expect(progress?.steps).toEqual({})
  })

  it('a new run replaces a finished one; a step before any start is dropped', () => {
    expect(fold([{ type: 'scenario.step', runKey: 'r1', file: 'a', step: step(0) }])).toBeNull()
    const progress = fold([
      { type: 'scenario.started', runKey: 'r1', files: ['a'] },
      { type: 'scenario.finished', runKey: 'r1', run: { id: 1 } },
      { type: 'scenario.started', runKey: 'r2', files: ['b'] },
    ])
    expect(progress).toMatchObject({ runKey: 'r2', files: ['b'], finished: false, runId: null })
  })

  it('a step replaces an earlier report of the same index (an updated step)', () => {
    const progress = fold([
      { type: 'scenario.started', runKey: 'r1', files: ['a'] },
      { type: 'scenario.step', runKey: 'r1', file: 'a', step: step(0, 'failed') },
      { type: 'scenario.step', runKey: 'r1', file: 'a', step: step(0, 'updated') },
    ])
    expect(progress?.steps.a?.map((s) => s.status)).toEqual(['updated'])
  })
})

describe('statusMark', () => {
  it.each([
    ['passed', '✓'],
    ['failed', '✗'],
    ['error', '✗'],
    ['skipped', '–'],
    ['updated', '↻'],
    ['running', '…'],
    [null, '○'],
  ])('%s → %s', (status, mark) => expect(statusMark(status)).toBe(mark))
})
