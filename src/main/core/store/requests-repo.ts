import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import type { Page, ParsedInput } from '@shared/api'
import type { AuthOutcome, RequestDetail, RequestError, RequestSummary } from '@shared/domain'
import type { MessageCommand } from '@shared/message'
import {
  iso,
  json,
  likeEscape,
  num,
  numOrNull,
  pageOf,
  str,
  strOrNull,
  wildcardToLike,
  type Row,
} from './rows'
import { insertMessage, messageFromRow } from './messages-repo'

/** What the receiver stores for one request (before or without conversion). */
export interface NewRequest {
  receivedAtMs: number
  method: string
  path: string
  query: string
  headers: Record<string, string>
  body: Uint8Array | null
  bodySize: number
  bodyTruncated: boolean
  contentType: string | null
  remoteAddress: string
  user: string | null
  authOutcome: AuthOutcome
  status: number
  entity: string | null
  messageText: string | null
  error: RequestError | null
  warnings: string[]
  updateId: number | null
}

export interface StoredRequest {
  request: RequestSummary
  messageId: number | null
}

const SUMMARY_COLUMNS = `id, received_at, method, path, query, status, body_size, content_type, remote_address, user,
  auth_outcome, entity, message_text, error, update_id, duplicate_of`

/** Bodies larger than this are stored but only their head is indexed for search. */
const MAX_INDEXED_BYTES = 256 * 1024
const utf8 = new TextDecoder('utf-8', { fatal: true })

function bodyText(body: Uint8Array | null, max = Infinity): string | null {
  if (!body || body.length === 0) return null
  try {
    return utf8.decode(body.length > max ? body.subarray(0, max) : body)
  } catch {
    return null
  }
}

type ListRequestsInput = ParsedInput<'listRequests'>

