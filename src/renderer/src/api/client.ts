import { api, type Input, type Output } from '@shared/api'
import type { MethodName } from '@shared/api-names'
import { AppError } from '@shared/errors'
import type { CoreEvent } from '@shared/events'

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

/**
 * Checks a core answer against the contract, so a version mismatch between window and core shows as
 * a sentence instead of `undefined` deep inside a page.
 */
export function parseOutput<M extends MethodName>(name: M, value: unknown): Output<M> {
  const parsed = api[name].output.safeParse(value)
  if (parsed.success) return parsed.data as Output<M>
  const where = parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(toPathKey) }))
  throw new AppError(
    'internal',
    `Hookbench answered ${name} in an unexpected shape. The window and the core may be different versions; reload the window.`,
    { where },
  )
}

function toPathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key)
}
