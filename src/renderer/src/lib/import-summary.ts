import type { ImportResult } from '@shared/rules-api'

/** "2 imported, 1 skipped, 1 endpoint": what a rules import did, in one line. */
export function importSummary(result: ImportResult): string {
  const count = (status: string) => result.rules.filter((r) => r.status === status).length
  const endpoints = result.endpoints.length
  return [
    `${count('imported') + count('imported_disabled')} imported`,
    count('replaced') > 0 && `${count('replaced')} replaced`,
    count('skipped') > 0 && `${count('skipped')} skipped`,
    endpoints > 0 && `${endpoints} ${endpoints === 1 ? 'endpoint' : 'endpoints'}`,
  ]
    .filter(Boolean)
    .join(', ')
}
