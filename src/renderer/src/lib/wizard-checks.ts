import type { AppErrorShape } from '@shared/errors'
import { PrepareWebhookInput, ReachabilityInput } from '@shared/telegram'
import { fromZodError } from './app-error'
import { TELEGRAM_PORTS, webhookInput, type ReachabilityDraft, type WebhookDraft } from './wizard'

// The wizard's checks with the contract's schemas, apart from wizard.ts: the telegram store is on the first
// page (live events, first run) and loads these with zod only when a wizard step is submitted (issue 16).

/**
 * Checks a reachability choice before it is sent: the contract's own schema, plus Telegram's cloud rules
 * (HTTPS, ports 443/80/88/8443) when they apply.
 */
export function reachabilityProblem(input: ReachabilityDraft, strict: boolean): AppErrorShape | null {
  const parsed = ReachabilityInput.safeParse(input)
  if (!parsed.success) return fromZodError(parsed.error)
  const value = parsed.data
  if (value.mode === 'own') {
    let url: URL
    try {
      url = new URL(value.publicUrl)
    } catch {
      return fieldError('publicUrl', 'Enter the full URL, e.g. https://bot.example.com')
    }
    if (strict && url.protocol !== 'https:')
      return fieldError('publicUrl', 'Telegram needs an https:// URL for webhooks.')
    if (!/^https?:$/.test(url.protocol)) return fieldError('publicUrl', 'Use an http:// or https:// URL.')
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    if (strict && !(TELEGRAM_PORTS as readonly number[]).includes(port))
      return fieldError(
        'publicUrl',
        `Telegram delivers webhooks only to ports 443, 80, 88 or 8443; ${port} would be refused.`,
      )
  }
  if (value.mode === 'direct' && !(TELEGRAM_PORTS as readonly number[]).includes(value.port))
    return fieldError('port', 'Telegram delivers webhooks only to ports 443, 80, 88 or 8443.')
  return null
}

/** Checks the webhook user, password, secret and query with the contract's schema. */
export function webhookProblem(draft: WebhookDraft): AppErrorShape | null {
  const parsed = PrepareWebhookInput.safeParse(webhookInput(draft))
  return parsed.success ? null : fromZodError(parsed.error)
}

function fieldError(field: string, message: string): AppErrorShape {
  return { kind: 'invalid_input', message, where: [{ path: [field] }] }
}
