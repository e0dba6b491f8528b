import type { DatabaseSync } from 'node:sqlite'
import type { Row } from './rows'

/** Key → JSON value. The settings module owns the meaning of the keys. */
export function createSettingsRepo(db: DatabaseSync) {
  return {
    get(key: string): unknown {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined
      if (!row) return undefined
      try {
        return JSON.parse(String(row.value))
      } catch {
        return undefined
      }
    },
    set(key: string, value: unknown): void {
      db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(key, JSON.stringify(value))
    },
  }
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>
