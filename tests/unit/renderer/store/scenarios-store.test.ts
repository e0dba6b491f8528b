import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import type { RunSummary, ScenarioFileInfo } from '@shared/scenarios'
import { setClient } from '@renderer/api/client'
import { startLiveEvents } from '@renderer/store/live-events'
import {
  initialScenarioDraftState,
  useScenarioDraftStore,
  withName,
} from '@renderer/store/scenario-draft-store'
import { initialScenariosState, selectIsDirty, useScenariosStore } from '@renderer/store/scenarios-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'

const store = () => useScenariosStore.getState()
let client: FakeClient

const info = (path: string, extra: Partial<ScenarioFileInfo> = {}): ScenarioFileInfo => ({
  path,
  name: path.replace('.scenario.yaml', ''),
  steps: 2,
  problems: [],
  modifiedAt: '2026-12-04T10:00:00.000Z',
  lastRun: null,
  ...extra,
})
const run: RunSummary = {
  id: 9,
  startedAt: '2026-12-04T10:00:00.000Z',
  durationMs: 40,
  passed: 1,
  failed: 0,
  results: [],
}

beforeEach(() => {
  useScenariosStore.setState(initialScenariosState)
  useScenarioDraftStore.setState(initialScenarioDraftState)
  client = createFakeClient({
    listScenarios: () => ({ folder: '/data/scenarios', items: [info('a.scenario.yaml')] }),
    getScenario: ({ path }) => ({ path, text: 'name: a\n', problems: [] }),
    saveScenario: ({ path, text }) => ({
      path,
      text,
      problems: text.includes('sned') ? [{ message: 'unknown step sned', line: 3, column: 5 }] : [],
    }),
    deleteScenario: () => ({ deleted: true }),
    runScenarios: () => run,
    listScenarioRuns: () => ({ items: [] }),
    getScenarioRun: ({ id }) => ({ ...run, id: Number(id) }),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('scenarios store', () => {
  it('lists the folder’s files and opens one; editing marks it dirty, saving keeps the problems', async () => {
    await store().fetchFiles()
    expect(store()).toMatchObject({ folder: '/data/scenarios', paths: ['a.scenario.yaml'], load: 'ready' })
    await store().openFile('a.scenario.yaml')
    expect(selectIsDirty(store())).toBe(false)
    store().setText('name: a\nsteps:\n  - sned: {}\n')
    expect(selectIsDirty(store())).toBe(true)
    expect(await store().save()).toBe(true)
    expect(selectIsDirty(store())).toBe(false)
    expect(store().open?.problems).toEqual([{ message: 'unknown step sned', line: 3, column: 5 }])
  })

  it('creates <slug>.scenario.yaml from the starter template and opens it; an existing name is a conflict', async () => {
    await store().fetchFiles()
    expect(await store().create('Greets Ada')).toBe('greets-ada.scenario.yaml')
    const [saved] = client.callsOf('saveScenario') as { path: string; text: string }[]
    expect(saved?.path).toBe('greets-ada.scenario.yaml')
    expect(saved?.text).toMatch(/^name: "Greets Ada"\n/)
    expect(store().open?.path).toBe('greets-ada.scenario.yaml')
    expect(await store().create('a')).toBeNull()
    expect(store().fileError?.kind).toBe('conflict')
  })

  it('runs one file and keeps the run; a failing run shows the core’s sentence', async () => {
    await store().runFiles(['a.scenario.yaml'])
    expect(client.callsOf('runScenarios')).toEqual([{ paths: ['a.scenario.yaml'] }])
    expect(store()).toMatchObject({ running: false, run: { id: 9 } })
    client.handlers.runScenarios = () => {
      throw new AppError('unavailable', 'No simulated bot is connected.')
    }
    await store().runFiles()
    expect(client.callsOf('runScenarios')[1]).toEqual({})
    expect(store().runError).toEqual({ kind: 'unavailable', message: 'No simulated bot is connected.' })
  })

  it('deletes the open file and closes it', async () => {
    await store().openFile('a.scenario.yaml')
    expect(await store().remove('a.scenario.yaml')).toBe(true)
    expect(store().open).toBeNull()
  })
})

describe('live scenario events', () => {
  it('route run progress, recordings and file changes to their stores, once per frame', async () => {
    const frames: (() => void)[] = []
    const stop = startLiveEvents(client, { scheduleFrame: (flush) => void frames.push(flush) })
    await store().fetchFiles()
    const listed = client.callsOf('listScenarios').length
    client.emit({ type: 'scenario.started', runKey: 'k', files: ['a.scenario.yaml'] })
    client.emit({
      type: 'scenario.step',
      runKey: 'k',
      file: 'a.scenario.yaml',
      step: {
        index: 0,
        kind: 'send',
        line: 4,
        title: 'send ada: /start',
        status: 'passed',
        durationMs: 3,
        error: null,
        expected: null,
        actual: null,
        transcript: [],
        calls: [],
      },
    })
    const recording = { id: 1, chatId: 5, startedAt: 'x', stoppedAt: null, yaml: 'name: r\n', steps: 2 }
    client.emit({ type: 'recording.changed', recording })
    client.emit({ type: 'scenarios.changed' })
    expect(store().progress).toBeNull()
    frames.splice(0).forEach((flush) => flush())
    expect(store().progress?.steps['a.scenario.yaml']?.[0]?.title).toBe('send ada: /start')
    expect(useScenarioDraftStore.getState().recordings[5]?.steps).toBe(2)
    await settled()
    expect(client.callsOf('listScenarios').length).toBe(listed + 1)
    stop()
  })
})

describe('scenario draft store', () => {
  it('records a chat, then saves the stopped recording as <slug>.scenario.yaml with the given name', async () => {
    const rec = (stoppedAt: string | null) => ({
      id: 3,
      chatId: 5,
      startedAt: 't',
      stoppedAt,
      yaml: 'name: recorded\nchats: {}\n',
      steps: 4,
    })
    client.handlers.recordScenario = ({ action }) => rec(action === 'stop' ? 'u' : null)
    const draft = () => useScenarioDraftStore.getState()
    await draft().record(5, 'start')
    expect(draft().recordings[5]?.stoppedAt).toBeNull()
    await draft().record(5, 'stop')
    expect(client.callsOf('recordScenario')).toEqual([
      { chatId: 5, action: 'start' },
      { chatId: 5, action: 'stop' },
    ])
    expect(await draft().saveAs('Ada says hi', draft().recordings[5]!.yaml)).toBe('ada-says-hi.scenario.yaml')
    expect(client.callsOf('saveScenario')).toEqual([
      { path: 'ada-says-hi.scenario.yaml', text: 'name: "Ada says hi"\nchats: {}\n' },
    ])
    expect(draft().savedPath).toBe('ada-says-hi.scenario.yaml')
  })

  it('makes a scenario from a Conversations chat between two times', async () => {
    client.handlers.scenarioFromConversation = () => ({ yaml: 'name: x\n', steps: 3 })
    await useScenarioDraftStore.getState().makeFromChat({ chatId: 7, from: '2026-12-04T10:00:00.000Z' })
    expect(client.callsOf('scenarioFromConversation')).toEqual([
      { chatId: 7, from: '2026-12-04T10:00:00.000Z' },
    ])
    expect(useScenarioDraftStore.getState().fromChat).toEqual({ chatId: 7, yaml: 'name: x\n', steps: 3 })
  })

  it.each([
    ['name: old\nsteps: []\n', 'New', 'name: "New"\nsteps: []\n'],
    ['chats: {}\n', 'New', 'name: "New"\nchats: {}\n'],
    ['name: old\n', '  ', 'name: old\n'],
  ])('withName(%j, %j)', (yaml, name, out) => expect(withName(yaml, name)).toBe(out))
})

describe('scenarios store, opening while typing', () => {
  it('keeps what was typed into the file while its copy from disk was still loading', async () => {
    let answer!: (value: { path: string; text: string; problems: [] }) => void
    client.handlers.getScenario = ({ path }) =>
      new Promise((resolve) => {
        answer = resolve
        void path
      })
    useScenariosStore.setState({
      open: { path: 'a.scenario.yaml', text: 'name: a\n', savedText: 'name: a\n', problems: [] },
    })
    const opening = store().openFile('a.scenario.yaml')
    store().setText('name: typed\n')
    answer({ path: 'a.scenario.yaml', text: 'name: a\n', problems: [] })
    await opening
    expect(store().open?.text).toBe('name: typed\n')
    expect(store().openLoad).toBe('ready')
  })
})

describe('scenarios store, opening the file being edited', () => {
  it('keeps unsaved edits and does not ask the core again', async () => {
    useScenariosStore.setState({
      open: { path: 'a.scenario.yaml', text: 'name: typed\n', savedText: 'name: a\n', problems: [] },
    })
    await store().openFile('a.scenario.yaml')
    expect(store().open?.text).toBe('name: typed\n')
    expect(client.callsOf('getScenario')).toEqual([])
  })
})
