import { create } from 'zustand'
import { parseHash, type PageId, type Route } from '../lib/route'

export interface UiState {
  route: Route
  /** The last view of each page, so the nav returns to it (filters included). */
  lastParams: Partial<Record<PageId, string>>
  helpOpen: boolean
  /** Width of the request detail panel in pixels (the split view's one size). */
  detailWidth: number
  navigate(page: PageId, params?: URLSearchParams | string): void
  setRoute(route: Route): void
  setHelpOpen(open: boolean): void
  setDetailWidth(width: number): void
}

export const DETAIL_MIN_WIDTH = 320
export const DETAIL_MAX_WIDTH = 1200

const initialUiState = {
  route: parseHash(''),
  lastParams: {},
  helpOpen: false,
  detailWidth: 520,
} satisfies Partial<UiState>

export const useUiStore = create<UiState>()((set) => ({
  ...initialUiState,

  navigate(page, params = '') {
    const route = { page, params: new URLSearchParams(params).toString() }
    set((s) => ({ route, lastParams: { ...s.lastParams, [page]: route.params } }))
  },

  setRoute(route) {
    set((s) => ({ route, lastParams: { ...s.lastParams, [route.page]: route.params } }))
  },

  setHelpOpen(helpOpen) {
    set({ helpOpen })
  },

  setDetailWidth(width) {
    set({ detailWidth: Math.round(Math.min(DETAIL_MAX_WIDTH, Math.max(DETAIL_MIN_WIDTH, width))) })
  },
}))
