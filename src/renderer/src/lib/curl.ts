import type { BotCall } from '@shared/bot-loop'
import { maskHeaderValue } from '@shared/secret-mask'
import { canonicalHeaderName } from './headers'

export interface CurlSource {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  bodyEncoding: 'utf8' | 'base64'
}

export interface CurlOptions {
  /**
   * Adds `-u "user:$HOOKBENCH_PASSWORD"`: the shell fills in the password from the environment. Hookbench
   * never knows it (it keeps only a scrypt hash of webhook passwords), so there is no "with secret" copy.
   */
  basicUser?: string
}

/** What the copied command reads from the environment in place of the secrets Hookbench shows masked. */
export const PASSWORD_VARIABLE = 'HOOKBENCH_PASSWORD'
export const SECRET_TOKEN_VARIABLE = 'HOOKBENCH_SECRET_TOKEN'

// Hop-by-hop or recomputed by curl itself; replaying them would only break the request. Authorization is
// replaced by -u; Hookbench's own x-hookbench-* markers are never part of what a sender sent.
const SKIPPED_HEADERS = new Set([
  'content-length',
  'connection',
  'transfer-encoding',
  'accept-encoding',
  'expect',
  'authorization',
])
const isSkipped = (name: string) => SKIPPED_HEADERS.has(name) || name.startsWith('x-hookbench-')

/**
 * A copy-pasteable, runnable curl command for a stored request: the original headers (Host only when it
 * differs from the URL's), `-u` for the webhook user with the password taken from $HOOKBENCH_PASSWORD, the
 * Telegram secret token from $HOOKBENCH_SECRET_TOKEN; other secrets stay masked.
 */
export function buildCurl(source: CurlSource, options: CurlOptions = {}): string {
  const parts = ['curl']
  const hasBody = source.body.length > 0
  if (source.method !== 'GET' || hasBody) parts.push(`-X ${source.method}`)
  parts.push(shellQuote(source.url))
  if (options.basicUser !== undefined) {
    parts.push(`-u "${doubleQuoted(options.basicUser)}:$${PASSWORD_VARIABLE}"`)
  }
  const urlHost = hostOf(source.url)
  for (const [name, value] of Object.entries(source.headers)) {
    const lower = name.toLowerCase()
    if (isSkipped(lower) || (lower === 'host' && value === urlHost)) continue
    const header = canonicalHeaderName(name)
    if (lower === 'x-telegram-bot-api-secret-token') parts.push(`-H "${header}: $${SECRET_TOKEN_VARIABLE}"`)
    else parts.push(`-H ${shellQuote(`${header}: ${maskHeaderValue(name, value)}`)}`)
  }
  if (!hasBody) return parts.join(' \\\n  ')
  if (source.bodyEncoding === 'utf8') {
    parts.push(`--data-raw ${shellQuote(source.body)}`)
    return parts.join(' \\\n  ')
  }
  parts.push('--data-binary @-')
  return `printf '%s' ${shellQuote(source.body)} | base64 -d | ${parts.join(' \\\n  ')}`
}

/**
 * The webhook user a stored request authenticated as: its user, or the name kept in its masked
 * `Authorization: Basic <user>:***` header.
 */
export function basicUserOf(request: {
  user: string | null
  headers: Record<string, string>
}): string | undefined {
  if (request.user !== null) return request.user
  const match = /^Basic (.+):\*\*\*$/.exec(request.headers.authorization ?? '')
  return match?.[1]
}

/** Escaped for inside POSIX double quotes, where a `$VARIABLE` beside it is meant to expand. */
function doubleQuoted(text: string): string {
  return text.replace(/[\\"$`]/g, (c) => `\\${c}`)
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

/** POSIX single-quoting: safe for any byte sequence except NUL. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/** The receiver URL a stored request was sent to (`query` with or without its leading `?`). */
export function requestUrl(receiverUrl: string, path: string, query: string): string {
  const search = query.replace(/^\?/, '')
  return `${receiverUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`
}

/** The part of a recorded Bot API call a curl needs. */
export type BotCallCurlSource = Pick<BotCall, 'method' | 'params' | 'files'>

// A bot token (`123456:AA…`) anywhere in the parameters, e.g. in a setWebhook URL the bot built itself.
const BOT_TOKEN_PATTERN = /\d{3,}:[A-Za-z0-9_-]{30,}/g

/**
 * A Bot API call as curl against `$BOT_API` with the token as the `$BOT_TOKEN` placeholder: the real token
 * is never known to the window, and one that slipped into a parameter is replaced too.
 */
export function buildBotCallCurl(call: BotCallCurlSource): string {
  const url = `"$BOT_API/bot$BOT_TOKEN/${call.method}"`
  const mask = (text: string) => text.replace(BOT_TOKEN_PATTERN, '$BOT_TOKEN')
  if (call.files.length === 0) {
    const body = mask(JSON.stringify(call.params))
    return ['curl -X POST', url, `-H 'content-type: application/json'`, `-d ${shellQuote(body)}`].join(' ')
  }
  const parts = ['curl -X POST', url]
  for (const [name, value] of Object.entries(call.params)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    parts.push(`-F ${shellQuote(`${name}=${mask(text)}`)}`)
  }
  for (const file of call.files) parts.push(`-F ${shellQuote(`${file.field}=@${file.name}`)}`)
  return parts.join(' \\\n  ')
}
