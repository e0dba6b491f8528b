import type { DatabaseSync } from 'node:sqlite'
import type { WebhookUser } from '@shared/domain'
import { iso, json, num, str, type Row } from './rows'

export interface StoredUser extends WebhookUser {
  salt: Uint8Array
  hash: Uint8Array
}

function toUser(row: Row): StoredUser {
  return {
    name: str(row, 'name'),
    entities: json<string[]>(row, 'entities', ['*']),
    createdAt: iso(num(row, 'created_at')),
    salt: row.salt as Uint8Array,
    hash: row.hash as Uint8Array,
  }
}

/** Webhook users; passwords only as scrypt hashes (see receiver/credentials.ts). */
export function createUsersRepo(db: DatabaseSync) {
  return {
    list(): WebhookUser[] {
      return (db.prepare('SELECT * FROM webhook_users ORDER BY name').all() as Row[]).map((r) => {
        const { salt: _s, hash: _h, ...user } = toUser(r)
        return user
      })
    },
    get(name: string): StoredUser | null {
      const row = db.prepare('SELECT * FROM webhook_users WHERE name = ?').get(name) as Row | undefined
      return row ? toUser(row) : null
    },
    insert(name: string, salt: Uint8Array, hash: Uint8Array, entities: string[], nowMs: number): void {
      db.prepare(
        'INSERT INTO webhook_users (name, salt, hash, entities, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(name, salt, hash, JSON.stringify(entities), nowMs)
    },
    setPassword(name: string, salt: Uint8Array, hash: Uint8Array): void {
      db.prepare('UPDATE webhook_users SET salt = ?, hash = ? WHERE name = ?').run(salt, hash, name)
    },
    setEntities(name: string, entities: string[]): void {
      db.prepare('UPDATE webhook_users SET entities = ? WHERE name = ?').run(JSON.stringify(entities), name)
    },
    delete(name: string): boolean {
      return Number(db.prepare('DELETE FROM webhook_users WHERE name = ?').run(name).changes) > 0
    },
  }
}
export type UsersRepo = ReturnType<typeof createUsersRepo>
