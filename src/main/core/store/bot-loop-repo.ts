import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import type { Page } from '@shared/api'
import type {
  BotCall,
  BotCallFile,
  ConversationChat,
  ForwardAttempt,
  ForwardedUpdate,
  TimelineItem,
} from '@shared/bot-loop'
import { iso, json, num, numOrNull, pageOf, preparedCache, str, strOrNull, type Row } from './rows'

export interface NewBotUpdate {
  updateId: number
  requestId: number | null
  botId: number
  chatId: number | null
  chatTitle: string | null
  updateType: string
  text: string | null
  payload: string
  receivedMs: number
}

export interface PendingUpdate {
  updateId: number
  requestId: number | null
  chatId: number | null
  updateType: string
  payload: string
  attempts: number
}

export type NewForwardAttempt = Omit<ForwardAttempt, 'id' | 'time'> & { timeMs: number; botId: number }

export type NewBotCall = Omit<BotCall, 'id' | 'time'> & {
  timeMs: number
  /** The kept bytes of each file part, by field name. */
  fileBytes: { field: string; bytes: Buffer }[]
}

export interface ForwardTargetRow {
  url: string | null
  timeoutMs: number
  maxConnections: number
  allowedUpdates: string[] | null
  setBy: 'bot' | 'user' | null
  lastErrorMs: number | null
  lastErrorMessage: string | null
}

export interface BotCallFilter {
  bot?: number | undefined
  chat?: number | undefined
  method?: string | undefined
  errorsOnly?: boolean | undefined
  fromMs?: number | undefined
  toMs?: number | undefined
  limit: number
  cursor?: string | undefined
}

const toUpdate = (r: Row): ForwardedUpdate => ({
  updateId: num(r, 'update_id'),
  requestId: numOrNull(r, 'request_id'),
  time: iso(num(r, 'received_ms')),
  chatId: numOrNull(r, 'chat_id'),
  updateType: str(r, 'update_type'),
  text: strOrNull(r, 'text'),
  state: str(r, 'state') as ForwardedUpdate['state'],
  attempts: num(r, 'attempts'),
})

const toAttempt = (r: Row): ForwardAttempt => ({
  id: num(r, 'id'),
  time: iso(num(r, 'time_ms')),
  updateId: num(r, 'update_id'),
  requestId: numOrNull(r, 'request_id'),
  chatId: numOrNull(r, 'chat_id'),
  attempt: num(r, 'attempt'),
  url: str(r, 'url'),
  status: numOrNull(r, 'status'),
  durationMs: num(r, 'duration_ms'),
  responseBody: strOrNull(r, 'response_body'),
  responseTruncated: num(r, 'response_truncated') === 1,
  error: strOrNull(r, 'error'),
  delivered: num(r, 'delivered') === 1,
  replyCallId: numOrNull(r, 'reply_call_id'),
})

export const toCall = (r: Row): BotCall => ({
  id: num(r, 'id'),
  time: iso(num(r, 'time_ms')),
  botId: numOrNull(r, 'bot_id'),
  method: str(r, 'method'),
  source: str(r, 'source') as BotCall['source'],
  answeredBy: str(r, 'answered_by') as BotCall['answeredBy'],
  params: json<Record<string, unknown>>(r, 'params', {}),
  files: json<BotCallFile[]>(r, 'files', []),
  httpStatus: numOrNull(r, 'http_status'),
  ok: num(r, 'ok') === 1,
  errorCode: numOrNull(r, 'error_code'),
  description: strOrNull(r, 'description'),
  retryAfter: numOrNull(r, 'retry_after'),
  result: json<unknown>(r, 'result', null),
  durationMs: num(r, 'duration_ms'),
  chatId: numOrNull(r, 'chat_id'),
  messageId: numOrNull(r, 'message_id'),
  updateId: numOrNull(r, 'update_id'),
  requestId: numOrNull(r, 'request_id'),
  text: strOrNull(r, 'text'),
  warning: strOrNull(r, 'warning'),
})

const DEFAULT_TARGET: ForwardTargetRow = {
  url: null,
  timeoutMs: 60_000,
  maxConnections: 40,
  allowedUpdates: null,
  setBy: null,
  lastErrorMs: null,
  lastErrorMessage: null,
}

