import { z } from 'zod'

export type ExportFormat = 'har' | 'json'

/** What to export: one request (the detail), the checked rows, or everything matching the filter. */
export type ExportScope =
  { kind: 'one'; id: number } | { kind: 'selected'; ids: readonly number[] } | { kind: 'filter' }

/** The core exports at most this many requests per call (`exportRequests.limit`). */
export const EXPORT_LIMIT = 10_000

/**
 * Ids per `exportRequests` call: the ids travel in the query string of a GET, and the receiver's HTTP
 * server refuses request lines over 16 KiB, so a large selection goes in several calls.
 */
export const EXPORT_IDS_PER_CALL = 500

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size))
  return chunks
}

const HarDocument = z.object({ log: z.looseObject({ entries: z.array(z.unknown()) }) })
const JsonExport = z.array(z.unknown())

/**
 * One document from the answers of several export calls: HAR logs keep the first log's header and
 * concatenate entries; JSON exports concatenate their arrays. Null when an answer has another shape.
 */
export function mergeExports(format: ExportFormat, parts: readonly unknown[]): unknown {
  if (format === 'json') {
    const arrays = parts.map((part) => JsonExport.safeParse(part))
    return arrays.every((parsed) => parsed.success) ? arrays.flatMap((parsed) => parsed.data ?? []) : null
  }
  const logs = parts.map((part) => HarDocument.safeParse(part))
  const first = logs[0]
  if (!first?.success || !logs.every((parsed) => parsed.success)) return null
  return { log: { ...first.data.log, entries: logs.flatMap((parsed) => parsed.data?.log.entries ?? []) } }
}

/** How many requests a document holds (HAR entries or JSON items). */
export function exportCount(document: unknown): number {
  const har = HarDocument.safeParse(document)
  if (har.success) return har.data.log.entries.length
  const json = JsonExport.safeParse(document)
  return json.success ? json.data.length : 0
}

const stamp = (now: Date) => now.toISOString().slice(0, 19).replaceAll(':', '-')

/** `hookbench-request-12.har`, `hookbench-requests-3-selected-2024-05-29T12-00-00.json`, … */
export function exportFileName(format: ExportFormat, scope: ExportScope, now: Date): string {
  if (scope.kind === 'one') return `hookbench-request-${scope.id}.${format}`
  const what = scope.kind === 'selected' ? `${scope.ids.length}-selected` : 'filtered'
  return `hookbench-requests-${what}-${stamp(now)}.${format}`
}

/** HAR is JSON; both download as UTF-8 JSON text. */
export const EXPORT_MIME = 'application/json'

export function exportText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
