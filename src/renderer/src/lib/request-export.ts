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

interface HarDocument {
  log: { entries: unknown[] } & Record<string, unknown>
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A HAR document as far as merging needs: `{ log: { entries: [...] , ... } }`. */
function isHarDocument(value: unknown): value is HarDocument {
  return isRecord(value) && isRecord(value.log) && Array.isArray(value.log.entries)
}

/**
 * One document from the answers of several export calls: HAR logs keep the first log's header and
 * concatenate entries; JSON exports concatenate their arrays. Null when an answer has another shape.
 */
export function mergeExports(format: ExportFormat, parts: readonly unknown[]): unknown {
  if (format === 'json') {
    return parts.every((part) => Array.isArray(part)) ? parts.flat() : null
  }
  const first = parts[0]
  if (!isHarDocument(first) || !parts.every(isHarDocument)) return null
  return { log: { ...first.log, entries: parts.flatMap((part) => part.log.entries) } }
}

/** How many requests a document holds (HAR entries or JSON items). */
export function exportCount(document: unknown): number {
  if (isHarDocument(document)) return document.log.entries.length
  return Array.isArray(document) ? document.length : 0
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
