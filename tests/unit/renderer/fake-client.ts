import type { Input, Output } from '@shared/api'
import type { MethodName } from '@shared/api-names'
import type { CoreEvent } from '@shared/events'
import type { ConnectionState, HookbenchClient } from '@renderer/api/client'

type Handler<M extends MethodName> = (input: Input<M>) => Output<M> | Promise<Output<M>>
export type Handlers = { [M in MethodName]?: Handler<M> }

export interface FakeClient extends HookbenchClient {
  calls: { name: MethodName; input: unknown }[]
  callsOf(name: MethodName): unknown[]
  emit(event: CoreEvent): void
  setConnection(state: ConnectionState): void
  handlers: Handlers
}

/** A HookbenchClient answering from handlers (unhandled methods reject), recording every call. */
export function createFakeClient(handlers: Handlers = {}): FakeClient {
  const listeners = new Set<(event: CoreEvent) => void>()
  const connectionListeners = new Set<(state: ConnectionState) => void>()
  let connection: ConnectionState = 'connected'
  const fake: FakeClient = {
    calls: [],
    handlers,
    capabilities: { shell: 'browser', keychain: false, notifications: false },
    async call(name, input) {
      fake.calls.push({ name, input })
      const handler = fake.handlers[name] as Handler<typeof name> | undefined
      if (!handler) throw new Error(`fake client: no handler for ${name}`)
      return handler(input)
    },
    callsOf: (name) => fake.calls.filter((call) => call.name === name).map((call) => call.input),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onConnection(listener) {
      connectionListeners.add(listener)
      listener(connection)
      return () => connectionListeners.delete(listener)
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),
    setConnection(state) {
      connection = state
      connectionListeners.forEach((listener) => listener(state))
    },
  }
  return fake
}

/** A promise resolved from outside, for making answers arrive in a chosen order. */
export function deferred<T>(): {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
} {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Waits until every promise chain started so far has run (fake answers resolve at once). */
export async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0))
}
