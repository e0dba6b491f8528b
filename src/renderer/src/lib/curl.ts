import type { BotCall } from '@shared/bot-loop'
import { canonicalHeaderName, maskHeaderValue } from './headers'

export interface CurlSource {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  bodyEncoding: 'utf8' | 'base64'
}

export interface CurlOptions {
  /** Adds `-u 'user:PASSWORD'` with a placeholder the user replaces (the password is never known here). */
  basicUser?: string
}

// Hop-by-hop or recomputed by curl itself; replaying them would only break the request.
const SKIPPED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'accept-encoding',
  'expect',
])

/** A copy-pasteable curl command for a stored request; credentials and secret tokens come out masked. */
export function buildCurl(source: CurlSource, options: CurlOptions = {}): string {
  const parts = ['curl']
  const hasBody = source.body.length > 0
  if (source.method !== 'GET' || hasBody) parts.push(`-X ${source.method}`)
  parts.push(shellQuote(source.url))
  if (options.basicUser !== undefined) parts.push(`-u ${shellQuote(`${options.basicUser}:PASSWORD`)}`)
  const headers = Object.entries(source.headers).filter(([name]) => !SKIPPED_HEADERS.has(name.toLowerCase()))
  for (const [name, value] of headers) {
    parts.push(`-H ${shellQuote(`${canonicalHeaderName(name)}: ${maskHeaderValue(name, value)}`)}`)
  }
  if (!hasBody) return parts.join(' \\\n  ')
  if (source.bodyEncoding === 'utf8') {
    parts.push(`--data-raw ${shellQuote(source.body)}`)
    return parts.join(' \\\n  ')
  }
  parts.push('--data-binary @-')
  return `printf '%s' ${shellQuote(source.body)} | base64 -d | ${parts.join(' \\\n  ')}`
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
