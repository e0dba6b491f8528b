import type { DatabaseSync } from 'node:sqlite'
import type { SimFormatError } from '@shared/simulator'
import { errorWhere } from './format/preview'

/** The refusals the formatting lab keeps: parse errors and the length limits (issue 14.4). */
const FORMAT_ERROR = /^Bad Request: (can't parse entities|message is too long|message caption is too long)/

/** Rows kept per chat; older ones are dropped as new ones arrive. */
const KEEP_PER_CHAT = 200

export interface FormatErrorLog {
  /** Keeps `description` when it is a formatting refusal of a call that sent `text`. */
  record(entry: {
    botId: number
    chatId: string | undefined
    method: string
    text: string | undefined
    parseMode: string | undefined
    description: string
    atMs: number
  }): void
  list(query: { chatId?: number | undefined; limit: number }): SimFormatError[]
}

interface Row {
  id: number
  bot_id: number
  chat_id: number | null
  method: string
  text: string
  parse_mode: string | null
  description: string
  created_at: number
}

export function createFormatErrorLog(db: DatabaseSync): FormatErrorLog {
  const insert = db.prepare(
    'INSERT INTO sim_format_errors (bot_id, chat_id, method, text, parse_mode, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const trim = db.prepare(
    'DELETE FROM sim_format_errors WHERE chat_id IS ? AND id <= (SELECT id FROM sim_format_errors WHERE chat_id IS ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
  )
  const ofChat = db.prepare('SELECT * FROM sim_format_errors WHERE chat_id = ? ORDER BY id DESC LIMIT ?')
  const all = db.prepare('SELECT * FROM sim_format_errors ORDER BY id DESC LIMIT ?')
  const toItem = (r: Row): SimFormatError => ({
    id: r.id,
    botId: r.bot_id,
    chatId: r.chat_id,
    method: r.method,
    text: r.text,
    parseMode: r.parse_mode,
    description: r.description,
    where: errorWhere(r.text, r.description),
    at: new Date(r.created_at).toISOString(),
  })
  return {
    record({ botId, chatId, method, text, parseMode, description, atMs }) {
      if (text === undefined || !FORMAT_ERROR.test(description)) return
      const chat = chatId !== undefined && /^-?\d+$/.test(chatId) ? Number(chatId) : null
      insert.run(botId, chat, method, text, parseMode ?? null, description, atMs)
      trim.run(chat, chat, KEEP_PER_CHAT)
    },
    list({ chatId, limit }) {
      const rows = (chatId === undefined ? all.all(limit) : ofChat.all(chatId, limit)) as unknown as Row[]
      return rows.map(toItem)
    },
  }
}
