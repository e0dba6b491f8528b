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
