// Headers that carry secrets: shown and exported masked, never in clear (STYLE: secrets never leave in clear).
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization'])
const SECRET_HEADERS = new Set(['x-telegram-bot-api-secret-token', 'cookie', 'set-cookie'])

/** `Authorization: Basic abc=` → `Basic ***`; secret-token and cookie headers → `***`; others unchanged. */
export function maskHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (CREDENTIAL_HEADERS.has(lower)) {
    const [scheme, ...rest] = value.trim().split(/\s+/)
    return scheme && rest.length > 0 ? `${scheme} ***` : '***'
  }
  return SECRET_HEADERS.has(lower) ? '***' : value
}

/** `x-telegram-bot-api-secret-token` → `X-Telegram-Bot-Api-Secret-Token`. */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-')
}

/**
 * Header rows sorted by name for the Headers tab. Values the core already masked (`Basic ada:***`, which
 * keeps the user name) stay as they are; anything else secret is masked here.
 */
export function displayHeaders(headers: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(headers)
    .map(([name, value]) => ({
      name: canonicalHeaderName(name),
      value: value.endsWith('***') ? value : maskHeaderValue(name, value),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
