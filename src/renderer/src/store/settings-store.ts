import { create } from 'zustand'
import { api } from '@shared/api'
import type { AppErrorShape } from '@shared/errors'
import type { Settings, SettingsPatch } from '@shared/settings'
import { client } from '../api/client'
import { fromZodError, toErrorShape } from '../lib/app-error'

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
    const checked = api.updateSettings.input.safeParse(patch)
    if (!checked.success) {
      set({ saveError: fromZodError(checked.error) })
      return false
    }
    const before = get().settings
    if (before) set({ settings: merge(before, patch) })
    set({ saving: true, saveError: null })
    try {
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
