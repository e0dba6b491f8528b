import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'

/** Helpers shared by the repositories: row field access and JSON columns. */
export type Row = Record<string, unknown>

export const iso = (ms: number): string => new Date(ms).toISOString()

export function str(row: Row, key: string): string {
  return String(row[key] ?? '')
}

export function strOrNull(row: Row, key: string): string | null {
  const v = row[key]
  return v === null || v === undefined ? null : String(v)
}

export function num(row: Row, key: string): number {
  return Number(row[key] ?? 0)
}

export function numOrNull(row: Row, key: string): number | null {
  const v = row[key]
  return v === null || v === undefined ? null : Number(v)
}

export function json<T>(row: Row, key: string, fallback: T): T {
  const v = row[key]
  if (typeof v !== 'string') return fallback
  try {
    return JSON.parse(v) as T
  } catch {
    return fallback
  }
}

/** Opaque list cursor: the last id seen (lists are newest first). */
export function parseCursor(cursor: string | undefined): number | null {
  if (!cursor) return null
  const n = Number(cursor)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** Escapes `%`, `_` and `\` for a LIKE pattern with ESCAPE '\'. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** `*`/`?` wildcards → a LIKE pattern (with ESCAPE '\'). */
export const wildcardToLike = (s: string): string => likeEscape(s).replace(/\*/g, '%').replace(/\?/g, '_')

/**
 * One page of `table` newest first (by id) under `where`, with the total matching and the next cursor: the
 * shape every list in the API answers.
 */
export function pageOf<T>(
  db: DatabaseSync,
  q: {
    table: string
    columns?: string
    clauses: string[]
    params: SQLInputValue[]
    limit: number
    cursor?: string | undefined
    /** A filtered list counts at most this many matches (then `totalCapped`); an unfiltered one counts all. */
    countCap?: number
  },
  map: (row: Row) => T & { id: number },
): { items: (T & { id: number })[]; total: number; totalCapped?: boolean; next: string | null } {
  const where = q.clauses.length ? `WHERE ${q.clauses.join(' AND ')}` : ''
  const cursor = parseCursor(q.cursor)
  const pageWhere = cursor === null ? where : where ? `${where} AND id < ?` : 'WHERE id < ?'
  const rows = db
    .prepare(`SELECT ${q.columns ?? '*'} FROM ${q.table} ${pageWhere} ORDER BY id DESC LIMIT ?`)
    .all(...q.params, ...(cursor === null ? [] : [cursor]), q.limit + 1) as Row[]
  const items = rows.slice(0, q.limit).map(map)
  const next = rows.length > q.limit ? String(items[items.length - 1]!.id) : null
  if (q.countCap === undefined || !where) {
    const total = num(
      db.prepare(`SELECT count(*) AS n FROM ${q.table} ${where}`).get(...q.params) as Row,
      'n',
    )
    return { items, total, next }
  }
  const counted = num(
    db
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${q.table} ${where} LIMIT ?)`)
      .get(...q.params, q.countCap + 1) as Row,
    'n',
  )
  return { items, ...cappedTotal(counted, q.countCap), next }
}

/** A count made with `LIMIT cap + 1`, as a page reports it: at most `cap`, and `totalCapped` past it. */
export function cappedTotal(counted: number, cap: number): { total: number; totalCapped?: true } {
  return counted > cap ? { total: cap, totalCapped: true } : { total: counted }
}

/** `db.prepare` with a cache: repositories call it per use without re-parsing SQL on hot paths. */
export function preparedCache(db: DatabaseSync): (sql: string) => StatementSync {
  const cache = new Map<string, StatementSync>()
  return (sql) => {
    let stmt = cache.get(sql)
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)))
    return stmt
  }
}
