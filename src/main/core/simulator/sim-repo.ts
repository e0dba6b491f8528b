import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import { json, num, numOrNull, preparedCache, str, strOrNull, type Row } from '../store/rows'
import type { Entity } from './format/formatted-text'

export interface BotRow {
  id: number
  tokenSha256: string
  username: string
  firstName: string
  webhookUrl: string
  webhookSecret: string | null
  webhookCertificate: string | null
  webhookIpAddress: string | null
  webhookFixedIp: boolean
  maxConnections: number | null
  allowedUpdates: string[] | null
  lastErrorDate: number | null
  lastErrorMessage: string | null
  /** Privacy mode (BotFather's /setprivacy): on unless switched off. */
  privacy: boolean
  /** BotFather's /setinlinefeedback (migration 012): chosen_inline_result updates only when on. */
  inlineFeedback: boolean
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel'

export interface ChatRow {
  id: number
  botId: number
  type: ChatType
  title: string | null
  username: string | null
  userId: number
  userFirstName: string
  userLastName: string | null
  userUsername: string | null
  blocked: boolean
  /** The bot's membership of a group (migration 012): removed from a basic group `left`, a supergroup `kicked`. */
  botStatus: BotMemberStatus
  createdAt: number
}

export type BotMemberStatus = 'member' | 'left' | 'kicked'

export interface MessageRow {
  chatId: number
  messageId: number
  fromBot: boolean
  text: string
  sourceText: string | null
  parseMode: string | null
  entities: Entity[]
  replyMarkup: unknown
  replyTo: number | null
  /** Unix ms. */
  date: number
  editDate: number | null
  updateId: number | null
  /** A Telegram User: who wrote it, when not the chat's first user (a group member). */
  fromUser?: Record<string, unknown> | null
  /** A service message's fields (`new_chat_members`, `left_chat_member`); its text is what the transcript shows. */
  service?: Record<string, unknown> | null
  /** A message with a file: its Message fields (`photo`, `document`, …); `text` is then the caption (migration 010). */
  media?: Record<string, unknown> | null
  /** A forwarded message: `forward_origin` and the legacy `forward_*` fields (migration 010). */
  forward?: Record<string, unknown> | null
  /** Sent "via @bot": a chosen inline result (migration 012). */
  viaBot?: boolean
}

/** A group member besides the chat's first user (migration 008). */
export interface MemberRow {
  chatId: number
  userId: number
  firstName: string
  lastName: string | null
  username: string | null
  status: 'member' | 'left'
}

/** An injected fault (migration 008): what the next matching Bot API calls answer instead. */
export interface FaultRow {
  id: number
  botId: number | null
  method: string
  kind: 'error' | 'drop' | 'delay'
  errorCode: number | null
  description: string | null
  retryAfter: number | null
  /** The `migrated` preset's supergroup (migration 009). */
  migrateToChatId: number | null
  delayMs: number | null
  remaining: number | null
  expiresAt: number | null
  hits: number
  createdAt: number
}

export interface UpdateRow {
  botId: number
  updateId: number
  type: string
  chatId: number
  payload: string
  createdAt: number
}

export interface WebhookConfig {
  url: string
  secret: string | null
  certificate: string | null
  ipAddress: string | null
  fixedIp: boolean
  maxConnections: number | null
}

/** max_connections when setWebhook gave none: the cloud's 40, a local Bot API server's (relaxed mode) 100 (TELEGRAM-FACTS.md §9). */
export const effectiveMaxConnections = (set: number | null, strict: boolean): number =>
  set ?? (strict ? 40 : 100)

const toBot = (r: Row): BotRow => ({
  id: num(r, 'id'),
  tokenSha256: str(r, 'token_sha256'),
  username: str(r, 'username'),
  firstName: str(r, 'first_name'),
  webhookUrl: str(r, 'webhook_url'),
  webhookSecret: strOrNull(r, 'webhook_secret'),
  webhookCertificate: strOrNull(r, 'webhook_certificate'),
  webhookIpAddress: strOrNull(r, 'webhook_ip_address'),
  webhookFixedIp: num(r, 'webhook_fixed_ip') === 1,
  maxConnections: numOrNull(r, 'max_connections'),
  allowedUpdates: json<string[] | null>(r, 'allowed_updates', null),
  lastErrorDate: numOrNull(r, 'last_error_date'),
  lastErrorMessage: strOrNull(r, 'last_error_message'),
  privacy: num(r, 'privacy') !== 0,
  inlineFeedback: num(r, 'inline_feedback') === 1,
})

const toChat = (r: Row): ChatRow => ({
  id: num(r, 'id'),
  botId: num(r, 'bot_id'),
  type: str(r, 'type') as ChatType,
  title: strOrNull(r, 'title'),
  username: strOrNull(r, 'username'),
  userId: num(r, 'user_id'),
  userFirstName: str(r, 'user_first_name'),
  userLastName: strOrNull(r, 'user_last_name'),
  userUsername: strOrNull(r, 'user_username'),
  blocked: num(r, 'blocked') === 1,
  botStatus: (strOrNull(r, 'bot_status') ?? 'member') as BotMemberStatus,
  createdAt: num(r, 'created_at'),
})

const toMessage = (r: Row): MessageRow => ({
  chatId: num(r, 'chat_id'),
  messageId: num(r, 'message_id'),
  fromBot: num(r, 'from_bot') === 1,
  text: str(r, 'text'),
  sourceText: strOrNull(r, 'source_text'),
  parseMode: strOrNull(r, 'parse_mode'),
  entities: json<Entity[]>(r, 'entities', []),
  replyMarkup: json<unknown>(r, 'reply_markup', null),
  replyTo: numOrNull(r, 'reply_to'),
  date: num(r, 'date'),
  editDate: numOrNull(r, 'edit_date'),
  updateId: numOrNull(r, 'update_id'),
  fromUser: json<Record<string, unknown> | null>(r, 'from_user', null),
  service: json<Record<string, unknown> | null>(r, 'service', null),
  media: json<Record<string, unknown> | null>(r, 'media', null),
  forward: json<Record<string, unknown> | null>(r, 'forward', null),
  viaBot: num(r, 'via_bot') === 1,
})

const toMember = (r: Row): MemberRow => ({
  chatId: num(r, 'chat_id'),
  userId: num(r, 'user_id'),
  firstName: str(r, 'first_name'),
  lastName: strOrNull(r, 'last_name'),
  username: strOrNull(r, 'username'),
  status: str(r, 'status') as MemberRow['status'],
})

const toFault = (r: Row): FaultRow => ({
  id: num(r, 'id'),
  botId: numOrNull(r, 'bot_id'),
  method: str(r, 'method'),
  kind: str(r, 'kind') as FaultRow['kind'],
  errorCode: numOrNull(r, 'error_code'),
  description: strOrNull(r, 'description'),
  retryAfter: numOrNull(r, 'retry_after'),
  migrateToChatId: numOrNull(r, 'migrate_to_chat_id'),
  delayMs: numOrNull(r, 'delay_ms'),
  remaining: numOrNull(r, 'remaining'),
  expiresAt: numOrNull(r, 'expires_at'),
  hits: num(r, 'hits'),
  createdAt: num(r, 'created_at'),
})

const toUpdate = (r: Row): UpdateRow => ({
  botId: num(r, 'bot_id'),
  updateId: num(r, 'update_id'),
  type: str(r, 'type'),
  chatId: num(r, 'chat_id'),
  payload: str(r, 'payload'),
  createdAt: num(r, 'created_at'),
})

const jsonOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v))

