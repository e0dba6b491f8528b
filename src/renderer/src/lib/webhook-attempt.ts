// How the Simulator page's Webhook panel words one delivery attempt.
import type { SimWebhookAttempt } from '@shared/simulator'

/** `200`, or Telegram's words for the failure (`Read timeout expired`, `Wrong response from the webhook: …`). */
export const attemptResult = (a: SimWebhookAttempt): string => a.error ?? `${a.status ?? ''} delivered`.trim()

/** What happens next: `sent again 14:03:27`, `dropped (older than 24 h)` or nothing once delivered. */
export function attemptNext(a: SimWebhookAttempt, clock: (iso: string) => string): string {
  if (a.outcome === 'retry' && a.retryAt) return `sent again ${clock(a.retryAt)}`
  if (a.outcome === 'dropped') return 'dropped (older than 24 h)'
  return ''
}
