import type { CoreEvent } from '@shared/events'
import { checkEventsInOrder, type ConnectionState } from './client'

export interface EventSocketOptions {
  /** Defaults to the global WebSocket (browsers and Node 24). */
  WebSocket?: typeof WebSocket
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs. */
  minDelayMs?: number
  maxDelayMs?: number
  random?: () => number
}

export interface EventSocket {
  subscribe(listener: (event: CoreEvent) => void): () => void
  onConnection(listener: (state: ConnectionState) => void): () => void
  close(): void
}

/**
 * The WebSocket side of the HTTP client: open while anyone listens, one JSON `CoreEvent` per message
 * (invalid ones dropped), reconnect with jittered exponential backoff after any close.
 */
export function createEventSocket(url: string, options: EventSocketOptions = {}): EventSocket {
  const Socket = options.WebSocket ?? globalThis.WebSocket
  const minDelayMs = options.minDelayMs ?? 500
  const maxDelayMs = options.maxDelayMs ?? 15_000
  const random = options.random ?? Math.random
  const listeners = new Set<(event: CoreEvent) => void>()
  const stateListeners = new Set<(state: ConnectionState) => void>()
  let state: ConnectionState = 'connecting'
  let socket: WebSocket | null = null
  let retry: ReturnType<typeof setTimeout> | null = null
  let failures = 0

  const setState = (next: ConnectionState) => {
    if (next === state) return
    state = next
    for (const listener of stateListeners) listener(next)
  }

  const open = () => {
    retry = null
    const ws = new Socket(url)
    socket = ws
    ws.onopen = () => {
      failures = 0
      setState('connected')
    }
    const deliver = checkEventsInOrder((event) => {
      for (const listener of listeners) listener(event)
    })
    ws.onmessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return
      const json = parseJson(message.data)
      if (json !== undefined) deliver(json)
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      setState('disconnected')
      const delay = Math.min(maxDelayMs, minDelayMs * 2 ** failures) * (0.5 + random() / 2)
      failures += 1
      retry = setTimeout(open, delay)
    }
  }

  const stop = () => {
    if (retry) clearTimeout(retry)
    retry = null
    const ws = socket
    socket = null
    ws?.close()
    state = 'connecting'
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      if (!socket && !retry) open()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) stop()
      }
    },
    onConnection(listener) {
      stateListeners.add(listener)
      listener(state)
      return () => stateListeners.delete(listener)
    },
    close() {
      listeners.clear()
      stop()
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
