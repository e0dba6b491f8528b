import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import { json, num, numOrNull, preparedCache, str, strOrNull, type Row } from '../store/rows'

/** What became of one update the simulator made (or decided not to make) for a bot (migration 012). */
export type DeliveryStatus = 'pending' | 'delivered' | 'late' | 'not_sent'

/** Why an update did not reach the bot, or reached it late (docs/simulator.md, "Why didn't my bot get this?"). */
export type WhyNotReason =
  | 'privacy'
  | 'allowed_updates'
  | 'blocked'
  | 'not_member'
  | 'webhook_failing'
  | 'not_polling'
  | 'conflict'
  | 'flood_wait'

export interface UpdateLogRow {
  id: number
  botId: number
  updateId: number | null
  type: string
  chatId: number
  messageId: number | null
  createdAt: number
  status: DeliveryStatus
  reason: WhyNotReason | null
  detail: string | null
  deliveredAt: number | null
  failures: number
  /** Read only: false once the update left sim_updates (delivered, confirmed or dropped). */
  queued?: boolean
}

export interface InlineQueryRow {
  id: string
  botId: number
  chatId: number
  userId: number
  fromUser: Record<string, unknown>
  query: string
  offset: string
  chatType: string
  updateId: number | null
  createdAt: number
  answeredAt: number | null
  results: Record<string, unknown>[] | null
  nextOffset: string | null
  cacheTime: number | null
  isPersonal: boolean | null
  chosenResultId: string | null
}

const toLog = (r: Row): UpdateLogRow => ({
  id: num(r, 'id'),
  botId: num(r, 'bot_id'),
  updateId: numOrNull(r, 'update_id'),
  type: str(r, 'type'),
  chatId: num(r, 'chat_id'),
  messageId: numOrNull(r, 'message_id'),
  createdAt: num(r, 'created_at'),
  status: str(r, 'status') as DeliveryStatus,
  reason: strOrNull(r, 'reason') as WhyNotReason | null,
  detail: strOrNull(r, 'detail'),
  deliveredAt: numOrNull(r, 'delivered_at'),
  failures: num(r, 'failures'),
  ...(r['queued'] !== undefined && { queued: num(r, 'queued') === 1 }),
})

const toInline = (r: Row): InlineQueryRow => ({
  id: str(r, 'id'),
  botId: num(r, 'bot_id'),
  chatId: num(r, 'chat_id'),
  userId: num(r, 'user_id'),
  fromUser: json<Record<string, unknown>>(r, 'from_user', {}),
  query: str(r, 'query'),
  offset: str(r, 'offset'),
  chatType: str(r, 'chat_type'),
  updateId: numOrNull(r, 'update_id'),
  createdAt: num(r, 'created_at'),
  answeredAt: numOrNull(r, 'answered_at'),
  results: json<Record<string, unknown>[] | null>(r, 'results', null),
  nextOffset: strOrNull(r, 'next_offset'),
  cacheTime: numOrNull(r, 'cache_time'),
  isPersonal:
    r['is_personal'] === null || r['is_personal'] === undefined ? null : num(r, 'is_personal') === 1,
  chosenResultId: strOrNull(r, 'chosen_result_id'),
})

// A logged update is still queued while its row is in sim_updates.
const WITH_QUEUED = `SELECT l.*, EXISTS (SELECT 1 FROM sim_updates u WHERE u.bot_id = l.bot_id
  AND u.update_id = l.update_id) AS queued FROM sim_update_log l`

