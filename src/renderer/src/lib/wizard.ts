import type { z } from 'zod'
import type { PrepareWebhookInput, ReachabilityInput, TelegramConnection } from '@shared/telegram'

/** The setup wizard's screens; the connect flow's steps (ConnectStep) map onto them. */
export const WIZARD_STEPS = [
  { id: 'token', label: 'Bot token' },
  { id: 'reachability', label: 'Reachability' },
  { id: 'credentials', label: 'User and secret' },
  { id: 'url', label: 'Webhook URL' },
  { id: 'register', label: 'Register' },
  { id: 'check', label: 'Check' },
  { id: 'wait', label: 'First message' },
  { id: 'done', label: 'Done' },
] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]['id']

const FROM_CONNECT_STEP: Record<TelegramConnection['step'], WizardStep> = {
  token: 'token',
  reachability: 'reachability',
  webhook: 'credentials',
  register: 'register',
  wait: 'wait',
  done: 'done',
}

export const stepIndex = (step: WizardStep): number => WIZARD_STEPS.findIndex((s) => s.id === step)

/** The furthest screen the connect flow has reached (so the wizard resumes there after a restart). */
export function furthestStep(connection: TelegramConnection | null): WizardStep {
  return connection ? FROM_CONNECT_STEP[connection.step] : 'token'
}

/** The screen to show: the one the user moved to, else the furthest; a finished wait shows "done". */
export function shownStep(view: WizardStep | null, connection: TelegramConnection | null): WizardStep {
  const furthest = furthestStep(connection)
  if (view === 'wait' && furthest === 'done') return 'done'
  // "Webhook URL" is the second half of the flow's webhook step: reachable once the user and secret are.
  const reachable =
    view !== null &&
    (stepIndex(view) <= stepIndex(furthest) || (view === 'url' && furthest === 'credentials'))
  return reachable ? view : furthest
}

/** Screens up to the furthest reached (or the one on show) can be revisited from the step list. */
export function canVisit(
  step: WizardStep,
  shown: WizardStep,
  connection: TelegramConnection | null,
): boolean {
  return stepIndex(step) <= Math.max(stepIndex(furthestStep(connection)), stepIndex(shown))
}

/** A bot token as @BotFather gives it: `<bot id>:<secret>`. */
export function tokenProblem(token: string): string | null {
  const trimmed = token.trim()
  if (!trimmed) return 'Paste the bot token from @BotFather.'
  if (!/^\d{1,20}:[A-Za-z0-9_-]{20,}$/.test(trimmed))
    return 'A bot token looks like 123456789:AAE…: the bot id, a colon and about 35 letters. Copy it again from @BotFather.'
  return null
}

/** Ports Telegram delivers webhooks to. */
export const TELEGRAM_PORTS = [443, 80, 88, 8443] as const

export type ReachabilityDraft = z.input<typeof ReachabilityInput>

export type WebhookDraft = { user: string; password: string; secretToken: string; query: string }

/** The prepareWebhook input: empty fields are left out, so the core generates them. */
export function webhookInput(draft: WebhookDraft): z.input<typeof PrepareWebhookInput> {
  return {
    ...(draft.user.trim() && { user: draft.user.trim() }),
    ...(draft.password && { password: draft.password }),
    ...(draft.secretToken.trim() && { secretToken: draft.secretToken.trim() }),
    query: draft.query.trim().replace(/^\?/, ''),
  }
}

/** The webhook user the core makes when none is typed: the registered one, else `tg-<bot username>`. */
export function defaultWebhookUser(connection: TelegramConnection | null): string {
  return connection?.webhook?.user ?? `tg-${connection?.bot?.username ?? 'bot'}`.toLowerCase().slice(0, 64)
}

/** The URL Telegram will call, its password shown as `***`. */
export function webhookUrlPreview(publicUrl: string, user: string, query: string): string {
  try {
    const url = new URL(publicUrl)
    url.pathname = '/api/v1/messages/webhook/telegram'
    url.search = query.trim().replace(/^\?/, '')
    const rest = url.toString().slice(url.protocol.length + 2)
    return `${url.protocol}//${encodeURIComponent(user)}:***@${rest}`
  } catch {
    return publicUrl
  }
}

/** A URL with any password in it replaced by `***` (getWebhookInfo answers carry ours in clear). */
export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^@/\s]*@/i, '$1:***@')
}

/** The query's parameters, for explaining them one by one. */
export function queryParameters(query: string): { name: string; value: string }[] {
  return [...new URLSearchParams(query.trim().replace(/^\?/, '')).entries()].map(([name, value]) => ({
    name,
    value,
  }))
}
