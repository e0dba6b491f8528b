import { create } from 'zustand'
import type { Status } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { client, type ConnectionState } from '../api/client'
import { toErrorShape } from '../lib/app-error'

export interface StatusState {
  status: Status | null
  loading: boolean
  error: AppErrorShape | null
  connection: ConnectionState
  /** An answer failed its contract check after it was shown (api/client.ts checkOutput): reload the window. */
  mismatch: AppErrorShape | null
  load(): Promise<void>
  applyStatus(status: Status): void
  /** Keeps the stored-request count live between status snapshots. */
  applyCounts(change: { received?: number; deleted?: number; cleared?: boolean; retentionAt?: string }): void
  setConnection(connection: ConnectionState): void
  setMismatch(error: AppErrorShape): void
}

export const initialStatusState = {
  status: null,
  loading: false,
  error: null,
  connection: 'connecting',
  mismatch: null,
} satisfies Partial<StatusState>

export const useStatusStore = create<StatusState>()((set, get) => ({
  ...initialStatusState,

  async load() {
    set({ loading: true, error: null })
    try {
      set({ status: await client().call('getStatus', {}), loading: false })
    } catch (error) {
      set({ loading: false, error: toErrorShape(error) })
    }
  },

  setMismatch(mismatch) {
    set({ mismatch })
  },

  applyStatus(status) {
    set({ status, error: null })
  },

  applyCounts({ received = 0, deleted = 0, cleared = false, retentionAt }) {
    const { status } = get()
    if (!status) return
    const requests = cleared ? 0 : Math.max(0, status.storage.requests + received - deleted)
    const lastRetention = retentionAt ? { at: retentionAt, deleted } : status.storage.lastRetention
    set({ status: { ...status, storage: { ...status.storage, requests, lastRetention } } })
  },

  setConnection(connection) {
    set({ connection })
  },
}))

export const selectReceiverUrl = (s: StatusState) => s.status?.receiver.url ?? null
