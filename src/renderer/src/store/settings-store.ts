import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { Settings, SettingsPatch } from '@shared/settings'
import { client, contractChecks } from '../api/client'
import { toErrorShape } from '../lib/app-error'

export interface SettingsState {
  settings: Settings | null
  loading: boolean
  /** Loading failed. */
  error: AppErrorShape | null
  saving: boolean
  /** The last update failed; `where` points at the field. */
  saveError: AppErrorShape | null
  load(): Promise<void>
  /** Applies the patch at once (the theme must not wait for the core) and rolls back if the core refuses. */
  update(patch: SettingsPatch): Promise<boolean>
  applySettings(settings: Settings): void
}

export const initialSettingsState = {
  settings: null,
  loading: false,
  error: null,
  saving: false,
  saveError: null,
} satisfies Partial<SettingsState>

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  ...initialSettingsState,

  async load() {
    set({ loading: true, error: null })
    try {
      set({ settings: await client().call('getSettings', {}), loading: false })
    } catch (error) {
      set({ loading: false, error: toErrorShape(error) })
    }
  },

  async update(patch) {
    const before = get().settings
    if (before) set({ settings: merge(before, patch) })
    set({ saving: true, saveError: null })
    try {
      // Checked with the contract's schema before it is sent; the check loads with zod, after the change
      // is shown (the theme must not wait), and a refused patch rolls back like one the core refuses.
      const invalid = (await contractChecks()).inputProblem('updateSettings', patch)
      if (invalid) {
        set({ settings: before, saving: false, saveError: invalid })
        return false
      }
      set({ settings: await client().call('updateSettings', patch), saving: false })
      return true
    } catch (error) {
      set({ settings: before, saving: false, saveError: toErrorShape(error) })
      return false
    }
  },

  applySettings(settings) {
    set({ settings })
  },
}))

function merge(settings: Settings, patch: SettingsPatch): Settings {
  return { ...settings, ...patch, retention: { ...settings.retention, ...patch.retention } }
}

export const selectAllowAnonymous = (s: SettingsState) => s.settings?.allowAnonymous ?? false
