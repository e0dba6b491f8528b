import type { Delivery } from '@shared/alerts'
import type { EventBus } from '../events'
import { MASK, maskHeaderValue, maskUrlQuery } from '@shared/secret-mask'
import { maskSecrets, type Logger } from '../log'
import type { NewDelivery, Store } from '../store'
import type { RenderedAction } from './render-action'

/** One action to deliver for one alert transition. */
export interface DeliveryJob {
  alertId: number | null
  alertEventId: number | null
  ruleId: string | null
  rule: string | null
  actionIndex: number
  rendered: RenderedAction
  emptyPlaceholders: string[]
}

export interface Notifier {
  /** Queues a job; never blocks. A full queue records the job as `dropped` (never silently). */
  enqueue(job: DeliveryJob): void
  /** Resolves when the queue is empty and nothing is in flight (tests, shutdown). */
  idle(): Promise<void>
  readonly pending: number
  close(): Promise<void>
}

export interface NotifierDeps {
  store: Store
  bus: EventBus
  log: Logger
  now: () => number
  /** The Bot API base URL (public, local Bot API server, or the simulator), without a trailing slash. */
  botApiBase: () => string
  /** Resolves the bot token of a Telegram action: its own token, a stored bot by id, or the connected bot. */
  resolveBotToken: (bot: { token?: string | undefined; id?: string | undefined }) => string | undefined
  /** Shows a desktop notification (Electron); absent headless, where the delivery is only recorded. */
  desktop?: (title: string, text: string) => void
  fetch?: typeof fetch
  maxQueue?: number
  concurrency?: number
  maxAttempts?: number
  timeoutMs?: number
  /** Base delay of the exponential backoff; tests shorten it. */
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
}

interface HttpCall {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  /** Header names the user marked secret. */
  secretHeaders?: string[]
}

/**
 * The action's secret header values (Authorization's credential part, X-Api-Key, headers marked secret: the
 * UI's rule, @shared/secret-mask), to be masked wherever they show up in the delivery: its headers, and the
 * URL, body, answer or error that might echo them (issue 18 item 13).
 */
function secretValuesOf(c: HttpCall): string[] {
  const out: string[] = []
  for (const [name, value] of Object.entries(c.headers)) {
    if (maskHeaderValue(name, value, c.secretHeaders) === value) continue
    const parts = value.trim().split(/\s+/)
    // `Bearer abc`: the credential, not the scheme; `Basic <b64>` also in its decoded form.
    const secret = /^authorization$/i.test(name) && parts.length > 1 ? parts.slice(1).join(' ') : value.trim()
    out.push(secret)
    if (/^basic$/i.test(parts[0] ?? '')) out.push(Buffer.from(secret, 'base64').toString('utf8'))
  }
  // Longest first, so a value that contains another is masked whole; very short ones would mask noise.
  return out.filter((v) => v.length >= 4).sort((a, b) => b.length - a.length)
}

function maskValues(text: string, secrets: string[]): string {
  let out = maskSecrets(text)
  for (const s of secrets) out = out.split(s).join(MASK)
  return out
}

const maskRequest = (c: HttpCall, secrets: string[]): Delivery['request'] => ({
  method: c.method,
  url: maskUrlQuery(maskValues(c.url, secrets)),
  headers: Object.fromEntries(
    Object.entries(c.headers).map(([k, v]) => [
      k,
      maskValues(maskHeaderValue(k, v, c.secretHeaders), secrets),
    ]),
  ),
  body: maskValues(c.body, secrets),
})

