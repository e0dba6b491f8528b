import type { CoreEvent, CoreEventType } from '@shared/events'

type Listener = (event: CoreEvent) => void

/** The in-process event bus: the core emits, transports (WebSocket, IPC) and the rule engine listen. */
export interface EventBus {
  emit(event: CoreEvent): void
  /** Listen to every event (or one type); returns an unsubscribe function. */
  on(listener: Listener): () => void
  onType<T extends CoreEventType>(
    type: T,
    listener: (event: Extract<CoreEvent, { type: T }>) => void,
  ): () => void
}

export function createEventBus(onListenerError: (err: unknown) => void): EventBus {
  const listeners = new Set<Listener>()
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event)
        } catch (err) {
          // One broken listener never stops the others, nor the emitter (the receiver).
          onListenerError(err)
        }
      }
    },
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onType(type, listener) {
      const wrapped: Listener = (e) => {
        if (e.type === type) listener(e as Extract<CoreEvent, { type: typeof type }>)
      }
      listeners.add(wrapped)
      return () => listeners.delete(wrapped)
    },
  }
}
