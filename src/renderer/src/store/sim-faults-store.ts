import { create } from 'zustand'
import type { Input } from '@shared/api'
import type { AppErrorShape } from '@shared/errors'
import type { SimFault } from '@shared/simulator'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import type { LoadState } from './list-slice'

export interface SimFaultsState {
  faults: SimFault[]
  load: LoadState
  error: AppErrorShape | null
  adding: boolean
  fetch(): Promise<void>
  add(input: Input<'addSimFault'>): Promise<boolean>
  remove(id: number): Promise<void>
  clear(): Promise<void>
}

export const initialSimFaultsState = {
  faults: [],
  load: 'idle' as LoadState,
  error: null,
  adding: false,
} satisfies Partial<SimFaultsState>

export const useSimFaultsStore = create<SimFaultsState>()((set, get) => {
  const act = async (call: () => Promise<unknown>) => {
    set({ error: null })
    try {
      await call()
    } catch (error) {
      set({ error: toErrorShape(error) })
    }
    await get().fetch()
  }
  return {
    ...initialSimFaultsState,

    async fetch() {
      if (get().load !== 'ready') set({ load: 'loading' })
      try {
        const { items } = await client().call('listSimFaults', {})
        set({ faults: items, load: 'ready' })
      } catch (error) {
        set({ load: 'error', error: toErrorShape(error) })
      }
    },

    async add(input) {
      set({ adding: true, error: null })
      try {
        await client().call('addSimFault', input)
        set({ adding: false })
        await get().fetch()
        return true
      } catch (error) {
        set({ adding: false, error: toErrorShape(error) })
        return false
      }
    },

    remove: (id) => act(() => client().call('deleteSimFault', { id })),
    clear: () => act(() => client().call('clearSimFaults', {})),
  }
})
