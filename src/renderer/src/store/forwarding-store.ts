import { create } from 'zustand'
import type { ForwardingInput, ForwardingState } from '@shared/bot-loop'
import type { AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import type { LoadState } from './list-slice'

export interface ForwardingStoreState {
  forwarding: ForwardingState | null
  load: LoadState
  error: AppErrorShape | null
  saving: boolean
  saveError: AppErrorShape | null
  fetch(): Promise<void>
  /** Sets the forward target; true when the core took it. */
  save(input: ForwardingInput): Promise<boolean>
  applyForwarding(forwarding: ForwardingState): void
}

export const initialForwardingState = {
  forwarding: null,
  load: 'idle' as LoadState,
  error: null,
  saving: false,
  saveError: null,
} satisfies Partial<ForwardingStoreState>

export const useForwardingStore = create<ForwardingStoreState>()((set) => ({
  ...initialForwardingState,

  async fetch() {
    set((s) => (s.load === 'ready' ? {} : { load: 'loading', error: null }))
    try {
      set({ forwarding: await client().call('getForwarding', {}), load: 'ready', error: null })
    } catch (error) {
      set({ load: 'error', error: toErrorShape(error) })
    }
  },

  async save(input) {
    set({ saving: true, saveError: null })
    try {
      set({ forwarding: await client().call('setForwarding', input), load: 'ready', saving: false })
      return true
    } catch (error) {
      set({ saving: false, saveError: toErrorShape(error) })
      return false
    }
  },

  applyForwarding(forwarding) {
    set({ forwarding, load: 'ready', error: null })
  },
}))
