import type { Input, Output } from '@shared/api'
import type { MethodName } from '@shared/api-names'
import { AppError } from '@shared/errors'
import type { CoreEvent } from '@shared/events'
import type * as ContractChecksModule from './contract-checks'

/** What the window may do besides calling the core: the one place the renderer learns its shell. */
export interface Capabilities {
  shell: 'electron' | 'browser'
  keychain: boolean
  notifications: boolean
}

/** State of the live event stream (IPC is always connected; the WebSocket reconnects with backoff). */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

/** The only door from the renderer to the core. Both implementations reject with `AppError`. */
export interface HookbenchClient {
  call<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>>
  /** Every valid `CoreEvent`; invalid ones are dropped. Returns unsubscribe. */
  subscribe(listener: (event: CoreEvent) => void): () => void
  /** Called at once with the current state, then on every change. Returns unsubscribe. */
  onConnection(listener: (state: ConnectionState) => void): () => void
  readonly capabilities: Capabilities
  /** Browser shell only: forgets this window's session server-side (the UI link signs in again). */
  signOut?(): Promise<void>
}

/** What the Electron preload exposes as `window.hookbench`. */
export interface HookbenchBridge {
  methods: Record<MethodName, (input: unknown) => Promise<unknown>>
  onEvent(listener: (event: unknown) => void): () => void
  capabilities?: unknown
}

declare global {
  interface Window {
    hookbench?: HookbenchBridge
  }
}

let current: HookbenchClient | null = null

/** Installs the client the stores use (main.tsx at boot; tests install a fake). */
export function setClient(next: HookbenchClient | null): void {
  current = next
}

export function client(): HookbenchClient {
  if (!current) throw new Error('No HookbenchClient installed: main.tsx calls setClient() before rendering')
  return current
}

type ContractChecks = typeof ContractChecksModule
let checks: Promise<ContractChecks> | null = null
let loaded: ContractChecks | null = null

/**
 * The zod checks of what the core sends (contract-checks.ts: zod and the contract's schemas, ~120 KB), loaded
 * once, on demand, so they are not part of the first page's JS (issue 16). Errors and events wait for them;
 * answers do not (see checkOutput).
 */
export function contractChecks(): Promise<ContractChecks> {
  checks ??= import('./contract-checks').then(
    (module) => {
      loaded = module
      return module
    },
    (error: unknown) => {
      checks = null // the next call tries again
      throw new AppError(
        'unavailable',
        'This window could not load part of itself from Hookbench. Reload the window.',
        {},
        { cause: error },
      )
    },
  )
  return checks
}

const mismatchListeners = new Set<(error: AppError) => void>()

/** Called with the error of an answer that failed its check after it was handed on (see checkOutput). */
export function onLateMismatch(listener: (error: AppError) => void): () => void {
  mismatchListeners.add(listener)
  return () => mismatchListeners.delete(listener)
}

/**
 * Checks a core answer against the contract, so a version mismatch between window and core shows as a
 * sentence instead of `undefined` deep inside a page. Once the checks are loaded an answer is checked before
 * it is handed on, and a mismatch rejects the call as always. The window's first answers (status, settings,
 * the first rows) arrive before that: building the contract's schemas costs 50–100 ms of the main thread,
 * which would stand between the list's answer and its rows (issue 16, docs/performance.md). Those answers
 * are handed on at once, from the very core that served this window, and checked after the next paint; a
 * mismatch then goes to `onLateMismatch` listeners (main.tsx shows it above every page).
 */
export function checkOutput<M extends MethodName>(name: M, value: unknown): Output<M> {
  if (loaded) return loaded.parseOutput(name, value)
  afterNextPaint(() => {
    contractChecks().then(
      (module) => {
        try {
          module.parseOutput(name, value)
        } catch (error) {
          if (error instanceof AppError) for (const listener of mismatchListeners) listener(error)
        }
      },
      () => undefined, // cannot load: the next call or event says so
    )
  })
  return value as Output<M>
}

/** Runs `run` in a task after the next frame; a hidden window gets no frames, so a timer is the floor. */
function afterNextPaint(run: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    run()
  }
  setTimeout(once, 250)
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0))
}

/**
 * Checks raw events in arrival order and passes on the valid ones; the first wait for the checks to load
 * (an invalid event, or one that arrives while the checks cannot load, is dropped).
 */
export function checkEventsInOrder(deliver: (event: CoreEvent) => void): (raw: unknown) => void {
  let delivered = Promise.resolve()
  return (raw) => {
    delivered = delivered
      .then(async () => {
        const event = (await contractChecks()).parseEvent(raw)
        if (event) deliver(event)
      })
      .catch(() => undefined)
  }
}
