import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import type { Page, ParsedInput } from '@shared/api'
import type {
  AuthOutcome,
  RequestDetail,
  RequestError,
  RequestResponse,
  RequestSummary,
} from '@shared/domain'
import type { MessageCommand } from '@shared/message'
import {
  cappedTotal,
  iso,
  json,
  likeEscape,
  num,
  numOrNull,
  pageOf,
  parseCursor,
  str,
  strOrNull,
  wildcardToLike,
  type Row,
} from './rows'
import { insertMessage, messageFromRow } from './messages-repo'
import { decodeLossy, trigramQuery } from './search-index'

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
  /** The stored request this one replays (Hookbench's own replays only). */
  replayOf?: number | null
}

/** Hookbench's answer to a stored request, as sent. */
export interface NewResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array
  timeMs: number
}

/**
 * A request row keeps this much of its message's text, for the list's message column: the whole text is the
 * message row's (messages.message). A 5 MB message made every request row 5 MB larger for a preview, and the
 * row was rewritten when its response was recorded (issue 18.8: /api/health waited on both).
 */
export const MESSAGE_PREVIEW_CHARS = 1000

/** The first MESSAGE_PREVIEW_CHARS of `text` and '…' when there is more (never half a surrogate pair). */
export function messagePreview(text: string | null): string | null {
  if (text === null || text.length <= MESSAGE_PREVIEW_CHARS) return text
  const cut = text.charCodeAt(MESSAGE_PREVIEW_CHARS - 1)
  const end = cut >= 0xd800 && cut <= 0xdbff ? MESSAGE_PREVIEW_CHARS - 1 : MESSAGE_PREVIEW_CHARS
  return `${text.slice(0, end)}…`
}

/**
 * A filtered requests list counts its matches up to this many (the list says "10,000+" past it): counting every
 * match of a broad search over 1M requests took 250–340 ms (issue 16).
 */
export const COUNT_CAP = 10_000

/** Response bodies are kept up to this many bytes (the receiver's answers are small; errors echo little). */
export const RESPONSE_BODY_CAP = 64 * 1024

export interface StoredRequest {
  request: RequestSummary
  messageId: number | null
}

const SUMMARY_COLUMNS = `id, received_at, method, path, query, status, body_size, content_type, remote_address, user,
  auth_outcome, entity, message_text, error, update_id, duplicate_of,
  CASE WHEN update_id IS NULL THEN NULL
    ELSE (SELECT tags FROM messages WHERE request_id = requests.id LIMIT 1) END AS message_tags`

/** The fields a Telegram Update carries besides update_id (Bot API "Update"), each one kind of update. */
const UPDATE_TYPES = new Set([
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'message_reaction',
  'message_reaction_count',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
])

