import type { FastifyInstance } from 'fastify'
import { AppError } from '@shared/errors'
import type { Store } from '../store'
import { REPLAY_HEADER, REPLAY_USER_HEADER } from './receiver-plugin'

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
  headers?: Record<string, string> | undefined
  body?: string | undefined
}

// Headers that describe the original connection, or secrets: never copied into a replay.
const DROPPED = new Set([
  'content-length',
  'connection',
  'authorization',
  'x-telegram-bot-api-secret-token',
  REPLAY_HEADER,
  REPLAY_USER_HEADER,
])

/**
 * Replays a stored request through the receiver in-process (Fastify inject): it is converted, stored and
 * processed by the rules like any other, authenticated as the original user without needing its password.
 */
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
    body?: string | Buffer
    user: string | null
  }) {
    const res = await http().inject({
      method: opts.method as 'POST',
      url: opts.url,
      headers: {
        ...opts.headers,
        [REPLAY_HEADER]: internalKey,
        ...(opts.user && { [REPLAY_USER_HEADER]: opts.user }),
      },
      ...(opts.body !== undefined && opts.body.length > 0 && { payload: opts.body }),
    })
    const id = (res.json() as { id?: number }).id
    if (typeof id !== 'number')
      throw new AppError('internal', `The receiver answered ${res.statusCode} without storing the request.`)
    return id
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
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(edit.headers ?? original.headers))
        if (!DROPPED.has(k.toLowerCase())) headers[k] = v
      headers['x-hookbench-replay-of'] = String(id)
      const body =
        edit.body ??
        (original.bodyEncoding === 'base64' ? Buffer.from(original.body, 'base64') : original.body)
      const url = original.query ? `${original.path}?${original.query}` : original.path
      return inject({ method: edit.method ?? original.method, url, headers, body, user: original.user })
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
