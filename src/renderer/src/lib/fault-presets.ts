// The Faults panel's presets: Telegram's usual failures, as addSimFault inputs (docs/simulator.md, Faults).
import type { Input } from '@shared/api'

export interface FaultPreset {
  id: string
  label: string
  fields: Omit<Input<'addSimFault'>, 'method' | 'times'>
}

export const FAULT_PRESETS: readonly FaultPreset[] = [
  {
    id: '429',
    label: '429 Too Many Requests (retry after 5 s)',
    fields: { kind: 'error', errorCode: 429, retryAfter: 5 },
  },
  { id: '403', label: '403 bot was blocked by the user', fields: { kind: 'error', errorCode: 403 } },
  {
    id: '400',
    label: '400 chat not found',
    fields: { kind: 'error', errorCode: 400, description: 'Bad Request: chat not found' },
  },
  { id: '500', label: '500 Internal Server Error', fields: { kind: 'error', errorCode: 500 } },
  { id: 'deactivated', label: '403 user is deactivated', fields: { kind: 'deactivated' } },
  {
    id: 'migrated',
    label: '400 group upgraded to a supergroup',
    fields: { kind: 'migrated', migrateToChatId: -1001234567890 },
  },
  { id: 'drop', label: 'Network drop (no answer)', fields: { kind: 'drop' } },
  { id: 'delay', label: 'Delay', fields: { kind: 'delay' } },
]

export const COMMON_METHODS = [
  '*',
  'sendMessage',
  'editMessageText',
  'answerCallbackQuery',
  'getUpdates',
  'sendPhoto',
  'deleteMessage',
  'setWebhook',
] as const

/** The addSimFault input of a preset, a method, how many calls and (for a delay) how long. */
export function faultInput(
  preset: FaultPreset,
  method: string,
  times: number,
  delayMs: number,
): Input<'addSimFault'> {
  return {
    method: method.trim() || '*',
    ...preset.fields,
    ...(preset.fields.kind === 'delay' && { delayMs }),
    times,
  }
}

/** One line about a live fault: `sendMessage → 429 · 1 left · 0 hits`. */
export function describeFault(f: {
  method: string
  kind: 'error' | 'drop' | 'delay'
  errorCode: number | null
  delayMs: number | null
  remaining: number | null
  expiresAt: string | null
  hits: number
}): string {
  const what =
    f.kind === 'error'
      ? `${f.errorCode ?? 'error'}`
      : f.kind === 'drop'
        ? 'drop'
        : `delay ${f.delayMs ?? 0} ms`
  const left =
    f.remaining !== null
      ? `${f.remaining} left`
      : f.expiresAt
        ? `until ${f.expiresAt.slice(11, 19)}`
        : 'always'
  return `${f.method} → ${what} · ${left} · ${f.hits} hit${f.hits === 1 ? '' : 's'}`
}
