import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { ImportResult, RuleSummary } from '@shared/rules-api'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import type { LoadState } from './list-slice'

export interface RulesState {
  ids: string[]
  byId: Record<string, RuleSummary>
  load: LoadState
  error: AppErrorShape | null
  /** Rules picked for export. */
  selected: string[]
  /** Rules whose enabled switch is being saved. */
  toggling: string[]
  /** A failed toggle, delete or export: shown above the list. */
  actionError: AppErrorShape | null
  importing: boolean
  importReport: { fileName: string; result: ImportResult } | null
  importError: AppErrorShape | null
  fetch(): Promise<void>
  setEnabled(id: string, enabled: boolean): Promise<void>
  remove(id: string): Promise<boolean>
  setSelected(ids: readonly string[]): void
  importXml(fileName: string, text: string): Promise<void>
  dismissImport(): void
  /** The rules XML of the selection (or of all rules when nothing is selected); null when it failed. */
  exportXml(): Promise<string | null>
  /** Something changed in the core (rules.changed, an alert): the list asks again when it is shown. */
  applyChanged(): void
}

export const initialRulesState = {
  ids: [],
  byId: {},
  load: 'idle' as LoadState,
  error: null,
  selected: [],
  toggling: [],
  actionError: null,
  importing: false,
  importReport: null,
  importError: null,
} satisfies Partial<RulesState>

export const useRulesStore = create<RulesState>()((set, get) => {
  let generation = 0
  let refetch: Promise<void> | null = null
  let again = false

  return {
    ...initialRulesState,

    async fetch() {
      const mine = ++generation
      if (get().load !== 'ready') set({ load: 'loading', error: null })
      try {
        const { items } = await client().call('listRules', {})
        if (mine !== generation) return
        const byId = Object.fromEntries(items.map((rule) => [rule.id, rule]))
        set((s) => ({
          ids: items.map((rule) => rule.id),
          byId,
          load: 'ready',
          error: null,
          selected: s.selected.filter((id) => id in byId),
        }))
      } catch (error) {
        if (mine === generation) set({ load: 'error', error: toErrorShape(error) })
      }
    },

    async setEnabled(id, enabled) {
      const rule = get().byId[id]
      if (!rule || get().toggling.includes(id)) return
      set((s) => ({
        toggling: [...s.toggling, id],
        actionError: null,
        byId: { ...s.byId, [id]: { ...rule, enabled } },
      }))
      try {
        const { rule: saved } = await client().call('updateRule', { ...ruleInputOf(rule), id, enabled })
        set((s) => ({ byId: { ...s.byId, [id]: { ...rule, ...saved } } }))
      } catch (error) {
        set((s) => ({ byId: { ...s.byId, [id]: rule }, actionError: toErrorShape(error) }))
      } finally {
        set((s) => ({ toggling: s.toggling.filter((t) => t !== id) }))
      }
    },

    async remove(id) {
      set({ actionError: null })
      try {
        await client().call('deleteRule', { id })
        set((s) => {
          const byId = { ...s.byId }
          delete byId[id]
          return { byId, ids: s.ids.filter((r) => r !== id), selected: s.selected.filter((r) => r !== id) }
        })
        return true
      } catch (error) {
        set({ actionError: toErrorShape(error) })
        return false
      }
    },

    setSelected(ids) {
      set({ selected: [...ids] })
    },

    async importXml(fileName, text) {
      set({ importing: true, importError: null, importReport: null })
      try {
        const result = await client().call('importRules', { text })
        set({ importing: false, importReport: { fileName, result } })
        await get().fetch()
      } catch (error) {
        set({ importing: false, importError: toErrorShape(error) })
      }
    },

    dismissImport() {
      set({ importReport: null, importError: null })
    },

    async exportXml() {
      set({ actionError: null })
      const { selected } = get()
      try {
        return await client().call('exportRules', selected.length > 0 ? { ids: selected.join(',') } : {})
      } catch (error) {
        set({ actionError: toErrorShape(error) })
        return null
      }
    },

    applyChanged() {
      if (get().load !== 'ready') return
      // One fetch at a time; changes during it ask for one more, so the last change is always seen.
      if (refetch) {
        again = true
        return
      }
      refetch = get()
        .fetch()
        .finally(() => {
          refetch = null
          if (again) {
            again = false
            get().applyChanged()
          }
        })
    },
  }
})

/** A listed rule as updateRule takes it: without what the engine adds. */
function ruleInputOf(rule: RuleSummary) {
  const {
    openAlerts: _open,
    lastFiredAt: _fired,
    lastError: _error,
    createdAt: _c,
    updatedAt: _u,
    ...input
  } = rule
  return input
}

export const selectRule = (id: string) => (s: RulesState) => s.byId[id]
