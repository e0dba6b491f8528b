import { AppError, type AppErrorShape, type ErrorKind } from '@shared/errors'
import { toHttpCall } from '@shared/wire'
import { checkOutput, contractChecks, type HookbenchClient } from './client'
import { createEventSocket, type EventSocketOptions } from './event-socket'

export interface HttpClientOptions extends EventSocketOptions {
  fetch?: typeof fetch
}

/**
 * The browser implementation (`hookbench serve`): each contract method is `http: [VERB, path]` under
 * `/api`; auth is the HttpOnly cookie the shell set, so every fetch sends same-origin credentials.
 */
export function createHttpClient(base: URL, options: HttpClientOptions = {}): HookbenchClient {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const events = createEventSocket(eventsUrl(base), options)
  return {
    capabilities: { shell: 'browser', keychain: false, notifications: false },
    async call(name, input) {
      const call = toHttpCall(name, input)
      let response: Response
      try {
        response = await fetchFn(new URL(call.url, base), {
          method: call.method,
          credentials: 'same-origin',
          headers: {
            accept: call.produces ?? 'application/json',
            // The server refuses a cookie-authenticated state change without it (a cross-origin page
            // cannot set it without CORS): core/api/loopback-guard.ts browserRequestProblem.
            'x-hookbench-request': '1',
            ...(call.contentType && { 'content-type': call.contentType }),
          },
          body: call.body,
        })
      } catch {
        throw new AppError(
          'unavailable',
          `Cannot reach Hookbench at ${base.origin}. Is "hookbench serve" still running?`,
        )
      }
      const text = await response.text()
      if (!response.ok) {
        const { parseErrorShape } = await contractChecks()
        throw errorFromResponse(response, parseErrorShape(errorOf(parseJson(text))))
      }
      return checkOutput(name, call.produces ? text : parseJson(text))
    },
    subscribe: events.subscribe,
    onConnection: events.onConnection,
    async signOut() {
      const response = await fetchFn(new URL('/api/session/sign-out', base), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-hookbench-request': '1' },
      })
      if (!response.ok) {
        const { parseErrorShape } = await contractChecks()
        throw errorFromResponse(response, parseErrorShape(errorOf(parseJson(await response.text()))))
      }
      events.close()
    },
  }
}

/**
 * Fills `:params` from the input; GET/DELETE send the rest as a query string, POST/PUT as a JSON body
 * (or, for a `textBody` method, the input's `text` as that content type).
 */

function eventsUrl(base: URL): string {
  const url = new URL('/api/events', base)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.href
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const kindByStatus: Record<number, ErrorKind> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  502: 'upstream',
  503: 'unavailable',
}

function errorOf(payload: unknown): unknown {
  return (payload as { error?: unknown } | undefined)?.error
}

function errorFromResponse(response: Response, envelope: AppErrorShape | null): AppError {
  if (envelope) return AppError.fromShape(envelope)
  const kind = kindByStatus[response.status] ?? 'internal'
  if (kind === 'unauthorized') {
    return new AppError(
      kind,
      'This window is not signed in to Hookbench. Open the UI URL that "hookbench serve" printed.',
    )
  }
  return new AppError(
    kind,
    `Hookbench answered ${response.status} ${response.statusText} without an error description.`,
  )
}
