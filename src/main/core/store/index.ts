import type { DatabaseSync } from 'node:sqlite'
import { statfsSync } from 'node:fs'
import { join } from 'node:path'
import {
  DB_FILE,
  openDatabase,
  pageSize,
  setDurability,
  WAL_KEEP_BYTES,
  WAL_RESTART_BYTES,
  type Durability,
} from './database'
import { startCheckpointer, walRestartGate, type CheckpointStats } from './checkpointer'
import { createWriter, type Writer } from './writer'
import { createRequestsRepo } from './requests-repo'
import { createMessagesRepo } from './messages-repo'
import { createUsersRepo } from './users-repo'
import { createIncidentsRepo } from './incidents-repo'
import { createSettingsRepo } from './settings-repo'
import { createAlertsRepo, createRulesRepo } from './rules-repo'
import { createScenariosRepo } from './scenarios-repo'
import { createBotLoopRepo } from './bot-loop-repo'
import { createSearchIndexer, type SearchIndexer, type SearchIndexOptions } from './search-index'
import { createStorageHealth, type StorageHealth } from './storage-fault'
import type { StorageFault } from '@shared/domain'

export type { NewRequest, StoredRequest } from './requests-repo'
export type { NewIncident } from './incidents-repo'
export type { StoredUser } from './users-repo'
export type { Durability } from './database'
export type { NewAlert, NewDelivery, StoredRule } from './rules-repo'
export { statusOfStorageFault, startupStorageError } from './storage-fault'
export { DB_FILE } from './database'
export type { StorageHealth } from './storage-fault'
export type { ForwardTargetRow, NewBotCall, PendingUpdate } from './bot-loop-repo'

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
  /** The developer's own bot in the loop: update queue, forward attempts, proxied calls (migration 006). */
  readonly botLoop: ReturnType<typeof createBotLoopRepo>
  /** Scenario runs and recordings (migration 008). */
  readonly scenarios: ReturnType<typeof createScenariosRepo>
  /** Indexes stored bodies for search in the background (search-index.ts). */
  readonly searchIndex: SearchIndexer
  /** Whether writes currently fail for a storage reason (disk full, read-only, damaged), and why. */
  readonly health: StorageHealth
  setDurability(d: Durability): void
  /** Checkpoints the WAL now (file stores; null in memory). */
  checkpoint(): Promise<CheckpointStats | null>
  /** Waits for queued writes to commit, then closes the database. */
  close(): Promise<void>
}

export interface StoreOptions {
  searchIndex?: SearchIndexOptions
  /** How often the WAL is checkpointed (checkpointer.ts); tests lengthen it to checkpoint only on demand. */
  checkpointIntervalMs?: number
  /** WAL size at which the writer makes the WAL start over (default 256 MB; walRestartGate). */
  walRestartBytes?: number
  /** Longest the writer holds its writes for that (default 100 ms; tests on a starved CPU wait longer). */
  walHoldLimitMs?: number
  /** A background job (WAL checkpoint) failed; the store keeps working, the failure is worth a log line. */
  onBackgroundError?: (what: string, message: string) => void
  /** A storage fault started (or changed kind), or ended (null). */
  onFaultChange?: (fault: StorageFault | null) => void
  /** While a fault lasts, a small write is tried this often, so its end is seen without traffic (2 s). */
  faultProbeMs?: number
  now?: () => number
}

/** Free space, past which a disk that was full counts as having room again. */
const ROOM_BYTES = 1024 * 1024

function hasRoom(dataDir: string): boolean {
  if (dataDir === ':memory:') return true
  try {
    const fs = statfsSync(dataDir)
    return fs.bavail * fs.bsize >= ROOM_BYTES
  } catch {
    return true
  }
}

/** Writes a row and removes it in one transaction: it commits only when the database can be written. */
const probeWrite = (db: DatabaseSync) => {
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('hb.storage-probe', '0')").run()
  db.prepare("DELETE FROM settings WHERE key = 'hb.storage-probe'").run()
}

/** Opens the store in `dataDir` (`:memory:` for tests). */
export function createStore(
  dataDir: string,
  durability: Durability = 'normal',
  opts: StoreOptions = {},
): Store {
  const db = openDatabase(dataDir, durability)
  const path = join(dataDir, DB_FILE)
  const checkpointer =
    dataDir === ':memory:'
      ? null
      : startCheckpointer(
          path,
          (message) => opts.onBackgroundError?.('WAL checkpoint', message),
          opts.checkpointIntervalMs,
          WAL_KEEP_BYTES,
        )
  let probe: NodeJS.Timeout | null = null
  const health = createStorageHealth(dataDir, opts.now ?? Date.now, onFault, () => hasRoom(dataDir))
  function onFault(fault: StorageFault | null) {
    if (fault && !probe) {
      probe = setInterval(() => writer.write(probeWrite).catch(() => undefined), opts.faultProbeMs ?? 2000)
      probe.unref()
    } else if (!fault && probe) {
      clearInterval(probe)
      probe = null
    }
    opts.onFaultChange?.(fault)
  }
  const writer = createWriter(db, {
    onCommit: () => health.committed(),
    onFailure: (err) => health.failed(err),
    ...(checkpointer && {
      beforeFlush: walRestartGate(
        checkpointer,
        pageSize(db),
        opts.walRestartBytes ?? WAL_RESTART_BYTES,
        opts.walHoldLimitMs,
      ),
    }),
  })
  const searchIndex = createSearchIndexer(db, writer, opts.searchIndex)
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
    botLoop: createBotLoopRepo(db),
    scenarios: createScenariosRepo(db),
    searchIndex,
    health,
    setDurability: (d) => setDurability(db, d),
    checkpoint: () => checkpointer?.now() ?? Promise.resolve(null),
    async close() {
      if (probe) clearInterval(probe)
      searchIndex.close()
      await writer.close()
      // The worker's connection first: the last connection to close checkpoints and removes the WAL.
      await checkpointer?.close()
      db.close()
    },
  }
}
