import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { SimWebhook, SimWebhookAttempt } from '@shared/simulator'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import type { LoadState } from './list-slice'

/** The Simulator page's Webhook panel: one bot's webhook state and its newest delivery attempts. */
export interface SimWebhookState {
  botId: number | null
  webhook: SimWebhook | null
  load: LoadState
  error: AppErrorShape | null
  /** Loads the webhook of `botId` (the open chat's bot). */
  show(botId: number): Promise<void>
  /** Live `simulator.webhookAttempted` events: the shown bot's counts and last error changed, ask again. */
  applyAttempts(attempts: readonly SimWebhookAttempt[]): void
}

export const initialSimWebhookState = {
  botId: null,
  webhook: null,
  load: 'idle' as LoadState,
  error: null,
} satisfies Partial<SimWebhookState>

export const useSimWebhookStore = create<SimWebhookState>()((set, get) => ({
  ...initialSimWebhookState,

  async show(botId) {
    if (get().botId !== botId) set({ botId, webhook: null, load: 'loading', error: null })
    try {
      const webhook = await client().call('getSimWebhook', { id: botId, limit: 50 })
      if (get().botId === botId) set({ webhook, load: 'ready', error: null })
    } catch (error) {
      if (get().botId === botId) set({ load: 'error', error: toErrorShape(error) })
    }
  },

  applyAttempts(attempts) {
    const { botId, load } = get()
    if (botId !== null && load === 'ready' && attempts.some((a) => a.botId === botId)) void get().show(botId)
  },
}))
