import type { BotCall, ForwardAttempt } from '@shared/bot-loop'
import type { RequestDetail } from '@shared/domain'
import { isSecretParam, MASK, maskQuery, maskStoredHeader } from '@shared/secret-mask'
import { maskSecrets } from '../log'

/** What the developer's own bot did with a request's update: the forward attempts and the calls answering it. */
export interface BotLoopOf {
  (requestId: number): { forwards: ForwardAttempt[]; botCalls: BotCall[] }
}

const query = (q: string) =>
  q
    ? q.split('&').map((pair) => {
        const eq = pair.indexOf('=')
        const dec = (s: string) => {
          try {
            return decodeURIComponent(s.replace(/\+/g, ' '))
          } catch {
            return s
          }
        }
        const name = dec(eq < 0 ? pair : pair.slice(0, eq))
        const value = dec(eq < 0 ? '' : pair.slice(eq + 1))
        // The UI's rule (@shared/secret-mask): `token=`, `secret=`, `key=`, `password=`, … leave masked.
        return { name, value: value && isSecretParam(name) ? MASK : value }
      })
    : []

/**
 * One stored request as a HAR 1.2 entry. Secrets are already masked in storage (Authorization keeps the user
 * only); the whole export then goes through maskSecrets, so bot tokens and `user:pass@` never leave in it.
 */
function harEntry(detail: RequestDetail, origin: string, loopOf: BotLoopOf) {
  const r = maskedAsShown(detail)
  const url = `${origin}${r.path}${r.query ? `?${r.query}` : ''}`
  const res = r.response
  return {
    startedDateTime: r.receivedAt,
    // The time to answer: from receipt to the answer sent (0 when the answer was not recorded).
    time: res?.timeMs ?? 0,
    request: {
      method: r.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: Object.entries(r.headers).map(([name, value]) => ({
        name,
        value: maskStoredHeader(name, value),
      })),
      queryString: query(r.query),
      ...(r.size > 0 && {
        postData: {
          mimeType: r.contentType ?? 'application/octet-stream',
          text: r.body,
          ...(r.bodyEncoding === 'base64' && { encoding: 'base64' }),
        },
      }),
      headersSize: -1,
      bodySize: r.size,
    },
    // Hookbench's own answer, as recorded (requests stored before it was kept have only the status).
    response: {
      status: res?.status ?? r.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: Object.entries(res?.headers ?? {}).map(([name, value]) => ({ name, value })),
      content: res
        ? {
            size: res.size,
            mimeType: res.headers['content-type'] ?? 'application/octet-stream',
            text: res.body,
            ...(res.bodyEncoding === 'base64' && { encoding: 'base64' }),
            ...(res.bodyTruncated && { comment: `only the first bytes of ${res.size} were kept` }),
          }
        : { size: -1, mimeType: 'application/json' },
      redirectURL: '',
      headersSize: -1,
      bodySize: res?.size ?? -1,
    },
    cache: {},
    timings: { send: 0, wait: res?.timeMs ?? 0, receive: 0 },
    comment: r.error ? `${r.error.code}: ${r.error.message}` : '',
    _hookbench: {
      id: r.id,
      authOutcome: r.authOutcome,
      user: r.user,
      command: r.command,
      duplicateOf: r.duplicateOf,
      replayOf: r.replayOf,
      ...loopOf(r.id),
    },
  }
}

/** Every string inside, masked: exports carry bodies and tags, where a token can hide anywhere. */
function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T
  if (Array.isArray(value)) return value.map(maskDeep) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T
  }
  return value
}

export function toHar(requests: RequestDetail[], origin: string, version: string, loopOf: BotLoopOf) {
  return maskDeep({
    log: {
      version: '1.2',
      creator: { name: 'Hookbench', version },
      entries: requests.map((r) => harEntry(r, origin, loopOf)),
    },
  })
}

/** The JSON export: request details with bodies and URLs masked like the HAR, and the bot's side of each. */
export function toJsonExport(requests: RequestDetail[], loopOf: BotLoopOf) {
  return requests.map((r) => {
    const withLoop = { ...maskedAsShown(r), ...loopOf(r.id) }
    return r.bodyEncoding === 'utf8'
      ? maskDeep(withLoop)
      : { ...maskDeep({ ...withLoop, body: '' }), body: r.body }
  })
}

/**
 * The query's secret values and secret headers masked, as the UI shows them (@shared/secret-mask); and the
 * command's tags by the same name rule, since query parameters become tags (`?token=…` → tag `token`).
 */
function maskedAsShown(r: RequestDetail): RequestDetail {
  const headers = Object.fromEntries(
    Object.entries(r.headers).map(([name, value]) => [name, maskStoredHeader(name, value)]),
  )
  const command = r.command && {
    ...r.command,
    tags: Object.fromEntries(
      Object.entries(r.command.tags).map(([name, value]) => [name, isSecretParam(name) ? MASK : value]),
    ),
  }
  return { ...r, query: maskQuery(r.query), headers, command }
}
