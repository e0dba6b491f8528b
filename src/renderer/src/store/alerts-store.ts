import { create } from 'zustand'
import type { Alert, AlertDetail, Delivery } from '@shared/alerts'
import type { AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import type { LoadState } from './list-slice'

export type AlertsTab = 'open' | 'history'

/** One live change, as `alert.changed` carries it. */
export interface AlertChange {
  alert: Alert
  transition: Alert['status'] | 'ACKNOWLEDGED' | 'CLOSED'
}

interface AlertList {
  ids: number[]
  load: LoadState
  error: AppErrorShape | null
  next: string | null
  total: number
}

const emptyList = (): AlertList => ({ ids: [], load: 'idle', error: null, next: null, total: 0 })

export interface AlertsState {
  byId: Record<number, Alert>
  open: AlertList
  history: AlertList
  loadingMore: boolean
  selectedId: number | null
  details: Record<number, AlertDetail>
  detailLoad: LoadState
  detailError: AppErrorShape | null
  /** Alerts with an acknowledge or close in flight. */
  busy: number[]
  actionError: AppErrorShape | null
  /** The latest live change, for the page's announcement ("… cancelled"). */
  lastChange: AlertChange | null
  loadTab(tab: AlertsTab): Promise<void>
  loadMoreHistory(): Promise<void>
  select(id: number | null): Promise<void>
  acknowledge(id: number): Promise<void>
  close(id: number): Promise<void>
  applyChanges(batch: readonly AlertChange[]): void
  applyDeliveries(batch: readonly Delivery[]): void
}

export const initialAlertsState = {
  byId: {},
  open: emptyList(),
  history: emptyList(),
  loadingMore: false,
  selectedId: null,
  details: {},
  detailLoad: 'idle' as LoadState,
  detailError: null,
  busy: [],
  actionError: null,
  lastChange: null,
} satisfies Partial<AlertsState>

const QUERY = { open: 'open', history: 'all' } as const

export const useAlertsStore = create<AlertsState>()((set, get) => {
  const generation = { open: 0, history: 0 }
  let detailGeneration = 0

  const fetchTab = async (tab: AlertsTab, cursor?: string) => {
    const page = await client().call('listAlerts', { status: QUERY[tab], limit: 100, cursor })
    return page
  }

  const loadDetail = async (id: number) => {
    const mine = ++detailGeneration
    try {
      const detail = await client().call('getAlert', { id })
      if (mine !== detailGeneration) return
      set((s) => ({
        details: { ...s.details, [id]: detail },
        byId: { ...s.byId, [id]: withoutHistory(detail) },
        detailLoad: 'ready',
        detailError: null,
      }))
    } catch (error) {
      if (mine === detailGeneration) set({ detailLoad: 'error', detailError: toErrorShape(error) })
    }
  }

  const act = async (id: number, name: 'acknowledgeAlert' | 'closeAlert') => {
    if (get().busy.includes(id)) return
    set((s) => ({ busy: [...s.busy, id], actionError: null }))
    try {
      const alert = await client().call(name, { id })
      get().applyChanges([{ alert, transition: name === 'closeAlert' ? 'CLOSED' : 'ACKNOWLEDGED' }])
    } catch (error) {
      set({ actionError: toErrorShape(error) })
    } finally {
      set((s) => ({ busy: s.busy.filter((b) => b !== id) }))
    }
  }

  return {
    ...initialAlertsState,

    async loadTab(tab) {
      const mine = ++generation[tab]
      set((s) => ({ [tab]: { ...s[tab], load: s[tab].load === 'ready' ? 'ready' : 'loading', error: null } }))
      try {
        const page = await fetchTab(tab)
        if (mine !== generation[tab]) return
        set((s) => ({
          byId: { ...s.byId, ...indexById(page.items) },
          [tab]: {
            ids: page.items.map((a) => a.id),
            load: 'ready',
            error: null,
            next: page.next,
            total: page.total,
          },
        }))
      } catch (error) {
        if (mine === generation[tab])
          set((s) => ({ [tab]: { ...s[tab], load: 'error', error: toErrorShape(error) } }))
      }
    },

    async loadMoreHistory() {
      const { history, loadingMore } = get()
      if (loadingMore || history.next === null) return
      const mine = generation.history
      set({ loadingMore: true })
      try {
        const page = await fetchTab('history', history.next)
        if (mine !== generation.history) return
        set((s) => ({
          byId: { ...s.byId, ...indexById(page.items) },
          history: {
            ...s.history,
            ids: [
              ...s.history.ids,
              ...page.items.map((a) => a.id).filter((id) => !s.history.ids.includes(id)),
            ],
            next: page.next,
          },
        }))
      } catch (error) {
        set((s) => ({ history: { ...s.history, error: toErrorShape(error) } }))
      } finally {
        set({ loadingMore: false })
      }
    },

    async select(id) {
      set({ selectedId: id, detailError: null, detailLoad: id === null ? 'idle' : 'loading' })
      if (id !== null) await loadDetail(id)
    },

    acknowledge: (id) => act(id, 'acknowledgeAlert'),
    close: (id) => act(id, 'closeAlert'),

    applyChanges(batch) {
      if (batch.length === 0) return
      set((s) => {
        const byId = { ...s.byId }
        let openIds = s.open.ids
        let historyIds = s.history.ids
        for (const { alert } of batch) {
          byId[alert.id] = alert
          const listed = openIds.includes(alert.id)
          if (alert.open && !listed && s.open.load === 'ready') openIds = [alert.id, ...openIds]
          if (!alert.open && listed) openIds = openIds.filter((id) => id !== alert.id)
          if (!historyIds.includes(alert.id) && s.history.load === 'ready')
            historyIds = [alert.id, ...historyIds]
        }
        return {
          byId,
          open: { ...s.open, ids: openIds, total: s.open.total + openIds.length - s.open.ids.length },
          history: {
            ...s.history,
            ids: historyIds,
            total: s.history.total + historyIds.length - s.history.ids.length,
          },
          lastChange: batch.at(-1) ?? null,
        }
      })
      const { selectedId } = get()
      if (selectedId !== null && batch.some((change) => change.alert.id === selectedId))
        void loadDetail(selectedId)
    },

    applyDeliveries(batch) {
      const { selectedId } = get()
      if (selectedId !== null && batch.some((delivery) => delivery.alertId === selectedId))
        void loadDetail(selectedId)
    },
  }
})

function indexById(items: readonly Alert[]): Record<number, Alert> {
  return Object.fromEntries(items.map((alert) => [alert.id, alert]))
}

function withoutHistory(detail: AlertDetail): Alert {
  const { events: _events, deliveries: _deliveries, ...alert } = detail
  return alert
}

export const selectAlert = (id: number) => (s: AlertsState) => s.byId[id]
export const selectSelectedDetail = (s: AlertsState): AlertDetail | null =>
  s.selectedId === null ? null : (s.details[s.selectedId] ?? null)