/**
 * The bot in the loop's tables (migration 006): the updates queue, forwarding attempts, proxied calls and
 * the forward target. Writes run inside the store's writer.
 */
export function createBotLoopRepo(db: DatabaseSync) {
  const stmt = preparedCache(db)
  const run = (sql: string, ...params: SQLInputValue[]) => stmt(sql).run(...params)

  function callClauses(f: BotCallFilter): { clauses: string[]; params: SQLInputValue[] } {
    const clauses: string[] = []
    const params: SQLInputValue[] = []
    if (f.bot !== undefined) {
      clauses.push('bot_id = ?')
      params.push(f.bot)
    }
    if (f.chat !== undefined) {
      clauses.push('chat_id = ?')
      params.push(f.chat)
    }
    if (f.method) {
      clauses.push('method = ? COLLATE NOCASE')
      params.push(f.method)
    }
    if (f.errorsOnly) clauses.push('ok = 0')
    if (f.fromMs !== undefined) {
      clauses.push('time_ms >= ?')
      params.push(f.fromMs)
    }
    if (f.toMs !== undefined) {
      clauses.push('time_ms <= ?')
      params.push(f.toMs)
    }
    return { clauses, params }
  }

  return {
    /**
     * Queues an update and answers it as queued; null when that update_id is already queued (a redelivery is
     * not handed over twice). RETURNING names its columns: the payload is not read back (a re-read of each
     * queued row, payload included, was ~4 % of the receiver's main thread under load).
     */
    insertUpdate(u: NewBotUpdate): ForwardedUpdate | null {
      const r = stmt(
        `INSERT OR IGNORE INTO bot_updates
           (update_id, request_id, bot_id, chat_id, chat_title, update_type, text, payload, received_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING update_id, request_id, received_ms, chat_id, update_type, text, state, attempts`,
      ).get(
        u.updateId,
        u.requestId,
        u.botId,
        u.chatId,
        u.chatTitle,
        u.updateType,
        u.text,
        u.payload,
        u.receivedMs,
      ) as Row | undefined
      return r ? toUpdate(r) : null
    },
    /** The newest request already queued: requests after it are looked at again at start (crash recovery). */
    lastQueuedRequestId(): number {
      return num(stmt('SELECT max(request_id) AS n FROM bot_updates').get() as Row, 'n')
    },
    /**
     * The id before the newest `keep` update requests after `afterId` received since `sinceMs`: where the queue
     * starts at start-up (forwarding-service.ts START_CATCH_UP). `afterId` itself when there are no more.
     */
    catchUpFloor(afterId: number, keep: number, sinceMs: number): number {
      const newest = stmt(
        `SELECT id FROM requests WHERE id > ? AND update_id IS NOT NULL AND duplicate_of IS NULL AND status < 300
         ORDER BY id DESC LIMIT 1 OFFSET ?`,
      ).get(afterId, keep) as Row | undefined
      // Ids grow with the receipt time: the newest request received before `sinceMs`, by the time index.
      const old = stmt('SELECT id FROM requests WHERE received_at < ? ORDER BY received_at DESC LIMIT 1').get(
        sinceMs,
      ) as Row | undefined
      return Math.max(afterId, newest ? num(newest, 'id') : 0, old ? num(old, 'id') : 0)
    },
    /** Stored requests after `afterId` that carry a Telegram update (first delivery, accepted): the queue's source. */
    updateRequestsAfter(
      afterId: number,
      limit: number,
    ): { id: number; receivedMs: number; body: string | null }[] {
      const rows = stmt(
        `SELECT r.id, r.received_at, b.body FROM requests r LEFT JOIN request_bodies b ON b.request_id = r.id
         WHERE r.id > ? AND r.update_id IS NOT NULL AND r.duplicate_of IS NULL AND r.status < 300
         ORDER BY r.id LIMIT ?`,
      ).all(afterId, limit) as Row[]
      return rows.map((r) => ({
        id: num(r, 'id'),
        receivedMs: num(r, 'received_at'),
        body: r.body instanceof Uint8Array ? Buffer.from(r.body).toString('utf8') : null,
      }))
    },
    /** The newest queued update with this update_id (of any bot). */
    updateById(updateId: number): ForwardedUpdate | null {
      const r = stmt('SELECT * FROM bot_updates WHERE update_id = ? ORDER BY received_ms DESC LIMIT 1').get(
        updateId,
      ) as Row | undefined
      return r ? toUpdate(r) : null
    },
    updateOfRequest(requestId: number): ForwardedUpdate | null {
      const r = stmt('SELECT * FROM bot_updates WHERE request_id = ? LIMIT 1').get(requestId) as
        Row | undefined
      return r ? toUpdate(r) : null
    },
    /** One bot's pending updates in update_id order (the delivery queue, and getUpdates from `fromId`). */
    pending(botId: number, limit: number, fromId = 0): PendingUpdate[] {
      const rows = stmt(
        `SELECT update_id, request_id, chat_id, update_type, payload, attempts FROM bot_updates
         WHERE bot_id = ? AND state = 'pending' AND update_id >= ? ORDER BY update_id LIMIT ?`,
      ).all(botId, fromId, limit) as Row[]
      return rows.map((r) => ({
        updateId: num(r, 'update_id'),
        requestId: numOrNull(r, 'request_id'),
        chatId: numOrNull(r, 'chat_id'),
        updateType: str(r, 'update_type'),
        payload: str(r, 'payload'),
        attempts: num(r, 'attempts'),
      }))
    },
    pendingCount(botId: number): number {
      return num(
        stmt("SELECT count(*) AS n FROM bot_updates WHERE bot_id = ? AND state = 'pending'").get(
          botId,
        ) as Row,
        'n',
      )
    },
    /** The update_id of the n-th newest pending update (getUpdates with a negative offset). */
    nthNewestPending(botId: number, n: number): number | null {
      const r = stmt(
        `SELECT update_id FROM bot_updates WHERE bot_id = ? AND state = 'pending'
         ORDER BY update_id DESC LIMIT 1 OFFSET ?`,
      ).get(botId, n - 1) as Row | undefined
      return r ? num(r, 'update_id') : null
    },
    markDelivered(botId: number, updateId: number, ms: number): void {
      run(
        "UPDATE bot_updates SET state = 'delivered', done_ms = ? WHERE bot_id = ? AND update_id = ?",
        ms,
        botId,
        updateId,
      )
    },
    /** getUpdates' offset confirms every update before it. */
    confirmBefore(botId: number, offset: number, ms: number): number {
      const r = run(
        `UPDATE bot_updates SET state = 'delivered', done_ms = ?
         WHERE bot_id = ? AND state = 'pending' AND update_id < ?`,
        ms,
        botId,
        offset,
      )
      return Number(r.changes)
    },
    /** Telegram keeps an update 24 hours: older pending ones are dropped. */
    dropReceivedBefore(botId: number, beforeMs: number, ms: number): number {
      const r = run(
        `UPDATE bot_updates SET state = 'dropped', done_ms = ?
         WHERE bot_id = ? AND state = 'pending' AND received_ms < ?`,
        ms,
        botId,
        beforeMs,
      )
      return Number(r.changes)
    },
    /** deleteWebhook / setWebhook with drop_pending_updates. */
    dropPending(botId: number, ms: number): number {
      const r = run(
        "UPDATE bot_updates SET state = 'dropped', done_ms = ? WHERE bot_id = ? AND state = 'pending'",
        ms,
        botId,
      )
      return Number(r.changes)
    },
    /** Updates of `allowed` types only stay pending; the others are dropped as Telegram never sends them. */
    dropTypesNotIn(botId: number, isAllowed: (type: string) => boolean, ms: number): void {
      const rows = stmt(
        "SELECT update_id, update_type FROM bot_updates WHERE bot_id = ? AND state = 'pending'",
      ).all(botId) as Row[]
      for (const r of rows) {
        if (!isAllowed(str(r, 'update_type'))) {
          run(
            "UPDATE bot_updates SET state = 'dropped', done_ms = ? WHERE bot_id = ? AND update_id = ?",
            ms,
            botId,
            num(r, 'update_id'),
          )
        }
      }
    },
    insertAttempt(a: NewForwardAttempt): ForwardAttempt {
      const r = run(
        `INSERT INTO forward_attempts (update_id, request_id, chat_id, attempt, time_ms, url, status, duration_ms,
           response_body, response_truncated, error, delivered, reply_call_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        a.updateId,
        a.requestId,
        a.chatId,
        a.attempt,
        a.timeMs,
        a.url,
        a.status,
        a.durationMs,
        a.responseBody,
        a.responseTruncated ? 1 : 0,
        a.error,
        a.delivered ? 1 : 0,
        a.replyCallId,
      )
      run(
        'UPDATE bot_updates SET attempts = attempts + 1 WHERE bot_id = ? AND update_id = ?',
        a.botId,
        a.updateId,
      )
      const { timeMs, botId: _bot, ...rest } = a
      return { id: Number(r.lastInsertRowid), time: iso(timeMs), ...rest }
    },
    /** The method call a webhook answer carried, run and recorded after its attempt. */
    setReplyCall(attemptId: number, callId: number): void {
      run('UPDATE forward_attempts SET reply_call_id = ? WHERE id = ?', callId, attemptId)
    },
    attemptsOf(requestId: number): ForwardAttempt[] {
      return (
        stmt('SELECT * FROM forward_attempts WHERE request_id = ? ORDER BY id').all(requestId) as Row[]
      ).map(toAttempt)
    },
    insertCall(c: NewBotCall): BotCall {
      const r = run(
        `INSERT INTO bot_calls (time_ms, bot_id, method, source, answered_by, params, files, http_status, ok,
           error_code, description, retry_after, result, duration_ms, chat_id, message_id, update_id, request_id,
           text, warning)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        c.timeMs,
        c.botId,
        c.method,
        c.source,
        c.answeredBy,
        JSON.stringify(c.params),
        JSON.stringify(c.files),
        c.httpStatus,
        c.ok ? 1 : 0,
        c.errorCode,
        c.description,
        c.retryAfter,
        c.result === undefined ? null : JSON.stringify(c.result),
        c.durationMs,
        c.chatId,
        c.messageId,
        c.updateId,
        c.requestId,
        c.text,
        c.warning,
      )
      const id = Number(r.lastInsertRowid)
      for (const f of c.fileBytes) {
        run('INSERT INTO bot_call_files (call_id, field, bytes) VALUES (?, ?, ?)', id, f.field, f.bytes)
      }
      const { timeMs, fileBytes: _bytes, ...rest } = c
      return { id, time: iso(timeMs), ...rest, result: c.result ?? null }
    },
    /** The calls that answered the update a request carried. */
    callsOfRequest(requestId: number): BotCall[] {
      return (stmt('SELECT * FROM bot_calls WHERE request_id = ? ORDER BY id').all(requestId) as Row[]).map(
        toCall,
      )
    },
    getCall(id: number): BotCall | null {
      const r = stmt('SELECT * FROM bot_calls WHERE id = ?').get(id) as Row | undefined
      return r ? toCall(r) : null
    },
    listCalls(f: BotCallFilter): Page<BotCall> {
      const { clauses, params } = callClauses(f)
      return pageOf(db, { table: 'bot_calls', clauses, params, limit: f.limit, cursor: f.cursor }, toCall)
    },
    /** One chat's timeline: updates, attempts and calls, the newest `limit` entries, oldest first. */
    conversation(q: {
      chat: number
      method?: string | undefined
      errorsOnly?: boolean | undefined
      limit: number
    }) {
      const items: (TimelineItem & { ms: number; order: number })[] = []
      if (!q.method) {
        const updates = stmt(
          `SELECT * FROM bot_updates WHERE chat_id = ? ${q.errorsOnly ? "AND state = 'pending' AND attempts > 0" : ''}
           ORDER BY update_id DESC LIMIT ?`,
        ).all(q.chat, q.limit) as Row[]
        for (const r of updates) {
          items.push({
            kind: 'update',
            time: iso(num(r, 'received_ms')),
            update: toUpdate(r),
            ms: num(r, 'received_ms'),
            order: 0,
          })
        }
        const attempts = stmt(
          `SELECT * FROM forward_attempts WHERE chat_id = ? ${q.errorsOnly ? 'AND delivered = 0' : ''}
           ORDER BY id DESC LIMIT ?`,
        ).all(q.chat, q.limit) as Row[]
        for (const r of attempts) {
          items.push({
            kind: 'forward',
            time: iso(num(r, 'time_ms')),
            attempt: toAttempt(r),
            ms: num(r, 'time_ms'),
            order: 1,
          })
        }
      }
      const { clauses, params } = callClauses({
        chat: q.chat,
        method: q.method,
        errorsOnly: q.errorsOnly,
        limit: q.limit,
      })
      const calls = stmt(
        `SELECT * FROM bot_calls WHERE ${clauses.join(' AND ')} ORDER BY id DESC LIMIT ?`,
      ).all(...params, q.limit) as Row[]
      for (const r of calls) {
        items.push({
          kind: 'call',
          time: iso(num(r, 'time_ms')),
          call: toCall(r),
          ms: num(r, 'time_ms'),
          order: 2,
        })
      }
      items.sort((a, b) => a.ms - b.ms || a.order - b.order)
      return items.slice(-q.limit).map(({ ms: _ms, order: _order, ...item }) => item as TimelineItem)
    },
    /** Every chat seen in updates or calls, most recently active first. */
    chats(): ConversationChat[] {
      const rows = stmt(
        `SELECT chat_id, max(title) AS title, max(last_ms) AS last_ms, sum(updates) AS updates, sum(calls) AS calls,
                sum(errors) AS errors
         FROM (
           SELECT chat_id, max(chat_title) AS title, max(received_ms) AS last_ms, count(*) AS updates, 0 AS calls,
                  0 AS errors
           FROM bot_updates WHERE chat_id IS NOT NULL GROUP BY chat_id
           UNION ALL
           SELECT chat_id, NULL, max(time_ms), 0, count(*), sum(ok = 0) FROM bot_calls
           WHERE chat_id IS NOT NULL GROUP BY chat_id
           UNION ALL
           SELECT chat_id, NULL, max(time_ms), 0, 0, count(*) FROM forward_attempts
           WHERE chat_id IS NOT NULL AND delivered = 0 GROUP BY chat_id
         ) GROUP BY chat_id ORDER BY last_ms DESC LIMIT 500`,
      ).all() as Row[]
      return rows.map((r) => ({
        chatId: num(r, 'chat_id'),
        title: strOrNull(r, 'title'),
        lastTime: iso(num(r, 'last_ms')),
        updates: num(r, 'updates'),
        calls: num(r, 'calls'),
        errors: num(r, 'errors'),
      }))
    },
    target(): ForwardTargetRow {
      const r = stmt('SELECT * FROM forward_target WHERE id = 1').get() as Row | undefined
      if (!r) return { ...DEFAULT_TARGET }
      return {
        url: strOrNull(r, 'url'),
        timeoutMs: num(r, 'timeout_ms'),
        maxConnections: num(r, 'max_connections'),
        allowedUpdates: json<string[] | null>(r, 'allowed_updates', null),
        setBy: strOrNull(r, 'set_by') as ForwardTargetRow['setBy'],
        lastErrorMs: numOrNull(r, 'last_error_ms'),
        lastErrorMessage: strOrNull(r, 'last_error_message'),
      }
    },
    setTarget(t: ForwardTargetRow): void {
      run(
        `INSERT INTO forward_target (id, url, timeout_ms, max_connections, allowed_updates, set_by, last_error_ms,
           last_error_message) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, timeout_ms = excluded.timeout_ms,
           max_connections = excluded.max_connections, allowed_updates = excluded.allowed_updates,
           set_by = excluded.set_by, last_error_ms = excluded.last_error_ms,
           last_error_message = excluded.last_error_message`,
        t.url,
        t.timeoutMs,
        t.maxConnections,
        t.allowedUpdates === null ? null : JSON.stringify(t.allowedUpdates),
        t.setBy,
        t.lastErrorMs,
        t.lastErrorMessage,
      )
    },
  }
}
export type BotLoopRepo = ReturnType<typeof createBotLoopRepo>
