import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { RunHead, RunSummary, ScenarioFileInfo, ScenarioProblem } from '@shared/scenarios'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { reduceProgress, type ProgressEvent, type RunProgress } from '../lib/scenario-progress'
import { scenarioFileName, starterScenario } from '../lib/scenario-file'
import type { LoadState } from './list-slice'

/** The file open in the editor: what is on disk and what is being typed. */
export interface OpenScenario {
  path: string
  text: string
  savedText: string
  problems: ScenarioProblem[]
}

export interface ScenariosState {
  folder: string | null
  paths: string[]
  files: Record<string, ScenarioFileInfo>
  load: LoadState
  error: AppErrorShape | null
  open: OpenScenario | null
  openLoad: LoadState
  /** A failed open, save, create or delete. */
  fileError: AppErrorShape | null
  saving: boolean
  running: boolean
  runError: AppErrorShape | null
  progress: RunProgress | null
  runs: RunHead[]
  runsLoad: LoadState
  /** The run whose results are shown. */
  run: RunSummary | null
  fetchFiles(): Promise<void>
  openFile(path: string): Promise<void>
  setText(text: string): void
  save(): Promise<boolean>
  create(name: string): Promise<string | null>
  remove(path: string): Promise<boolean>
  runFiles(paths?: string[]): Promise<void>
  fetchRuns(): Promise<void>
  showRun(id: number): Promise<void>
  applyProgress(events: readonly ProgressEvent[]): void
  applyChanged(): void
}

export const initialScenariosState = {
  folder: null,
  paths: [],
  files: {},
  load: 'idle' as LoadState,
  error: null,
  open: null,
  openLoad: 'idle' as LoadState,
  fileError: null,
  saving: false,
  running: false,
  runError: null,
  progress: null,
  runs: [],
  runsLoad: 'idle' as LoadState,
  run: null,
} satisfies Partial<ScenariosState>

export const useScenariosStore = create<ScenariosState>()((set, get) => ({
  ...initialScenariosState,

  async fetchFiles() {
    if (get().load !== 'ready') set({ load: 'loading', error: null })
    try {
      const { folder, items } = await client().call('listScenarios', {})
      set({
        folder,
        paths: items.map((f) => f.path),
        files: Object.fromEntries(items.map((f) => [f.path, f])),
        load: 'ready',
        error: null,
      })
    } catch (error) {
      set({ load: 'error', error: toErrorShape(error) })
    }
  },

  async openFile(path) {
    const before = get().open
    // Opening the file being edited (its link, or the hash a new file sets) keeps the unsaved edits.
    if (before?.path === path && before.text !== before.savedText) return
    set({ openLoad: 'loading', fileError: null })
    try {
      const file = await client().call('getScenario', { path })
      // Typing in this file while it loaded (a just-created file opens twice) wins over the disk's copy.
      const now = get().open
      if (now !== before && now?.path === path) return set({ openLoad: 'ready' })
      set({ open: { ...file, savedText: file.text }, openLoad: 'ready' })
    } catch (error) {
      set({ openLoad: 'error', fileError: toErrorShape(error) })
    }
  },

  setText(text) {
    const open = get().open
    if (open) set({ open: { ...open, text } })
  },

  async save() {
    const open = get().open
    if (!open || get().saving) return false
    set({ saving: true, fileError: null })
    try {
      const saved = await client().call('saveScenario', { path: open.path, text: open.text })
      // Typing may have gone on while saving: keep it, mark what was saved.
      set((s) => ({
        saving: false,
        open:
          s.open?.path === saved.path
            ? { ...s.open, savedText: saved.text, problems: saved.problems }
            : s.open,
      }))
      void get().fetchFiles()
      return true
    } catch (error) {
      set({ saving: false, fileError: toErrorShape(error) })
      return false
    }
  },

  async create(name) {
    const path = scenarioFileName(name)
    set({ fileError: null })
    if (get().files[path]) {
      set({ fileError: { kind: 'conflict', message: `${path} already exists. Choose another name.` } })
      return null
    }
    try {
      const saved = await client().call('saveScenario', { path, text: starterScenario(name) })
      set({ open: { ...saved, savedText: saved.text }, openLoad: 'ready' })
      await get().fetchFiles()
      return saved.path
    } catch (error) {
      set({ fileError: toErrorShape(error) })
      return null
    }
  },

  async remove(path) {
    set({ fileError: null })
    try {
      await client().call('deleteScenario', { path })
      set((s) => ({ open: s.open?.path === path ? null : s.open }))
      await get().fetchFiles()
      return true
    } catch (error) {
      set({ fileError: toErrorShape(error) })
      return false
    }
  },

  async runFiles(paths) {
    if (get().running) return
    set({ running: true, runError: null, progress: null })
    try {
      const run = await client().call('runScenarios', paths ? { paths } : {})
      set({ running: false, run })
      void get().fetchRuns()
      void get().fetchFiles()
    } catch (error) {
      set({ running: false, runError: toErrorShape(error) })
    }
  },

  async fetchRuns() {
    if (get().runsLoad !== 'ready') set({ runsLoad: 'loading' })
    try {
      const { items } = await client().call('listScenarioRuns', { limit: 50 })
      set({ runs: items, runsLoad: 'ready' })
    } catch (error) {
      set({ runsLoad: 'error', runError: toErrorShape(error) })
    }
  },

  async showRun(id) {
    set({ runError: null })
    try {
      set({ run: await client().call('getScenarioRun', { id }) })
    } catch (error) {
      set({ runError: toErrorShape(error) })
    }
  },

  applyProgress(events) {
    if (events.length === 0) return
    let progress = get().progress
    for (const event of events) progress = reduceProgress(progress, event)
    set({ progress })
    if (events.some((e) => e.type === 'scenario.finished') && get().runsLoad === 'ready')
      void get().fetchRuns()
  },

  applyChanged() {
    if (get().load === 'ready') void get().fetchFiles()
  },
}))

export const selectIsDirty = (s: ScenariosState): boolean =>
  s.open ? s.open.text !== s.open.savedText : false