/** A Telegram update's kind from its converted tags (`callback_query.id` → callback_query), if any. */
function updateTypeOf(tags: Record<string, string>): string | null {
  for (const key of Object.keys(tags)) {
    const head = key.split('.', 1)[0]!
    if (UPDATE_TYPES.has(head)) return head
  }
  return null
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function bodyText(body: Uint8Array | null): string | null {
  if (!body || body.length === 0) return null
  try {
    return utf8.decode(body)
  } catch {
    return null
  }
}

/** The body of the `requests` row at hand (bodies live in request_bodies, migration 018). */
const BODY_OF_ROW = '(SELECT body FROM request_bodies WHERE request_id = requests.id)'

// eslint-disable-next-line no-control-regex -- "only ASCII" must include the control characters
const ASCII = /^[\x00-\x7f]*$/

/**
 * SQL that is true when the body contains `text`, case-insensitively: LIKE for ASCII text (SQLite's LIKE folds
 * ASCII case only), otherwise hb_body_contains (JavaScript's Unicode lower-casing), registered below.
 */
function bodyContains(text: string): { sql: string; params: SQLInputValue[] } {
  return ASCII.test(text)
    ? { sql: `CAST(${BODY_OF_ROW} AS TEXT) LIKE ? ESCAPE '\\'`, params: [`%${likeEscape(text)}%`] }
    : { sql: `hb_body_contains(${BODY_OF_ROW}, ?)`, params: [text.toLowerCase()] }
}

type ListRequestsInput = ParsedInput<'listRequests'>

function responseOf(row: Row): RequestResponse | null {
  const status = numOrNull(row, 'response_status')
  if (status === null) return null
  const body = row.response_body instanceof Uint8Array ? row.response_body : new Uint8Array()
  const text = body.length === 0 ? '' : bodyText(body)
  const size = num(row, 'response_body_size')
  return {
    status,
    headers: json<Record<string, string>>(row, 'response_headers', {}),
    body: text ?? Buffer.from(body).toString('base64'),
    bodyEncoding: text === null ? 'base64' : 'utf8',
    size,
    bodyTruncated: size > body.length,
    timeMs: num(row, 'response_ms'),
  }
}

export function createRequestsRepo(db: DatabaseSync) {
  const insertStmt = db.prepare(`INSERT INTO requests
    (received_at, method, path, query, headers, body_size, body_truncated, content_type, remote_address,
     user, auth_outcome, status, entity, message_text, error, warnings, update_id, duplicate_of, replay_of)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const bodyStmt = db.prepare('INSERT INTO request_bodies (request_id, body) VALUES (?, ?)')
  const responseStmt = db.prepare(`UPDATE requests SET response_status = ?, response_headers = ?,
    response_body = ?, response_body_size = ?, response_ms = ? WHERE id = ?`)
  const rawBodyStmt = db.prepare('SELECT body FROM request_bodies WHERE request_id = ?')
  db.function('hb_body_contains', { deterministic: true }, (body, needle) => {
    if (typeof needle !== 'string') return 0
    const text = body instanceof Uint8Array ? decodeLossy(body) : typeof body === 'string' ? body : ''
    return text.toLowerCase().includes(needle) ? 1 : 0
  })
  const dupStmt = db.prepare('SELECT id FROM requests WHERE update_id = ? AND path = ? ORDER BY id LIMIT 1')
  const getStmt = db.prepare(
    'SELECT r.*, b.body FROM requests r LEFT JOIN request_bodies b ON b.request_id = r.id WHERE r.id = ?',
  )
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
      updateType:
        row.update_id === null ? null : updateTypeOf(json<Record<string, string>>(row, 'message_tags', {})),
      error: json<RequestError | null>(row, 'error', null),
      updateId: numOrNull(row, 'update_id'),
      duplicateOf: numOrNull(row, 'duplicate_of'),
    }
  }

  /** The filters but the text search, as SQL over `requests`. */
  function where(q: ListRequestsInput): { clauses: string[]; params: SQLInputValue[] } {
    const clauses: string[] = []
    const params: SQLInputValue[] = []
    if (q.text) {
      // Under 3 characters there are no trigrams (searchPage): every body is read.
      const contains = bodyContains(q.text)
      clauses.push(contains.sql)
      params.push(...contains.params)
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
    if (q.errorsOnly) clauses.push('error IS NOT NULL')
    if (q.updateId !== undefined) {
      clauses.push('update_id = ?')
      params.push(q.updateId)
    }
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

  const watermarkStmt = db.prepare('SELECT indexed_through AS n FROM search_index WHERE id = 1')

  /**
   * A text search with trigrams, newest first: the rows the search indexer has not reached yet (ids above its
   * watermark) scanned and confirmed against their bodies, then the indexed ones driven by the trigram index in
   * rowid order (`requests_fts CROSS JOIN requests`, newest first), each confirmed too. The index streams in
   * order, so a page stops at its last row: on 1M requests a search matching 100k took 23 ms for the page when
   * its candidates were an `IN` list built whole first, 1 ms this way; the capped count 53 → 35 ms.
   */
  function searchPage(q: ListRequestsInput, grams: string): Page<RequestSummary> {
    const { clauses, params } = where(q)
    const cursor = parseCursor(q.cursor)
    const watermark = num(watermarkStmt.get() as Row, 'n')
    /** The two parts' FROM … WHERE, below `before` (a page's cursor) when given. */
    const parts = (before: number | null) => {
      const upTo = before === null ? [] : ['requests.id < ?']
      const upToParams = before === null ? [] : [before]
      return {
        tail: {
          sql: `FROM requests WHERE ${['requests.id > ?', ...upTo, ...clauses].join(' AND ')}`,
          params: [watermark, ...upToParams, ...params],
        },
        indexed: {
          sql: `FROM requests_fts CROSS JOIN requests ON requests.id = requests_fts.rowid
            WHERE ${['requests_fts MATCH ?', 'requests.id <= ?', ...upTo, ...clauses].join(' AND ')}`,
          params: [grams, watermark, ...upToParams, ...params],
        },
      }
    }
    const page = parts(cursor)
    const want = q.limit + 1
    const rows = db
      .prepare(`SELECT ${SUMMARY_COLUMNS} ${page.tail.sql} ORDER BY requests.id DESC LIMIT ?`)
      .all(...page.tail.params, want) as Row[]
    if (rows.length < want) {
      rows.push(
        ...(db
          .prepare(`SELECT ${SUMMARY_COLUMNS} ${page.indexed.sql} ORDER BY requests_fts.rowid DESC LIMIT ?`)
          .all(...page.indexed.params, want - rows.length) as Row[]),
      )
    }
    const items = rows.slice(0, q.limit).map(summary)
    const next = rows.length > q.limit ? String(items[items.length - 1]!.id) : null
    // Counted without the cursor, as pageOf counts: how many match the filter, up to COUNT_CAP.
    const all = parts(null)
    const countOf = (part: { sql: string; params: SQLInputValue[] }, cap: number) =>
      num(
        db
          .prepare(`SELECT count(*) AS n FROM (SELECT 1 ${part.sql} LIMIT ?)`)
          .get(...part.params, cap) as Row,
        'n',
      )
    const tailCount = countOf(all.tail, COUNT_CAP + 1)
    const total =
      tailCount > COUNT_CAP ? tailCount : tailCount + countOf(all.indexed, COUNT_CAP + 1 - tailCount)
    return { items, ...cappedTotal(total, COUNT_CAP), next }
  }

  return {
    /** Inserts a request (and its message) inside the caller's transaction. */
    insert(req: NewRequest, command: MessageCommand | null): StoredRequest {
      const duplicateOf =
        req.updateId === null
          ? null
          : (((dupStmt.get(req.updateId, req.path) as Row | undefined)?.id as number) ?? null)
      const preview = messagePreview(req.messageText)
      const r = insertStmt.run(
        req.receivedAtMs,
        req.method,
        req.path,
        req.query,
        JSON.stringify(req.headers),
        req.bodySize,
        req.bodyTruncated ? 1 : 0,
        req.contentType,
        req.remoteAddress,
        req.user,
        req.authOutcome,
        req.status,
        req.entity,
        preview,
        req.error ? JSON.stringify(req.error) : null,
        req.warnings.length ? JSON.stringify(req.warnings) : null,
        req.updateId,
        duplicateOf,
        req.replayOf ?? null,
      )
      // Indexed for search later, off the acknowledgement's path (search-index.ts).
      const id = Number(r.lastInsertRowid)
      if (req.body !== null) bodyStmt.run(id, req.body)
      const messageId = command ? insertMessage(db, id, req.receivedAtMs, command) : null
      // Built from what was just written rather than read back.
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
        messageText: preview,
        updateType: req.updateId === null || !command ? null : updateTypeOf(command.tags),
        error: req.error,
        updateId: req.updateId,
        duplicateOf,
      }
      return { request, messageId }
    },

    list(q: ListRequestsInput): Page<RequestSummary> {
      const grams = q.text ? trigramQuery(q.text) : null
      if (grams) return searchPage(q, grams)
      const { clauses, params } = where(q)
      return pageOf(
        db,
        {
          table: 'requests',
          columns: SUMMARY_COLUMNS,
          clauses,
          params,
          limit: q.limit,
          cursor: q.cursor,
          countCap: COUNT_CAP,
        },
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
        ...summary({ ...row, message_tags: msg?.tags ?? null }),
        headers: json<Record<string, string>>(row, 'headers', {}),
        body: text ?? Buffer.from(body!).toString('base64'),
        bodyEncoding: text === null ? 'base64' : 'utf8',
        bodyTruncated: num(row, 'body_truncated') === 1,
        command: msg ? messageFromRow(msg) : null,
        warnings: json<string[]>(row, 'warnings', []),
        messageId: msg ? num(msg, 'id') : null,
        replayOf: numOrNull(row, 'replay_of'),
        response: responseOf(row),
      }
    },

    /** The body bytes exactly as stored (a replay resends them; the detail's text may not round-trip). */
    rawBody(id: number): Uint8Array | null {
      const body = (rawBodyStmt.get(id) as Row | undefined)?.body
      return body instanceof Uint8Array ? body : null
    },

    /** Records the answer sent to request `id`, its body cut at RESPONSE_BODY_CAP. */
    setResponse(id: number, res: NewResponse): void {
      responseStmt.run(
        res.status,
        JSON.stringify(res.headers),
        res.body.subarray(0, RESPONSE_BODY_CAP),
        res.body.length,
        res.timeMs,
        id,
      )
    },

    count(): number {
      return num(db.prepare('SELECT count(*) AS n FROM requests').get() as Row, 'n')
    },

    /** Deletes the requests with these ids (and their messages and index entries). */
    deleteWhere(sqlWhere: string, params: SQLInputValue[] = []): number {
      db.prepare(`DELETE FROM requests_fts WHERE rowid IN (SELECT id FROM requests ${sqlWhere})`).run(
        ...params,
      )
      const deleted = Number(db.prepare(`DELETE FROM requests ${sqlWhere}`).run(...params).changes)
      // Ids are reused after the newest rows go (INTEGER PRIMARY KEY is max + 1): keep the search watermark
      // at or below the newest id left, so a reused id is never taken for indexed.
      db.prepare(
        'UPDATE search_index SET indexed_through = min(indexed_through, (SELECT coalesce(max(id), 0) FROM requests))',
      ).run()
      return deleted
    },
  }
}
export type RequestsRepo = ReturnType<typeof createRequestsRepo>
