import type { DatabaseSync } from 'node:sqlite'
import type { SimWebhookAttempt } from '@shared/simulator'
import { iso, num, numOrNull, preparedCache, str, strOrNull, type Row } from '../../store/rows'

/** Attempts kept per bot; older ones are deleted as new ones come (migration 011). */
const KEEP_PER_BOT = 1000

export interface AttemptRow {
  botId: number
  updateId: number
  chatId: number
  attempt: number
  startedAt: number
  durationMs: number
  status: number | null
  error: string | null
  outcome: SimWebhookAttempt['outcome']
  retryAt: number | null
}

const toAttempt = (r: Row): SimWebhookAttempt => {
  const retryAt = numOrNull(r, 'retry_at')
  return {
    id: num(r, 'id'),
    botId: num(r, 'bot_id'),
    updateId: num(r, 'update_id'),
    chatId: num(r, 'chat_id'),
    attempt: num(r, 'attempt'),
    startedAt: iso(num(r, 'started_at')),
    durationMs: num(r, 'duration_ms'),
    status: numOrNull(r, 'status'),
    error: strOrNull(r, 'error'),
    outcome: str(r, 'outcome') as SimWebhookAttempt['outcome'],
    retryAt: retryAt === null ? null : iso(retryAt),
  }
}

/** SQLite access for webhook delivery attempts (migration 011). Writes must run inside `store.writer.write`. */
export function createAttemptsRepo(db: DatabaseSync) {
  const prepare = preparedCache(db)
  return {
    /** Inside a write: stores one attempt (and trims the bot's oldest); returns it as the API shows it. */
    insert(a: AttemptRow): SimWebhookAttempt {
      const row = prepare(
        `INSERT INTO sim_webhook_attempts (bot_id, update_id, chat_id, attempt, started_at, duration_ms, status,
         error, outcome, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      ).get(
        a.botId,
        a.updateId,
        a.chatId,
        a.attempt,
        a.startedAt,
        Math.round(a.durationMs),
        a.status,
        a.error,
        a.outcome,
        a.retryAt,
      ) as Row
      const saved = toAttempt(row)
      if (saved.id % 100 === 0) {
        prepare(
          `DELETE FROM sim_webhook_attempts WHERE bot_id = ? AND id <= (SELECT id FROM sim_webhook_attempts
           WHERE bot_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
        ).run(a.botId, a.botId, KEEP_PER_BOT)
      }
      return saved
    },
    /** A bot's attempts, newest first; only those of `updateId` when given. */
    list(botId: number, limit: number, updateId?: number): SimWebhookAttempt[] {
      const rows =
        updateId === undefined
          ? prepare('SELECT * FROM sim_webhook_attempts WHERE bot_id = ? ORDER BY id DESC LIMIT ?').all(
              botId,
              limit,
            )
          : prepare(
              'SELECT * FROM sim_webhook_attempts WHERE bot_id = ? AND update_id = ? ORDER BY id DESC LIMIT ?',
            ).all(botId, updateId, limit)
      return (rows as Row[]).map(toAttempt)
    },
  }
}
export type AttemptsRepo = ReturnType<typeof createAttemptsRepo>