/** SQLite access for the simulator (migration 003). Writes must run inside `store.writer.write`. */
export function createSimRepo(db: DatabaseSync) {
  // Every call of the Bot API runs several of these: parsing the SQL each time cost more than running it.
  const prepare = preparedCache(db)
  const one = (sql: string, ...params: SQLInputValue[]) => prepare(sql).get(...params) as Row | undefined
  const all = (sql: string, ...params: SQLInputValue[]) => prepare(sql).all(...params) as Row[]
  const run = (sql: string, ...params: SQLInputValue[]) => Number(prepare(sql).run(...params).changes)
  const firstOf = <T>(row: Row | undefined, map: (r: Row) => T) => (row ? map(row) : null)

  // Bots and chats by id, as last read outside a transaction: every Bot API call looks its bot up (the token
  // check) and most a chat, a user's message both twice more (the bench's profile: five point reads a loop).
  // Filled only outside a transaction, so a write rolled back never leaves its row here; every write below
  // that changes a BotRow or ChatRow field drops the entry (next_update_id and next_message_id are in
  // neither). All writes to sim_bots and sim_chats go through this repo. Rows are frozen: they are shared.
  const botCache = new Map<number, BotRow>()
  const chatCache = new Map<number, ChatRow>()
  function cached<T extends object>(cache: Map<number, T>, id: number, read: () => T | null): T | null {
    const hit = cache.get(id)
    if (hit) return hit
    const row = read()
    if (row && !db.isTransaction) cache.set(id, Object.freeze(row))
    return row
  }
  const botWrite = (botId: number, changes: number) => {
    botCache.delete(botId)
    return changes
  }
  const chatWrite = (chatId: number, changes: number) => {
    chatCache.delete(chatId)
    return changes
  }

  return {
    bot: (id: number) =>
      cached(botCache, id, () => firstOf(one('SELECT * FROM sim_bots WHERE id = ?', id), toBot)),
    botsWithWebhook: () => all("SELECT * FROM sim_bots WHERE webhook_url <> ''").map(toBot),
    insertBot(
      b: { id: number; tokenSha256: string; username: string; firstName: string },
      nextUpdateId: number,
      nowMs: number,
    ) {
      botCache.delete(b.id)
      run(
        `INSERT OR IGNORE INTO sim_bots (id, token_sha256, username, first_name, next_update_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        b.id,
        b.tokenSha256,
        b.username,
        b.firstName,
        nextUpdateId,
        nowMs,
      )
    },
    setWebhook(botId: number, w: WebhookConfig) {
      botCache.delete(botId)
      run(
        `UPDATE sim_bots SET webhook_url = ?, webhook_secret = ?, webhook_certificate = ?, webhook_ip_address = ?,
         webhook_fixed_ip = ?, max_connections = ?, last_error_date = NULL, last_error_message = NULL WHERE id = ?`,
        w.url,
        w.secret,
        w.certificate,
        w.ipAddress,
        w.fixedIp ? 1 : 0,
        w.maxConnections,
        botId,
      )
    },
    setAllowedUpdates: (botId: number, list: string[] | null) =>
      botWrite(botId, run('UPDATE sim_bots SET allowed_updates = ? WHERE id = ?', jsonOrNull(list), botId)),
    /** Privacy mode on or off (migration 009); false when there is no such bot. */
    setPrivacy: (botId: number, privacy: boolean) =>
      botWrite(botId, run('UPDATE sim_bots SET privacy = ? WHERE id = ?', privacy ? 1 : 0, botId)) > 0,
    /** /setinlinefeedback on or off (migration 012); false when there is no such bot. */
    setInlineFeedback: (botId: number, on: boolean) =>
      botWrite(botId, run('UPDATE sim_bots SET inline_feedback = ? WHERE id = ?', on ? 1 : 0, botId)) > 0,
    setLastError: (botId: number, dateSec: number, message: string) =>
      botWrite(
        botId,
        run(
          'UPDATE sim_bots SET last_error_date = ?, last_error_message = ? WHERE id = ?',
          dateSec,
          message,
          botId,
        ),
      ),
    nextUpdateId: (botId: number) =>
      num(
        one(
          'UPDATE sim_bots SET next_update_id = next_update_id + 1 WHERE id = ? RETURNING next_update_id - 1 AS n',
          botId,
        )!,
        'n',
      ),

    chat: (id: number) =>
      cached(chatCache, id, () => firstOf(one('SELECT * FROM sim_chats WHERE id = ?', id), toChat)),
    chatByUsername: (botId: number, username: string) =>
      firstOf(
        one('SELECT * FROM sim_chats WHERE bot_id = ? AND lower(username) = lower(?)', botId, username),
        toChat,
      ),
    chats: () => all('SELECT * FROM sim_chats ORDER BY created_at, id').map(toChat),
    /** True when `id` is taken as a chat id or a fake user's id. */
    idTaken: (id: number) =>
      one(
        'SELECT 1 FROM sim_chats WHERE id = ? OR user_id = ? UNION ALL SELECT 1 FROM sim_members WHERE user_id = ?',
        id,
        id,
        id,
      ) !== undefined,
    /** True when `id` is taken as a chat id (a private chat's id is its user's). */
    chatIdTaken: (id: number) => one('SELECT 1 FROM sim_chats WHERE id = ?', id) !== undefined,
    members: (chatId: number) =>
      all('SELECT * FROM sim_members WHERE chat_id = ? ORDER BY rowid', chatId).map(toMember),
    member: (chatId: number, userId: number) =>
      firstOf(one('SELECT * FROM sim_members WHERE chat_id = ? AND user_id = ?', chatId, userId), toMember),
    saveMember(m: MemberRow) {
      run(
        `INSERT INTO sim_members (chat_id, user_id, first_name, last_name, username, status) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (chat_id, user_id) DO UPDATE SET first_name = excluded.first_name,
           last_name = excluded.last_name, username = excluded.username, status = excluded.status`,
        m.chatId,
        m.userId,
        m.firstName,
        m.lastName,
        m.username,
        m.status,
      )
    },

    faults: () => all('SELECT * FROM sim_faults ORDER BY id').map(toFault),
    insertFault(f: Omit<FaultRow, 'id' | 'hits'>): FaultRow {
      return toFault(
        one(
          `INSERT INTO sim_faults (bot_id, method, kind, error_code, description, retry_after, delay_ms, remaining,
           expires_at, created_at, migrate_to_chat_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          f.botId,
          f.method,
          f.kind,
          f.errorCode,
          f.description,
          f.retryAfter,
          f.delayMs,
          f.remaining,
          f.expiresAt,
          f.createdAt,
          f.migrateToChatId,
        )!,
      )
    },
    /**
     * Inside a write: the oldest live fault for this bot and method, counted as used (and deleted once used up
     * or expired). Null when no fault applies.
     */
    takeFault(botId: number, method: string, nowMs: number): FaultRow | null {
      run('DELETE FROM sim_faults WHERE (expires_at IS NOT NULL AND expires_at <= ?) OR remaining = 0', nowMs)
      const row = one(
        `UPDATE sim_faults SET hits = hits + 1, remaining = CASE WHEN remaining IS NULL THEN NULL ELSE remaining - 1 END
         WHERE id = (SELECT id FROM sim_faults WHERE (bot_id IS NULL OR bot_id = ?) AND (lower(method) = ? OR method = '*')
           ORDER BY id LIMIT 1) RETURNING *`,
        botId,
        method,
      )
      return row ? toFault(row) : null
    },
    deleteFault: (id: number) => run('DELETE FROM sim_faults WHERE id = ?', id) > 0,
    deleteFaults: (botId?: number) =>
      botId === undefined
        ? run('DELETE FROM sim_faults')
        : run('DELETE FROM sim_faults WHERE bot_id = ? OR bot_id IS NULL', botId),
    insertChat(c: Omit<ChatRow, 'blocked' | 'botStatus'>) {
      chatCache.delete(c.id)
      run(
        `INSERT INTO sim_chats (id, bot_id, type, title, username, user_id, user_first_name, user_last_name,
         user_username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        c.id,
        c.botId,
        c.type,
        c.title,
        c.username,
        c.userId,
        c.userFirstName,
        c.userLastName,
        c.userUsername,
        c.createdAt,
      )
    },
    setBlocked: (chatId: number, blocked: boolean) =>
      chatWrite(chatId, run('UPDATE sim_chats SET blocked = ? WHERE id = ?', blocked ? 1 : 0, chatId)),
    setBotStatus: (chatId: number, status: BotMemberStatus) =>
      chatWrite(chatId, run('UPDATE sim_chats SET bot_status = ? WHERE id = ?', status, chatId)),
    /** Marks a stored message as sent via the bot (after saveMessage, which leaves the column at 0). */
    setViaBot: (chatId: number, messageId: number) =>
      run('UPDATE sim_messages SET via_bot = 1 WHERE chat_id = ? AND message_id = ?', chatId, messageId),
    nextMessageId: (chatId: number) =>
      num(
        one(
          'UPDATE sim_chats SET next_message_id = next_message_id + 1 WHERE id = ? RETURNING next_message_id - 1 AS n',
          chatId,
        )!,
        'n',
      ),

    message: (chatId: number, messageId: number) =>
      firstOf(
        one('SELECT * FROM sim_messages WHERE chat_id = ? AND message_id = ?', chatId, messageId),
        toMessage,
      ),
    messages: (chatId: number) =>
      all('SELECT * FROM sim_messages WHERE chat_id = ? ORDER BY message_id', chatId).map(toMessage),
    /** Inserts a message, or rewrites it after an edit (same chat and message id). */
    saveMessage(m: MessageRow) {
      run(
        `INSERT OR REPLACE INTO sim_messages (chat_id, message_id, from_bot, text, source_text, parse_mode, entities,
         reply_markup, reply_to, date, edit_date, update_id, from_user, service, media, forward)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        m.chatId,
        m.messageId,
        m.fromBot ? 1 : 0,
        m.text,
        m.sourceText,
        m.parseMode,
        m.entities.length ? JSON.stringify(m.entities) : null,
        jsonOrNull(m.replyMarkup),
        m.replyTo,
        m.date,
        m.editDate,
        m.updateId,
        jsonOrNull(m.fromUser),
        jsonOrNull(m.service),
        jsonOrNull(m.media),
        jsonOrNull(m.forward),
      )
    },
    deleteMessage: (chatId: number, messageId: number) =>
      run('DELETE FROM sim_messages WHERE chat_id = ? AND message_id = ?', chatId, messageId) > 0,

    insertUpdate(u: UpdateRow) {
      run(
        'INSERT INTO sim_updates (bot_id, update_id, type, chat_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        u.botId,
        u.updateId,
        u.type,
        u.chatId,
        u.payload,
        u.createdAt,
      )
    },
    pendingCount: (botId: number) =>
      num(one('SELECT count(*) AS n FROM sim_updates WHERE bot_id = ?', botId)!, 'n'),
    updatesFrom: (botId: number, fromId: number, limit: number) =>
      all(
        'SELECT * FROM sim_updates WHERE bot_id = ? AND update_id >= ? ORDER BY update_id LIMIT ?',
        botId,
        fromId,
        limit,
      ).map(toUpdate),
    /** The update_id of the `n`-th newest pending update (getUpdates with a negative offset). */
    nthNewestUpdateId: (botId: number, n: number) =>
      numOrNull(
        one(
          'SELECT update_id FROM sim_updates WHERE bot_id = ? ORDER BY update_id DESC LIMIT 1 OFFSET ?',
          botId,
          n - 1,
        ) ?? {},
        'update_id',
      ),
    /** The oldest pending update of every chat: what webhook delivery may send next. */
    chatHeads: (botId: number) =>
      all(
        `SELECT u.* FROM sim_updates u WHERE u.bot_id = ? AND u.update_id =
         (SELECT min(v.update_id) FROM sim_updates v WHERE v.bot_id = u.bot_id AND v.chat_id = u.chat_id)
         ORDER BY u.update_id`,
        botId,
      ).map(toUpdate),
    deleteUpdatesBefore: (botId: number, updateId: number) =>
      run('DELETE FROM sim_updates WHERE bot_id = ? AND update_id < ?', botId, updateId),
    deleteUpdate: (botId: number, updateId: number) =>
      run('DELETE FROM sim_updates WHERE bot_id = ? AND update_id = ?', botId, updateId),
    deleteAllUpdates: (botId: number) => run('DELETE FROM sim_updates WHERE bot_id = ?', botId),
  }
}
export type SimRepo = ReturnType<typeof createSimRepo>
