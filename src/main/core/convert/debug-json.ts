import type { MessageCommand } from '@shared/message'

/**
 * ATSD-BEHAVIOUR §2.6: the `debug=true` response body, exactly
 * `{"entity","type","source","severity","message","date","tags"}` in that order, absent values as `null`.
 */
export function commandToDebugJson(cmd: MessageCommand): string {
  const { entity, type, source, severity, message, date, tags } = cmd
  return JSON.stringify({ entity, type, source, severity, message, date, tags })
}