export function createRequestsRepo(db: DatabaseSync) {
  const insertStmt = db.prepare(`INSERT INTO requests
    (received_at, method, path, query, headers, body, body_size, body_truncated, content_type, remote_address,
     user, auth_outcome, status, entity, message_text, error, warnings, update_id, duplicate_of)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const ftsStmt = db.prepare('INSERT INTO requests_fts (rowid, body) VALUES (?, ?)')
  const dupStmt = db.prepare('SELECT id FROM requests WHERE update_id = ? AND path = ? ORDER BY id LIMIT 1')
  const getStmt = db.prepare('SELECT * FROM requests WHERE id = ?')
  const msgForReq = db.prepare('SELECT * FROM messages WHERE request_id = ? LIMIT 1')

  function summary(row: Row): RequestSummary {
    return {
      id: num(row, 'id'),
      receivedAt: iso(num(row, 'received_at')),
      method: str(row, 'method'),
      path: str(row, 'path'),
      query: str(row, 'query'),
      status: num(row, 'status'),
      size: num(row, 'body_size'),
      contentType: strOrNull(row, 'content_type'),
      remoteAddress: str(row, 'remote_address'),
      user: strOrNull(row, 'user'),
      authOutcome: str(row, 'auth_outcome') as AuthOutcome,
      entity: strOrNull(row, 'entity'),
      messageText: strOrNull(row, 'message_text'),
      error: json<RequestError | null>(row, 'error', null),
      updateId: numOrNull(row, 'update_id'),
      duplicateOf: numOrNull(row, 'duplicate_of'),
    }
  }

  function where(q: ListRequestsInput): { clauses: string[]; params: SQLInputValue[] } {
    const clauses: string[] = []
    const params: SQLInputValue[] = []
    if (q.text) {
      if ([...q.text].length >= 3) {
        // Trigram FTS: a quoted phrase is a substring match; double quotes are escaped by doubling.
        clauses.push('id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)')
        params.push(`"${q.text.replace(/"/g, '""')}"`)
      } else {
        clauses.push("CAST(body AS TEXT) LIKE ? ESCAPE '\\'")
        params.push(`%${likeEscape(q.text)}%`)
      }
    }
    if (q.path) {
      clauses.push("path LIKE ? ESCAPE '\\'")
      params.push(q.path.includes('*') ? wildcardToLike(q.path) : `%${wildcardToLike(q.path)}%`)
    }
    if (q.entity) {
      clauses.push("entity LIKE ? ESCAPE '\\'")
      params.push(wildcardToLike(q.entity))
    }
    if (q.status) {
      const base = Number(q.status[0]) * 100
      clauses.push('status >= ? AND status < ?')
      params.push(base, base + 100)
    }
    if (q.authFailed) clauses.push("auth_outcome NOT IN ('ok', 'anonymous')")
    if (q.errorsOnly) clauses.push('error IS NOT NULL')
    if (q.from) {
      clauses.push('received_at >= ?')
      params.push(Date.parse(q.from))
    }
    if (q.to) {
      clauses.push('received_at <= ?')
      params.push(Date.parse(q.to))
    }
    return { clauses, params }
  }

  return {
    /** Inserts a request (and its message) inside the caller's transaction. */
    insert(req: NewRequest, command: MessageCommand | null): StoredRequest {
      const duplicateOf =
        req.updateId === null
          ? null
          : (((dupStmt.get(req.updateId, req.path) as Row | undefined)?.id as number) ?? null)
      const r = insertStmt.run(
        req.receivedAtMs,
        req.method,
        req.path,
        req.query,
        JSON.stringify(req.headers),
        req.body,
        req.bodySize,
        req.bodyTruncated ? 1 : 0,
        req.contentType,
        req.remoteAddress,
        req.user,
        req.authOutcome,
        req.status,
        req.entity,
        req.messageText,
        req.error ? JSON.stringify(req.error) : null,
        req.warnings.length ? JSON.stringify(req.warnings) : null,
        req.updateId,
        duplicateOf,
      )
      const id = Number(r.lastInsertRowid)
      const text = bodyText(req.body, MAX_INDEXED_BYTES)
      if (text) ftsStmt.run(id, text)
      const messageId = command ? insertMessage(db, id, req.receivedAtMs, command) : null
      // Built from what was just written rather than read back: the row holds the whole body.
      const request: RequestSummary = {
        id,
        receivedAt: iso(req.receivedAtMs),
        method: req.method,
        path: req.path,
        query: req.query,
        status: req.status,
        size: req.bodySize,
        contentType: req.contentType,
        remoteAddress: req.remoteAddress,
        user: req.user,
        authOutcome: req.authOutcome,
        entity: req.entity,
        messageText: req.messageText,
        error: req.error,
        updateId: req.updateId,
        duplicateOf,
      }
      return { request, messageId }
    },

    list(q: ListRequestsInput): Page<RequestSummary> {
      const { clauses, params } = where(q)
      return pageOf(
        db,
        { table: 'requests', columns: SUMMARY_COLUMNS, clauses, params, limit: q.limit, cursor: q.cursor },
        summary,
      )
    },

    get(id: number): RequestDetail | null {
      const row = getStmt.get(id) as Row | undefined
      if (!row) return null
      const body = row.body instanceof Uint8Array ? row.body : null
      const text = body ? bodyText(body) : ''
      const msg = msgForReq.get(id) as Row | undefined
      return {
        ...summary(row),
        headers: json<Record<string, string>>(row, 'headers', {}),
        body: text ?? Buffer.from(body!).toString('base64'),
        bodyEncoding: text === null ? 'base64' : 'utf8',
        bodyTruncated: num(row, 'body_truncated') === 1,
        command: msg ? messageFromRow(msg) : null,
        warnings: json<string[]>(row, 'warnings', []),
        messageId: msg ? num(msg, 'id') : null,
      }
    },

    count(): number {
      return num(db.prepare('SELECT count(*) AS n FROM requests').get() as Row, 'n')
    },

    /** Deletes the requests with these ids (and their messages and index entries). */
    deleteWhere(sqlWhere: string, params: SQLInputValue[] = []): number {
      db.prepare(`DELETE FROM requests_fts WHERE rowid IN (SELECT id FROM requests ${sqlWhere})`).run(
        ...params,
      )
      return Number(db.prepare(`DELETE FROM requests ${sqlWhere}`).run(...params).changes)
    },
  }
}
export type RequestsRepo = ReturnType<typeof createRequestsRepo>
