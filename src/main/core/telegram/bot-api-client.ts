import type { UserFromGetMe, WebhookInfo } from '@grammyjs/types'
import { AppError } from '@shared/errors'
import { maskSecrets } from '../log'

/** `^[1-9][0-9]{0,15}:[A-Za-z0-9_-]{30,}$` (TELEGRAM.md §1 "Bot token format", relaxed to 30+). */
export const BOT_TOKEN = /^[1-9][0-9]{0,15}:[A-Za-z0-9_-]{30,}$/

export interface SetWebhookParams {
  url: string
  secret_token?: string
  /** PEM of a self-signed certificate; sent as a multipart file. */
  certificate?: string
  allowed_updates?: string[]
  drop_pending_updates?: boolean
  max_connections?: number
}

export interface BotApiClient {
  getMe(token: string): Promise<UserFromGetMe>
  getWebhookInfo(token: string): Promise<WebhookInfo>
  setWebhook(token: string, params: SetWebhookParams): Promise<true>
  deleteWebhook(token: string, dropPendingUpdates?: boolean): Promise<true>
}

interface Envelope {
  ok: boolean
  result?: unknown
  description?: string
  error_code?: number
  parameters?: { retry_after?: number }
}

/**
 * A typed Bot API client whose base URL is a setting: the public Bot API, a local Bot API server, or the
 * built-in simulator. Errors surface Telegram's `description` and `error_code` as AppErrors whose messages
 * never contain the token (the token is in every URL, so every text that could carry it is masked).
 */
export function createBotApiClient(opts: {
  baseUrl: () => string
  fetch?: typeof fetch
  timeoutMs?: number
}): BotApiClient {
  const doFetch = opts.fetch ?? fetch
  const timeoutMs = opts.timeoutMs ?? 15_000

  async function call<T>(
    token: string,
    method: string,
    params: Record<string, unknown> = {},
    file?: { field: string; pem: string },
  ): Promise<T> {
    if (!BOT_TOKEN.test(token)) {
      throw new AppError(
        'invalid_input',
        'That does not look like a bot token (digits, a colon, then 30+ letters, digits, _ or -). Copy it again from @BotFather.',
        {
          where: [{ path: ['token'] }],
        },
      )
    }
    const url = `${opts.baseUrl().replace(/\/+$/, '')}/bot${token}/${method}`
    let body: string | FormData
    const headers: Record<string, string> = {}
    if (file) {
      const form = new FormData()
      for (const [k, v] of Object.entries(params)) {
        if (v !== undefined) form.append(k, typeof v === 'string' ? v : JSON.stringify(v))
      }
      form.append(file.field, new Blob([file.pem], { type: 'application/x-pem-file' }), 'certificate.pem')
      body = form
    } else {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(params)
    }
    let res: Response
    try {
      res = await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) })
    } catch (err) {
      const e = err as Error
      const why =
        e.name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : ((e.cause as Error | undefined)?.message ?? e.message)
      throw new AppError(
        'upstream',
        maskSecrets(`Cannot reach the Bot API at ${opts.baseUrl()}: ${why}`),
        {},
        { cause: err },
      )
    }
    let env: Envelope
    try {
      env = (await res.json()) as Envelope
    } catch {
      throw new AppError(
        'upstream',
        `The Bot API answered ${res.status} without JSON to ${method}: is ${maskSecrets(opts.baseUrl())} a Bot API server?`,
      )
    }
    if (env.ok) return env.result as T
    const description = maskSecrets(env.description ?? `HTTP ${res.status}`)
    const code = env.error_code ?? res.status
    if (code === 401 || code === 404) {
      throw new AppError(
        'unauthorized',
        `Telegram refused the bot token (${code} ${description}). Copy it again from @BotFather.`,
        {
          where: [{ path: ['token'] }],
        },
      )
    }
    if (code === 429) {
      const seconds = env.parameters?.retry_after ?? 1
      throw new AppError('rate_limited', `Telegram asks to wait ${seconds} s (${description}).`, {
        retryAfterMs: seconds * 1000,
      })
    }
    throw new AppError('upstream', `Telegram answered ${method} with ${code}: ${description}`)
  }

  return {
    getMe: (token) => call<UserFromGetMe>(token, 'getMe'),
    getWebhookInfo: (token) => call<WebhookInfo>(token, 'getWebhookInfo'),
    setWebhook: (token, { certificate, ...params }) =>
      call<true>(
        token,
        'setWebhook',
        params,
        certificate ? { field: 'certificate', pem: certificate } : undefined,
      ),
    deleteWebhook: (token, dropPendingUpdates) =>
      call<true>(token, 'deleteWebhook', dropPendingUpdates ? { drop_pending_updates: true } : {}),
  }
}
