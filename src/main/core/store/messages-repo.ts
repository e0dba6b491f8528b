import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import type { Page, ParsedInput } from '@shared/api'
import type { MessageRow } from '@shared/domain'
import type { MessageCommand, Severity } from '@shared/message'
import { iso, json, likeEscape, num, pageOf, str, strOrNull, wildcardToLike, type Row } from './rows'

const insertSql = `INSERT INTO messages (request_id, received_at, entity, type, source, severity, message, date, tags)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** One prepared INSERT per connection: preparing it for every request was a measurable share of the hot path. */
const insertStatements = new WeakMap<DatabaseSync, StatementSync>()

/** Inserts the command a request converted into; returns the message id. */
export function insertMessage(
  db: DatabaseSync,
  requestId: number,
  receivedAtMs: number,
  c: MessageCommand,
): number {
  let stmt = insertStatements.get(db)
  if (!stmt) insertStatements.set(db, (stmt = db.prepare(insertSql)))
  const r = stmt.run(
    requestId,
    receivedAtMs,
    c.entity,
    c.type,
    c.source,
    c.severity,
    c.message,
    Date.parse(c.date),
    JSON.stringify(c.tags),
  )
  return Number(r.lastInsertRowid)
}

export function messageFromRow(row: Row): MessageCommand {
  return {
    entity: str(row, 'entity'),
    type: str(row, 'type'),
    source: str(row, 'source'),
    severity: strOrNull(row, 'severity') as Severity | null,
    message: strOrNull(row, 'message'),
    date: iso(num(row, 'date')),
    tags: json<Record<string, string>>(row, 'tags', {}),
  }
}

/** json_extract path of a tag: quoted, since tag names contain dots and brackets. */
const tagJsonPath = (name: string) => `$."${name.replace(/"/g, '\\"')}"`

function messageRow(row: Row): MessageRow {
  return {
    ...messageFromRow(row),
    id: num(row, 'id'),
    requestId: num(row, 'request_id'),
    receivedAt: iso(num(row, 'received_at')),
  }
}

export function createMessagesRepo(db: DatabaseSync) {
  return {
    list(q: ParsedInput<'listMessages'>): Page<MessageRow> {
      const clauses: string[] = []
      const params: SQLInputValue[] = []
      for (const field of ['entity', 'type', 'source'] as const) {
        const v = q[field]
        if (v) {
          clauses.push(`${field} LIKE ? ESCAPE '\\'`)
          params.push(wildcardToLike(v))
        }
      }
      if (q.tag) {
        const eq = q.tag.indexOf('=')
        const name = (eq < 0 ? q.tag : q.tag.slice(0, eq)).trim().toLowerCase()
        // json_extract path with the tag name quoted: tag names contain dots and brackets.
        const path = tagJsonPath(name)
        if (eq < 0) {
          clauses.push('json_extract(tags, ?) IS NOT NULL')
          params.push(path)
        } else {
          clauses.push("json_extract(tags, ?) LIKE ? ESCAPE '\\'")
          params.push(path, wildcardToLike(q.tag.slice(eq + 1)))
        }
      }
      if (q.text) {
        clauses.push("message LIKE ? ESCAPE '\\'")
        params.push(`%${likeEscape(q.text)}%`)
      }
      return pageOf(db, { table: 'messages', clauses, params, limit: q.limit, cursor: q.cursor }, messageRow)
    },

    /** Tag names seen in the newest 5,000 messages (autocomplete), sorted; `prefix` narrows them. */
    tagNames(prefix: string, limit: number): string[] {
      const rows = db
        .prepare(
          `SELECT DISTINCT j.key AS name FROM (SELECT tags FROM messages ORDER BY id DESC LIMIT 5000) m, json_each(m.tags) j
           WHERE j.key LIKE ? ESCAPE '\\' ORDER BY j.key LIMIT ?`,
        )
        .all(`${likeEscape(prefix)}%`, limit) as Row[]
      return rows.map((r) => str(r, 'name'))
    },

    any(): boolean {
      return db.prepare('SELECT 1 AS x FROM messages LIMIT 1').get() !== undefined
    },

    /** Whether one of the newest 10,000 messages carried this tag (bounded on a store of millions). */
    recentlyCarried(name: string): boolean {
      return (
        db
          .prepare(
            'SELECT 1 AS x FROM (SELECT tags FROM messages ORDER BY id DESC LIMIT 10000) WHERE json_extract(tags, ?) IS NOT NULL LIMIT 1',
          )
          .get(tagJsonPath(name)) !== undefined
      )
    },

    get(id: number): MessageRow | null {
      const row = db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as Row | undefined
      return row ? messageRow(row) : null
    },
  }
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>