/** The update log and inline queries (migration 012). Writes must run inside `store.writer.write`. */
export function createSimLogRepo(db: DatabaseSync) {
  // Statements are cached: the log is written for every update (the simulator's hot path).
  const prepare = preparedCache(db)
  const one = (sql: string, ...params: SQLInputValue[]) => prepare(sql).get(...params) as Row | undefined
  const all = (sql: string, ...params: SQLInputValue[]) => prepare(sql).all(...params) as Row[]
  const run = (sql: string, ...params: SQLInputValue[]) => Number(prepare(sql).run(...params).changes)

  return {
    insertLog(l: Omit<UpdateLogRow, 'id' | 'deliveredAt' | 'failures' | 'queued'>) {
      run(
        `INSERT INTO sim_update_log (bot_id, update_id, type, chat_id, message_id, created_at, status, reason, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        l.botId,
        l.updateId,
        l.type,
        l.chatId,
        l.messageId,
        l.createdAt,
        l.status,
        l.reason,
        l.detail,
      )
    },
    /** Forgets log entries and inline queries made before `beforeMs`. */
    prune(beforeMs: number) {
      run('DELETE FROM sim_update_log WHERE created_at < ?', beforeMs)
      run('DELETE FROM sim_inline_queries WHERE created_at < ?', beforeMs)
    },
    /** A chat's logged updates, oldest first (the newest `limit`). */
    chatLog: (chatId: number, limit: number) =>
      all(
        `SELECT * FROM (${WITH_QUEUED} WHERE l.chat_id = ? ORDER BY l.id DESC LIMIT ?) ORDER BY id`,
        chatId,
        limit,
      ).map(toLog),
    logOf: (botId: number, updateId: number) => {
      const r = one(`${WITH_QUEUED} WHERE l.bot_id = ? AND l.update_id = ?`, botId, updateId)
      return r ? toLog(r) : null
    },
    /** Webhook: one more failed attempt, with Telegram's last_error_message. */
    logFailure: (botId: number, updateId: number, error: string) =>
      run(
        `UPDATE sim_update_log SET failures = failures + 1, reason = 'webhook_failing', detail = ?
         WHERE bot_id = ? AND update_id = ? AND delivered_at IS NULL`,
        error,
        botId,
        updateId,
      ),
    /** The bot got it: on time, or late with the reason. Only the first delivery counts. */
    logDelivered: (
      botId: number,
      updateId: number,
      at: number,
      late: { reason: WhyNotReason; detail: string | null } | null,
    ) =>
      run(
        `UPDATE sim_update_log SET delivered_at = ?, status = ?, reason = ?, detail = ?
         WHERE bot_id = ? AND update_id = ? AND delivered_at IS NULL`,
        at,
        late ? 'late' : 'delivered',
        late?.reason ?? null,
        late?.detail ?? null,
        botId,
        updateId,
      ),
    /** Of these update ids (ascending), those not yet received: one range query, a bounded statement cache. */
    undeliveredIds: (botId: number, updateIds: number[]): Set<number> =>
      new Set(
        updateIds.length === 0
          ? []
          : all(
              `SELECT update_id FROM sim_update_log WHERE bot_id = ? AND delivered_at IS NULL
               AND update_id BETWEEN ? AND ?`,
              botId,
              Math.min(...updateIds),
              Math.max(...updateIds),
            ).map((r) => num(r, 'update_id')),
      ),

    insertInline(
      q: Omit<
        InlineQueryRow,
        'answeredAt' | 'results' | 'nextOffset' | 'cacheTime' | 'isPersonal' | 'chosenResultId'
      >,
    ) {
      run(
        `INSERT INTO sim_inline_queries (id, bot_id, chat_id, user_id, from_user, query, offset, chat_type, update_id,
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        q.id,
        q.botId,
        q.chatId,
        q.userId,
        JSON.stringify(q.fromUser),
        q.query,
        q.offset,
        q.chatType,
        q.updateId,
        q.createdAt,
      )
    },
    inline: (id: string) => {
      const r = one('SELECT * FROM sim_inline_queries WHERE id = ?', id)
      return r ? toInline(r) : null
    },
    /** A chat's newest inline query (what its composer shows). */
    latestInline: (chatId: number) => {
      const r = one(
        'SELECT * FROM sim_inline_queries WHERE chat_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
        chatId,
      )
      return r ? toInline(r) : null
    },
    answerInline(
      id: string,
      a: { at: number; results: unknown[]; nextOffset: string; cacheTime: number; isPersonal: boolean },
    ) {
      return (
        run(
          `UPDATE sim_inline_queries SET answered_at = ?, results = ?, next_offset = ?, cache_time = ?, is_personal = ?
           WHERE id = ? AND answered_at IS NULL`,
          a.at,
          JSON.stringify(a.results),
          a.nextOffset,
          a.cacheTime,
          a.isPersonal ? 1 : 0,
          id,
        ) > 0
      )
    },
    chooseInline: (id: string, resultId: string) =>
      run('UPDATE sim_inline_queries SET chosen_result_id = ? WHERE id = ?', resultId, id),
  }
}
export type SimLogRepo = ReturnType<typeof createSimLogRepo>
