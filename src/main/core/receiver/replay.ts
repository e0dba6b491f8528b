import type { FastifyInstance } from 'fastify'
import { AppError } from '@shared/errors'
import type { Store } from '../store'
import { REPLAY_HEADER, REPLAY_OF_HEADER, REPLAY_OMIT_HEADER, REPLAY_USER_HEADER } from './receiver-plugin'

/** A sample Telegram update (the shape of ../shared/fixtures/telegram/private-text.json). */
export function sampleTelegramUpdate(nowMs: number): Record<string, unknown> {
  const updateId = 800_000_000 + (Math.floor(nowMs / 1000) % 100_000_000)
  const from = {
    id: 77462709,
    is_bot: false,
    first_name: 'Ada',
    last_name: 'Lovelace',
    username: 'ada_l',
    language_code: 'en',
  }
  return {
    update_id: updateId,
    message: {
      message_id: updateId % 100_000,
      from,
      chat: { id: 77462709, first_name: 'Ada', last_name: 'Lovelace', username: 'ada_l', type: 'private' },
      date: Math.floor(nowMs / 1000),
      text: 'status of cpu_busy on nurswgvml007?',
    },
  }
}

export interface ReplayEdit {
  method?: string | undefined
  /** The path, within the webhook prefix. */
  path?: string | undefined
  /** The query string, without its `?`. */
  query?: string | undefined
  headers?: Record<string, string> | undefined
  body?: string | undefined
}

// Recomputed for the bytes actually sent (kept below when they are the stored bytes), or Hookbench's own
// markers: never taken from a stored request or an edit. (Connection and Transfer-Encoding are copied: the
// injection has no real connection for them to disturb.)
const NOT_COPIED = new Set([
  'content-length',
  REPLAY_HEADER,
  REPLAY_USER_HEADER,
  REPLAY_OF_HEADER,
  REPLAY_OMIT_HEADER,
])

/**
 * Replays a stored request through the receiver in-process (Fastify inject): it is converted, stored and
 * processed by the rules like any other, authenticated as the original user without needing its password.
 *
 * Fidelity (issue 15 item 4): the stored body bytes are sent unchanged and every stored header goes with
 * them, Host and User-Agent included; the masked secrets are put back server-side (receiver-plugin.ts
 * reapplySecrets). The only marks are Hookbench's internal headers, which the receiver strips before storing:
 * the new row records what it replays in `replay_of`. Headers the injection adds by itself (content-length
 * for a body, user-agent) are named in REPLAY_OMIT_HEADER when the replayed request lacked them.
 */
const SECRET_HEADERS = ['authorization', 'x-telegram-bot-api-secret-token']

export function createReplayer(
  http: () => FastifyInstance,
  store: Store,
  internalKey: string,
  webhookPrefix: string,
) {
  async function inject(opts: {
    method: string
    url: string
    headers: Record<string, string>
    body?: string | Uint8Array | null
    user: string | null
    replayOf?: number
  }) {
    const body = opts.body instanceof Uint8Array ? Buffer.from(opts.body) : (opts.body ?? undefined)
    const hasBody = body !== undefined && body.length > 0
    const names = new Set(Object.keys(opts.headers).map((h) => h.toLowerCase()))
    const omit = hasBody && !names.has('content-length') ? ['content-length'] : []
    const res = await http().inject({
      method: opts.method as 'POST',
      url: opts.url,
      headers: {
        // undefined keeps light-my-request from adding `User-Agent: lightMyRequest`
        ...(!names.has('user-agent') && { 'user-agent': undefined }),
        ...opts.headers,
        [REPLAY_HEADER]: internalKey,
        ...(opts.user && { [REPLAY_USER_HEADER]: opts.user }),
        ...(opts.replayOf !== undefined && { [REPLAY_OF_HEADER]: String(opts.replayOf) }),
        ...(omit.length > 0 && { [REPLAY_OMIT_HEADER]: omit.join(',') }),
      },
      ...(hasBody && { payload: body }),
    })
    let answer: { id?: unknown; error?: { kind?: unknown; message?: unknown } } = {}
    try {
      answer = res.json()
    } catch {
      // not JSON: said below with its status
    }
    if (typeof answer.id === 'number') return answer.id
    // The receiver's own words (too large, throttled, no storage, ...), not a bare 500.
    const said = typeof answer.error?.message === 'string' ? `: ${answer.error.message}` : '.'
    const kind = res.statusCode === 429 ? 'rate_limited' : res.statusCode === 413 ? 'too_large' : 'internal'
    throw new AppError(kind, `The receiver answered ${res.statusCode} without storing the request${said}`)
  }

  function checkedPath(path: string): string {
    const inside = path === webhookPrefix || path.startsWith(`${webhookPrefix}/`)
    if (inside && !path.split('/').includes('..') && !/[?#\s]/.test(path)) return path
    throw new AppError('invalid_input', `The path must stay under ${webhookPrefix}/.`, {
      where: [{ path: ['path'] }],
    })
  }

  return {
    async replay(id: number, edit: ReplayEdit = {}): Promise<number> {
      const original = store.requests.get(id)
      if (!original)
        throw new AppError('not_found', `No request with id ${id}.`, { where: [{ path: ['id'] }] })
      if (original.bodyTruncated && edit.body === undefined) {
        throw new AppError(
          'invalid_input',
          'Only the head of this oversized body was kept: edit the body to replay it.',
          {
            where: [{ path: ['body'] }],
          },
        )
      }
      const source = edit.headers ?? original.headers
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(source)) {
        const name = k.toLowerCase()
        if (!NOT_COPIED.has(name)) headers[name] = v
      }
      // Edited headers need not repeat the secrets (the form leaves them out): the stored, masked ones go
      // along, to be re-applied by the receiver.
      for (const secret of SECRET_HEADERS) {
        const value = original.headers[secret]
        if (value !== undefined && headers[secret] === undefined) headers[secret] = value
      }
      // Unedited, the stored content-length still describes the stored bytes: keep it, as sent.
      const stored = original.headers['content-length']
      if (edit.headers === undefined && edit.body === undefined && stored !== undefined)
        headers['content-length'] = stored
      const path = checkedPath(edit.path ?? original.path)
      const query = (edit.query ?? original.query).replace(/^\?/, '')
      const body = edit.body ?? store.requests.rawBody(id)
      return inject({
        method: edit.method ?? original.method,
        url: query ? `${path}?${query}` : path,
        headers,
        body,
        user: original.user,
        replayOf: id,
      })
    },
    sendSample(nowMs: number): Promise<number> {
      return inject({
        method: 'POST',
        url: `${webhookPrefix}/telegram?command.message=message.text`,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Hookbench sample',
          'x-hookbench-sample': 'true',
        },
        body: JSON.stringify(sampleTelegramUpdate(nowMs)),
        user: null,
      })
    },
  }
}
export type Replayer = ReturnType<typeof createReplayer>
