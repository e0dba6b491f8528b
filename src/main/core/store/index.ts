import type { DatabaseSync } from 'node:sqlite'
import { openDatabase, setDurability, type Durability } from './database'
import { createWriter, type Writer } from './writer'
import { createRequestsRepo } from './requests-repo'
import { createMessagesRepo } from './messages-repo'
import { createUsersRepo } from './users-repo'
import { createIncidentsRepo } from './incidents-repo'
import { createSettingsRepo } from './settings-repo'
import { createAlertsRepo, createRulesRepo } from './rules-repo'

export type { NewRequest, StoredRequest } from './requests-repo'
export type { NewIncident } from './incidents-repo'
export type { StoredUser } from './users-repo'
export type { Durability } from './database'
export type { NewAlert, NewDelivery, StoredRule } from './rules-repo'

/** The SQLite store: repositories for reads, and a group-commit writer for everything on the hot path. */
export interface Store {
  readonly db: DatabaseSync
  readonly writer: Writer
  readonly requests: ReturnType<typeof createRequestsRepo>
  readonly messages: ReturnType<typeof createMessagesRepo>
  readonly users: ReturnType<typeof createUsersRepo>
  readonly incidents: ReturnType<typeof createIncidentsRepo>
  readonly settings: ReturnType<typeof createSettingsRepo>
  readonly rules: ReturnType<typeof createRulesRepo>
  readonly alerts: ReturnType<typeof createAlertsRepo>
  setDurability(d: Durability): void
  /** Waits for queued writes to commit, then closes the database. */
  close(): Promise<void>
}

/** Opens the store in `dataDir` (`:memory:` for tests). */
export function createStore(dataDir: string, durability: Durability = 'normal'): Store {
  const db = openDatabase(dataDir, durability)
  const writer = createWriter(db)
  return {
    db,
    writer,
    requests: createRequestsRepo(db),
    messages: createMessagesRepo(db),
    users: createUsersRepo(db),
    incidents: createIncidentsRepo(db),
    settings: createSettingsRepo(db),
    rules: createRulesRepo(db),
    alerts: createAlertsRepo(db),
    setDurability: (d) => setDurability(db, d),
    async close() {
      await writer.close()
      db.close()
    },
  }
}
