import { create } from 'zustand'
import type { RequestDetail, RequestSummary } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { isEmptyFilter, sameFilter, type RequestFilter } from '../lib/filter-url'
import { createListSlice, initialListState, type ListSlice } from './list-slice'

export const REQUESTS_PAGE_SIZE = 100

interface RequestDetailState {
  id: number
  data: RequestDetail | null
  error: AppErrorShape | null
}

export interface RequestsState extends ListSlice<RequestSummary, RequestFilter> {
  selectedId: number | null
  /** The open detail panel (null = closed). */
  detail: RequestDetailState | null
  clearing: boolean
  clearError: AppErrorShape | null
  select(id: number | null): void
  selectNext(step: number): void
  openDetail(id: number): Promise<void>
  closeDetail(): void
  clear(): Promise<boolean>
}

export const initialRequestsState = {
  ...initialListState,
  filter: {},
  selectedId: null,
  detail: null,
  clearing: false,
  clearError: null,
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
  return {
    ...list,
    ...initialRequestsState,

    applyCleared() {
      list.applyCleared()
      set({ selectedId: null, detail: null })
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
      set({ detail: null })
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
  }
})

export const selectRequest = (id: number) => (s: RequestsState) => s.byId[id]
/** "No requests at all": the unfiltered view loaded and the core holds none. */
export const selectIsEmptyStore = (s: RequestsState) =>
  s.load === 'ready' && s.total === 0 && isEmptyFilter(s.filter)