/**
 * Delivers actions off the request path: a bounded queue, a few workers, retries with exponential backoff on
 * network errors and 5xx, Telegram's 429 `retry_after` (and HTTP Retry-After) honoured, every attempt stored.
 * Each job is taken from the queue once, so one transition never fires an action twice.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const {
    store,
    bus,
    log,
    now,
    maxQueue = 10_000,
    concurrency = 4,
    maxAttempts = 5,
    timeoutMs = 10_000,
    backoffMs = 500,
  } = deps
  const doFetch = deps.fetch ?? fetch
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()))
  const queue: DeliveryJob[] = []
  let active = 0
  let closed = false
  let waiters: (() => void)[] = []
  const backoffs = new Set<() => void>()

  /** Waits out a retry delay, but no longer than until close(): shutdown never waits on a retry_after. */
  function backoff(ms: number): Promise<void> {
    if (closed) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const done = () => {
        backoffs.delete(done)
        resolve()
      }
      backoffs.add(done)
      void sleep(ms).then(done)
    })
  }

  async function record(
    job: DeliveryJob,
    d: Omit<
      NewDelivery,
      | 'alertId'
      | 'alertEventId'
      | 'ruleId'
      | 'rule'
      | 'actionIndex'
      | 'kind'
      | 'emptyPlaceholders'
      | 'createdAtMs'
    >,
  ) {
    const delivery = await store.writer.write(
      () =>
        store.alerts.insertDelivery({
          alertId: job.alertId,
          alertEventId: job.alertEventId,
          ruleId: job.ruleId,
          rule: job.rule,
          actionIndex: job.actionIndex,
          kind: job.rendered.kind,
          emptyPlaceholders: job.emptyPlaceholders,
          createdAtMs: now(),
          ...d,
        }),
      'background',
    )
    bus.emit({ type: 'delivery.recorded', delivery })
  }

  function callOf(job: DeliveryJob): HttpCall | { error: string; request: HttpCall } {
    const r = job.rendered
    if (r.kind === 'http') {
      const call = {
        method: r.method,
        url: r.url,
        headers: r.headers,
        body: r.method === 'GET' ? '' : r.body,
        ...(r.secretHeaders && { secretHeaders: r.secretHeaders }),
      }
      if (!r.missingSecrets?.length) return call
      const names = r.missingSecrets.join(', ')
      return {
        error: `Not sent: the stored value of secret header ${names} is gone from the secret store; type it again in the rule's action.`,
        request: call,
      }
    }
    if (r.kind === 'telegram') {
      const token = deps.resolveBotToken(r.bot)
      const call = {
        method: 'POST',
        url: `${deps.botApiBase()}/bot${token ?? 'MISSING'}/sendMessage`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r.payload),
      }
      if (!token)
        return { error: 'No bot token: connect a bot, or set botToken/botId on the action.', request: call }
      return call
    }
    throw new Error('desktop actions are not HTTP calls')
  }

  async function attempt(call: HttpCall) {
    const started = performance.now()
    const never = neverSendable(call.url)
    if (never) return { status: 0, headers: {}, body: '', durationMs: 0, error: never, permanent: true }
    try {
      const res = await doFetch(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.method === 'GET' || call.method === 'HEAD' ? undefined : call.body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      const body = (await res.text()).slice(0, 64 * 1024)
      const headers = Object.fromEntries(res.headers.entries())
      return {
        status: res.status,
        headers,
        body,
        durationMs: performance.now() - started,
        error: null as string | null,
        permanent: false,
      }
    } catch (err) {
      const e = err as Error
      const reason =
        e.name === 'TimeoutError'
          ? `timed out after ${timeoutMs} ms`
          : ((e.cause as Error | undefined)?.message ?? e.message)
      // fetch's own TypeError (not "fetch failed", its network error) means the request cannot even be
      // built (a header value it refuses, …): trying again cannot help.
      const permanent = e.name === 'TypeError' && e.message !== 'fetch failed'
      return {
        status: 0,
        headers: {},
        body: '',
        durationMs: performance.now() - started,
        error: maskSecrets(permanent ? `The request cannot be sent (not retried): ${reason}` : reason),
        permanent,
      }
    }
  }

  /** Milliseconds to wait before the next try, or null when the answer is final. */
  function retryDelay(
    status: number,
    headers: Record<string, string>,
    body: string,
    attemptNo: number,
  ): number | null {
    if (status === 429) {
      let seconds = Number(headers['retry-after'])
      try {
        const parsed = JSON.parse(body) as { parameters?: { retry_after?: number } }
        seconds = parsed.parameters?.retry_after ?? seconds
      } catch {
        // not JSON: keep the header
      }
      return Number.isFinite(seconds) ? seconds * 1000 : backoffMs * 2 ** (attemptNo - 1)
    }
    if (status === 0 || status >= 500) return Math.min(backoffMs * 2 ** (attemptNo - 1), 30_000)
    return null
  }

  async function deliver(job: DeliveryJob) {
    if (job.rendered.kind === 'desktop') {
      const { title, text } = job.rendered
      const request = { method: 'NOTIFY', url: 'desktop:', headers: {}, body: `${title}\n${text}` }
      try {
        deps.desktop?.(title, text)
        await record(job, {
          attempt: 1,
          outcome: deps.desktop ? 'ok' : 'recorded',
          request,
          response: null,
          error: null,
          durationMs: 0,
        })
      } catch (err) {
        await record(job, {
          attempt: 1,
          outcome: 'failed',
          request,
          response: null,
          error: (err as Error).message,
          durationMs: 0,
        })
      }
      return
    }
    const call = callOf(job)
    if ('error' in call) {
      await record(job, {
        attempt: 1,
        outcome: 'failed',
        request: maskRequest(call.request, secretValuesOf(call.request)),
        response: null,
        error: call.error,
        durationMs: null,
      })
      return
    }
    const secrets = secretValuesOf(call)
    const request = maskRequest(call, secrets)
    for (let n = 1; n <= maxAttempts; n++) {
      const r = await attempt(call)
      const response = r.status
        ? { status: r.status, headers: r.headers, body: maskValues(r.body, secrets) }
        : null
      const ok = r.status >= 200 && r.status < 300
      const delay = ok || r.permanent ? null : retryDelay(r.status, r.headers, r.body, n)
      const last = ok || delay === null || n === maxAttempts || closed
      const error = ok ? null : maskValues(r.error ?? describeFailure(r.status, r.body), secrets)
      await record(job, {
        attempt: n,
        outcome: ok ? 'ok' : last ? 'failed' : 'retrying',
        request,
        response,
        error,
        durationMs: Math.round(r.durationMs),
      })
      if (last) return
      await backoff(delay!)
      if (closed) {
        await record(job, {
          attempt: n + 1,
          outcome: 'failed',
          request,
          response: null,
          error: 'Not retried: Hookbench is shutting down.',
          durationMs: null,
        })
        return
      }
    }
  }

  function pump() {
    while (active < concurrency && queue.length > 0) {
      const job = queue.shift()!
      active++
      deliver(job)
        .catch((err: unknown) => log.error({ err }, 'delivery failed unexpectedly'))
        .finally(() => {
          active--
          pump()
        })
    }
    if (active === 0 && queue.length === 0) {
      const w = waiters
      waiters = []
      w.forEach((f) => f())
    }
  }

  return {
    enqueue(job) {
      if (queue.length >= maxQueue || closed) {
        const reason = closed
          ? 'Hookbench is shutting down'
          : `the delivery queue is full (${maxQueue} pending)`
        log.warn({ rule: job.rule, reason }, 'delivery dropped')
        void record(job, {
          attempt: 0,
          outcome: 'dropped',
          request: { method: '', url: '', headers: {}, body: '' },
          response: null,
          error: `Not sent: ${reason}.`,
          durationMs: null,
        }).catch(() => undefined)
        return
      }
      queue.push(job)
      pump()
    },
    idle() {
      if (active === 0 && queue.length === 0) return Promise.resolve()
      return new Promise((resolve) => waiters.push(resolve))
    },
    get pending() {
      return queue.length + active
    },
    async close() {
      closed = true
      backoffs.forEach((wake) => wake())
      await this.idle()
    },
  }
}

function describeFailure(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { description?: string; error_code?: number }
    if (parsed.description) return maskSecrets(`HTTP ${status}: ${parsed.description}`)
  } catch {
    // not a Bot API answer
  }
  return `HTTP ${status}${body ? `: ${maskSecrets(body.slice(0, 200))}` : ''}`
}

/**
 * Why a URL can never be fetched (so it fails at once instead of five times, issue 18 item 14), or null. The
 * message never repeats the URL's credentials.
 */
function neverSendable(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    // Not echoed: a URL that does not parse may still hold credentials maskSecrets cannot recognise.
    return 'Not sent (not retried): the URL, as rendered, is not a valid URL (check its placeholders).'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Not sent (not retried): the URL uses ${url.protocol.slice(0, -1)}, not http or https.`
  if (url.username || url.password)
    return 'Not sent (not retried): the URL carries credentials (user:password@), which fetch refuses; put them in an Authorization header.'
  return null
}
