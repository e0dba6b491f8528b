import { create } from 'zustand'
import type { RequestDetail, RequestSummary } from '@shared/domain'
import { AppError, type AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { isEmptyFilter, sameFilter, type RequestFilter } from '../lib/filter-url'
import {
  chunk,
  EXPORT_IDS_PER_CALL,
  EXPORT_LIMIT,
  exportCount,
  exportFileName,
  exportText,
  mergeExports,
  type ExportFormat,
  type ExportScope,
} from '../lib/request-export'
import type { ReplayEdit } from '../lib/replay-draft'
import { checkRange, toggleChecked } from '../lib/selection'
import { createListSlice, initialListState, type ListSlice } from './list-slice'

export const REQUESTS_PAGE_SIZE = 100

interface RequestDetailState {
  id: number
  data: RequestDetail | null
  error: AppErrorShape | null
}

/** An action the page shows progress and failure for (replay, export, sample). */
export interface ActionState {
  busy: boolean
  error: AppErrorShape | null
}

/** An export ready to save: the page hands it to saveTextFile. */
export interface ExportFile {
  fileName: string
  text: string
  count: number
}

export interface RequestsState extends ListSlice<RequestSummary, RequestFilter> {
  selectedId: number | null
  /** The open detail panel (null = closed). */
  detail: RequestDetailState | null
  clearing: boolean
  clearError: AppErrorShape | null
  /** Rows checked for a bulk action (export), in the order they were checked. */
  checked: number[]
  /** The row the last check toggled: Shift+click checks the rows from here. */
  checkAnchor: number | null
  replaying: ActionState
  exporting: ActionState
  sample: ActionState
  select(id: number | null): void
  selectNext(step: number): void
  openDetail(id: number): Promise<void>
  closeDetail(): void
  clear(): Promise<boolean>
  toggleChecked(id: number): void
  checkRangeTo(id: number): void
  clearChecked(): void
  /** Replays a stored request (edited or as it was) and opens the new one; null when the core refused. */
  replay(id: number, edit?: ReplayEdit): Promise<number | null>
  exportRequests(format: ExportFormat, scope: ExportScope): Promise<ExportFile | null>
  /** Sends the built-in sample Telegram update through the receiver; it then arrives like any request. */
  sendSample(): Promise<number | null>
  dismissActionErrors(): void
}

const idle: ActionState = { busy: false, error: null }

export const initialRequestsState = {
  ...initialListState,
  filter: {},
  selectedId: null,
  detail: null,
  clearing: false,
  clearError: null,
  checked: [],
  checkAnchor: null,
  replaying: idle,
  exporting: idle,
  sample: idle,
} satisfies Partial<RequestsState>

export const useRequestsStore = create<RequestsState>()((set, get) => {
  const list = createListSlice<RequestSummary, RequestFilter>(
    set,
    get,
    {
      fetchPage: (filter, cursor) =>
        client().call('listRequests', { ...filter, limit: REQUESTS_PAGE_SIZE, cursor }),
      isUnfiltered: isEmptyFilter,
      sameFilter,
    },
    {},
  )

  // Runs one action with its busy flag and error in `key`; the result, or null when it failed.
  const track = async <T>(key: 'replaying' | 'exporting' | 'sample', run: () => Promise<T>) => {
    set({ [key]: { busy: true, error: null } })
    try {
      const result = await run()
      set({ [key]: idle })
      return result
    } catch (error) {
      set({ [key]: { busy: false, error: toErrorShape(error) } })
      return null
    }
  }

  return {
    ...list,
    ...initialRequestsState,

    async setFilter(filter) {
      // Checked rows belong to the view they were picked in.
      if (!sameFilter(filter, get().filter)) set({ checked: [], checkAnchor: null })
      await list.setFilter(filter)
    },

    applyCleared() {
      list.applyCleared()
      set({ selectedId: null, detail: null, checked: [], checkAnchor: null })
    },

    select(id) {
      set({ selectedId: id })
    },

    selectNext(step) {
      const { ids, selectedId, detail } = get()
      if (ids.length === 0) return
      const at = selectedId === null ? -1 : ids.indexOf(selectedId)
      const index = at === -1 ? 0 : Math.min(ids.length - 1, Math.max(0, at + step))
      const id = ids[index] as number
      if (detail) void get().openDetail(id)
      else set({ selectedId: id })
    },

    async openDetail(id) {
      const { detail } = get()
      if (detail?.id === id && detail.data) return set({ selectedId: id })
      set({ selectedId: id, detail: { id, data: null, error: null } })
      try {
        const data = await client().call('getRequest', { id })
        if (get().detail?.id === id) set({ detail: { id, data, error: null } })
      } catch (error) {
        if (get().detail?.id === id) set({ detail: { id, data: null, error: toErrorShape(error) } })
      }
    },

    closeDetail() {
      set({ detail: null, replaying: idle })
    },

    async clear() {
      set({ clearing: true, clearError: null })
      try {
        await client().call('clearRequests', {})
        get().applyCleared()
        set({ clearing: false })
        return true
      } catch (error) {
        set({ clearing: false, clearError: toErrorShape(error) })
        return false
      }
    },

    toggleChecked(id) {
      set((s) => ({ checked: toggleChecked(s.checked, id), checkAnchor: id }))
    },

    checkRangeTo(id) {
      set((s) => ({ checked: checkRange(s.ids, s.checked, s.checkAnchor, id), checkAnchor: id }))
    },

    clearChecked() {
      set({ checked: [], checkAnchor: null })
    },

    async replay(id, edit) {
      const answer = await track('replaying', () => client().call('replayRequest', { id, ...edit }))
      if (answer === null) return null
      await get().openDetail(answer.id)
      return answer.id
    },

    exportRequests(format, scope) {
      return track('exporting', async () => {
        const parts =
          scope.kind === 'filter'
            ? [await client().call('exportRequests', { ...get().filter, format, limit: EXPORT_LIMIT })]
            : await exportByIds(format, scope.kind === 'one' ? [scope.id] : scope.ids)
        const document = mergeExports(format, parts)
        if (document === null) {
          throw new AppError(
            'internal',
            'Hookbench answered the export in an unexpected shape. Reload the window.',
          )
        }
        const file: ExportFile = {
          fileName: exportFileName(format, scope, new Date()),
          text: exportText(document),
          count: exportCount(document),
        }
        return file
      })
    },

    async sendSample() {
      const answer = await track('sample', () => client().call('sendSampleRequest', {}))
      if (answer === null) return null
      set({ selectedId: answer.id })
      return answer.id
    },

    dismissActionErrors() {
      set((s) => ({
        replaying: s.replaying.busy ? s.replaying : idle,
        exporting: s.exporting.busy ? s.exporting : idle,
        sample: s.sample.busy ? s.sample : idle,
      }))
    },
  }
})

// One call per chunk, in order, so the document lists the requests in the order given.
async function exportByIds(format: ExportFormat, ids: readonly number[]): Promise<unknown[]> {
  const parts: unknown[] = []
  for (const part of chunk(ids.slice(0, EXPORT_LIMIT), EXPORT_IDS_PER_CALL)) {
    parts.push(await client().call('exportRequests', { format, ids: part.join(','), limit: part.length }))
  }
  return parts
}

export const selectRequest = (id: number) => (s: RequestsState) => s.byId[id]
export const selectIsChecked = (id: number) => (s: RequestsState) => s.checked.includes(id)
/** "No requests at all": the unfiltered view loaded and the core holds none. */
export const selectIsEmptyStore = (s: RequestsState) =>
  s.load === 'ready' && s.total === 0 && isEmptyFilter(s.filter)
