import type { Page } from '@shared/api'
import type { AppErrorShape } from '@shared/errors'
import { toErrorShape } from '../lib/app-error'
import { appendPage, emptyList, mergeHead, prependLive, type PagedList } from '../lib/paged-list'

export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

/** The part every live list store shares: a filtered, paged view the core owns, kept live by events. */
export interface ListSlice<T extends { id: number }, F> extends PagedList<T> {
  filter: F
  /** State of the first page; `loadingMore` covers the following ones. */
  load: LoadState
  loadingMore: boolean
  error: AppErrorShape | null
  paused: boolean
  /** Rows that arrived while paused. */
  unseen: number
  setFilter(filter: F): Promise<void>
  reload(): Promise<void>
  loadMore(): Promise<void>
  /** Asks the core for the newest page and puts what is new on top (filtered live, resume, reconnect). */
  refreshHead(): Promise<void>
  /** Live rows in arrival order (the live-events flush calls this once per frame). */
  applyLive(batch: readonly T[]): void
  setPaused(paused: boolean): void
  /** The core dropped every row (cleared): an empty, loaded view; answers in flight are ignored. */
  applyCleared(): void
}

type SetList<T extends { id: number }, F> = (
  partial: Partial<ListSlice<T, F>> | ((state: ListSlice<T, F>) => Partial<ListSlice<T, F>>),
) => void

export interface ListSource<T, F> {
  fetchPage(filter: F, cursor: string | undefined): Promise<Page<T>>
  isUnfiltered(filter: F): boolean
  sameFilter(a: F, b: F): boolean
}

export const initialListState = {
  ...emptyList<never>(),
  load: 'idle' as LoadState,
  loadingMore: false,
  error: null,
  paused: false,
  unseen: 0,
}

export function createListSlice<T extends { id: number }, F>(
  set: SetList<T, F>,
  get: () => ListSlice<T, F>,
  source: ListSource<T, F>,
  filter: F,
): ListSlice<T, F> {
  // Answers to superseded queries are dropped: each first page (new filter, reload) bumps the generation.
  let generation = 0
  let head: Promise<void> | null = null
  let headAgain = false
  let receivedWhileLoading = false

  const loadMore = async () => {
    const { load, loadingMore, next } = get()
    const first = load === 'idle' || load === 'error'
    if (loadingMore || load === 'loading' || (!first && next === null)) return
    const mine = first ? ++generation : generation
    if (first) receivedWhileLoading = false
    set(first ? { load: 'loading', error: null } : { loadingMore: true })
    try {
      const page = await source.fetchPage(get().filter, first ? undefined : (next ?? undefined))
      if (mine !== generation) return
      set((s) => ({ ...appendPage(s, page), load: 'ready', loadingMore: false }))
      if (first && receivedWhileLoading) void refreshHead()
    } catch (error) {
      if (mine !== generation) return
      set(
        first
          ? { load: 'error', error: toErrorShape(error) }
          : { loadingMore: false, error: toErrorShape(error) },
      )
    }
  }

  const refreshHead = (): Promise<void> => {
    headAgain = true
    if (head) return head
    const run = async () => {
      while (headAgain) {
        headAgain = false
        const mine = generation
        try {
          const page = await source.fetchPage(get().filter, undefined)
          if (mine === generation && get().load === 'ready')
            set((s) => ({ ...mergeHead(s, page), unseen: 0 }))
        } catch (error) {
          if (mine === generation) set({ error: toErrorShape(error) })
        }
      }
    }
    head = run().finally(() => {
      head = null
    })
    return head
  }

  const restart = async (patch: Partial<ListSlice<T, F>>) => {
    generation += 1
    set({ ...patch, ...emptyList<T>(), load: 'idle', loadingMore: false, error: null, unseen: 0 })
    await loadMore()
  }

  return {
    ...initialListState,
    filter,
    async setFilter(next) {
      const { filter: current, load } = get()
      if (source.sameFilter(next, current) && (load === 'ready' || load === 'loading')) return
      await restart({ filter: next })
    },
    reload: () => restart({}),
    loadMore,
    refreshHead,
    applyLive(batch) {
      const { paused, filter: current, load } = get()
      if (paused) return set((s) => ({ unseen: s.unseen + batch.length }))
      if (load === 'loading') receivedWhileLoading = true
      if (load !== 'ready') return
      // A filtered view asks the core again instead of re-implementing the filter here.
      if (!source.isUnfiltered(current)) return void refreshHead()
      set((s) => prependLive(s, batch))
    },
    setPaused(paused) {
      set({ paused })
      if (!paused && get().unseen > 0) void refreshHead()
    },
    applyCleared() {
      generation += 1
      set({ ...emptyList<T>(), load: 'ready', loadingMore: false, error: null, unseen: 0 })
    },
  }
}
