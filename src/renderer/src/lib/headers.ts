// The masking rule is shared with the exports and the delivery log.
import { maskStoredHeader } from '@shared/secret-mask'

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
      value: maskStoredHeader(name, value),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
