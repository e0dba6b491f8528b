import { DatabaseSync } from 'node:sqlite'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/errors'
import { startupStorageError } from './storage-fault'
import init001 from './migrations/001-init.sql?raw'
import rules002 from './migrations/002-rules.sql?raw'
import simulator003 from './migrations/003-simulator.sql?raw'
import searchIndex004 from './migrations/004-search-index.sql?raw'
import responses005 from './migrations/005-responses.sql?raw'
import botLoop006 from './migrations/006-bot-loop.sql?raw'
import alertEventsMessage007 from './migrations/007-alert-events-message.sql?raw'
import scenarios008 from './migrations/008-scenarios.sql?raw'
import simFiles009 from './migrations/009-sim-files.sql?raw'
import incidentBursts015 from './migrations/015-incident-bursts.sql?raw'
import simFileStore010 from './migrations/010-sim-file-store.sql?raw'
import simInline012 from './migrations/012-sim-inline.sql?raw'
import simWebhookAttempts011 from './migrations/011-sim-webhook-attempts.sql?raw'
import simFormatErrors013 from './migrations/013-sim-format-errors.sql?raw'
import requestBodies018 from './migrations/018-request-bodies.sql?raw'
import walRestarts019 from './migrations/019-wal-restarts.sql?raw'

/** Ordered migrations; the array index + 1 is the schema version (PRAGMA user_version). */
const MIGRATIONS: readonly string[] = [
  init001,
  rules002,
  simulator003,
  searchIndex004,
  responses005,
  botLoop006,
  alertEventsMessage007,
  scenarios008,
  simFiles009,
  incidentBursts015,
  // Numbers were given out per branch; the order here is the order they landed (schema version = position),
  // so a database already at a later position never misses one.
  simFileStore010,
  simInline012,
  simWebhookAttempts011,
  simFormatErrors013,
  requestBodies018,
  walRestarts019,
]

export type Durability = 'normal' | 'full'

export const DB_FILE = 'hookbench.db'
/**
 * The WAL is made to start over once it holds this much (checkpointer.ts walRestartGate): each time costs one
 * short hold of the writes (the last checkpoint of a few frames and the new WAL's first write: 1–25 ms on this
 * machine's disk, docs/performance.md "the WAL's restart"), so not too often…
 */
export const WAL_RESTART_BYTES = 256 * 1024 * 1024
/**
 * …and its file is cut back to this once the app is idle for a second (the checkpointer's worker). Not at the
 * restart itself: cutting a ~270 MB file took 50–70 ms there, inside the hold. Under steady load the file
 * therefore stays at about WAL_RESTART_BYTES (reused from its start, not regrown).
 */
export const WAL_KEEP_BYTES = 64 * 1024 * 1024

/**
 * Opens (creating if needed) the SQLite database in `dataDir` in WAL mode and brings its schema up to date.
 * `:memory:` is accepted for tests.
 */
export function openDatabase(dataDir: string, durability: Durability = 'normal'): DatabaseSync {
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, DB_FILE)
  let db: DatabaseSync
  try {
    if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    db = new DatabaseSync(path)
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA foreign_keys = ON')
    db.exec('PRAGMA busy_timeout = 5000')
    // File stores are checkpointed from a worker thread (checkpointer.ts), never inside a COMMIT here, and
    // the WAL's file is cut back by that worker when idle (WAL_KEEP_BYTES), never by one of these COMMITs.
    if (path !== ':memory:') db.exec('PRAGMA wal_autocheckpoint = 0')
    setDurability(db, durability)
    migrate(db)
  } catch (err) {
    // Damaged, read-only, full: refused at start with the file and what to do (docs/reliability.md "Faults").
    throw (
      startupStorageError(err, dataDir, path) ??
      new AppError(
        'unavailable',
        `Cannot open the database at ${path}: ${(err as Error).message}`,
        {},
        {
          cause: err,
        },
      )
    )
  }
  return db
}

export const pageSize = (db: DatabaseSync): number =>
  Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size)

/** NORMAL in WAL survives a killed process; FULL also survives power loss (docs/decisions/002). */
export function setDurability(db: DatabaseSync, durability: Durability): void {
  db.exec(`PRAGMA synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`)
}

function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  const current = row.user_version
  if (current > MIGRATIONS.length) {
    throw new Error(
      `schema version ${current} is newer than this Hookbench (${MIGRATIONS.length}); upgrade the app`,
    )
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(MIGRATIONS[v]!)
      db.exec(`PRAGMA user_version = ${v + 1}`)
      db.exec('COMMIT')
    } catch (err) {
      db.exec('ROLLBACK')
      throw err
    }
  }
}
