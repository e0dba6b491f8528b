import { create } from 'zustand'
import type { Input } from '@shared/api'
import type { AppErrorShape } from '@shared/errors'
import type { TelegramConnection } from '@shared/telegram'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import {
  furthestStep,
  shownStep,
  tokenProblem,
  webhookInput,
  type ReachabilityDraft,
  type WebhookDraft,
  type WizardStep,
} from '../lib/wizard'
import type { LoadState } from './list-slice'

/** The wizard's schema checks load with zod when a step is first submitted (wizard-checks.ts). */
const wizardChecks = () => import('../lib/wizard-checks')

export type TelegramTask =
  'connect' | 'reachability' | 'webhook' | 'register' | 'check' | 'disconnect' | 'simulator'

export interface TelegramState {
  connection: TelegramConnection | null
  load: LoadState
  loadError: AppErrorShape | null
  /** The call in flight, if any: one at a time. */
  busy: TelegramTask | null
  /** The last failed step, with the core's sentence (shown verbatim) and where it points. */
  error: AppErrorShape | null
  /** The screen the user moved to; null follows the connect flow. */
  view: WizardStep | null
  /** User, password, secret and query, kept across the two webhook screens; empty means "generate". */
  webhook: WebhookDraft
  fetch(): Promise<void>
  goTo(step: WizardStep): void
  connect(token: string): Promise<boolean>
  setReachability(input: ReachabilityDraft): Promise<boolean>
  editWebhook(patch: Partial<WebhookDraft>): void
  /** Checks the user and secret before moving on to the URL screen (no call: prepareWebhook takes both). */
  confirmCredentials(): Promise<boolean>
  prepareWebhook(): Promise<boolean>
  register(input: Input<'registerWebhook'>): Promise<boolean>
  check(): Promise<boolean>
  disconnect(restorePrevious: boolean): Promise<boolean>
  switchToSimulator(): Promise<boolean>
  applyConnection(connection: TelegramConnection): void
}

export const DEFAULT_QUERY = 'command.message=message.text'

export const initialTelegramState = {
  connection: null,
  load: 'idle' as LoadState,
  loadError: null,
  busy: null,
  error: null,
  view: null,
  webhook: { user: '', password: '', secretToken: '', query: DEFAULT_QUERY },
} satisfies Partial<TelegramState>

export const useTelegramStore = create<TelegramState>()((set, get) => {
  /** Runs one step's call; on success shows `next` (when given), on failure keeps the error. */
  const run = async (
    task: TelegramTask,
    call: () => Promise<TelegramConnection>,
    next?: (connection: TelegramConnection) => WizardStep | null,
  ): Promise<boolean> => {
    if (get().busy) return false
    set({ busy: task, error: null })
    try {
      const connection = await call()
      set({ connection, busy: null, load: 'ready', ...(next && { view: next(connection) }) })
      return true
    } catch (error) {
      set({ busy: null, error: toErrorShape(error) })
      // The flow records the failure (lastError, hint) in its state: show that too.
      void get().fetch()
      return false
    }
  }
  const invalid = (error: AppErrorShape): false => {
    set({ error })
    return false
  }

  return {
    ...initialTelegramState,

    async fetch() {
      if (get().load !== 'ready') set({ load: 'loading', loadError: null })
      try {
        const connection = await client().call('getTelegram', {})
        set({ connection, load: 'ready', loadError: null })
        if (get().webhook.query === DEFAULT_QUERY && connection.webhook?.query)
          set((s) => ({ webhook: { ...s.webhook, query: connection.webhook?.query ?? DEFAULT_QUERY } }))
      } catch (error) {
        if (get().load !== 'ready') set({ load: 'error', loadError: toErrorShape(error) })
      }
    },

    goTo(step) {
      set({ view: step, error: null })
    },

    connect(token) {
      const problem = tokenProblem(token)
      if (problem)
        return Promise.resolve(
          invalid({ kind: 'invalid_input', message: problem, where: [{ path: ['token'] }] }),
        )
      return run(
        'connect',
        () => client().call('connectBot', { token: token.trim() }),
        () => 'reachability',
      )
    },

    async setReachability(input) {
      const { reachabilityProblem } = await wizardChecks()
      const problem = reachabilityProblem(input, get().connection?.strict ?? true)
      if (problem) return invalid(problem)
      return run(
        'reachability',
        () => client().call('setReachability', input),
        (c) => (c.reachability?.state === 'error' ? 'reachability' : 'credentials'),
      )
    },

    editWebhook(patch) {
      set((s) => ({ webhook: { ...s.webhook, ...patch }, error: null }))
    },

    async confirmCredentials() {
      const { webhookProblem } = await wizardChecks()
      const problem = webhookProblem(get().webhook)
      if (problem) return invalid(problem)
      set({ view: 'url', error: null })
      return true
    },

    async prepareWebhook() {
      const { webhookProblem } = await wizardChecks()
      const problem = webhookProblem(get().webhook)
      if (problem) return invalid(problem)
      return run(
        'webhook',
        () => client().call('prepareWebhook', webhookInput(get().webhook)),
        () => 'register',
      )
    },

    register(input) {
      return run(
        'register',
        () => client().call('registerWebhook', input),
        (c) => (c.step === 'wait' || c.step === 'done' ? 'check' : 'register'),
      )
    },

    check() {
      return run('check', () => client().call('checkWebhook', {}))
    },

    disconnect(restorePrevious) {
      return run(
        'disconnect',
        () => client().call('disconnectTelegram', { restorePrevious }),
        () => null,
      )
    },

    switchToSimulator() {
      // The answer carries the simulated bot's token: it is not kept in the window.
      return run(
        'simulator',
        async () => {
          const { token: _token, ...connection } = await client().call('useSimulator', {})
          return connection
        },
        () => null,
      )
    },

    applyConnection(connection) {
      set({ connection, load: 'ready' })
    },
  }
})

/** The wizard screen on show. */
export const selectShownStep = (s: TelegramState): WizardStep => shownStep(s.view, s.connection)

/** True on first run: nothing connected yet (the app then opens the wizard). */
export const selectNeedsSetup = (s: TelegramState): boolean =>
  s.load === 'ready' && furthestStep(s.connection) === 'token' && !s.connection?.simulated
