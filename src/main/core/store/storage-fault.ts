import type { StorageFault, StorageFaultKind } from '@shared/domain'
import { DataFileError } from '@shared/errors'

// SQLite primary result codes (https://sqlite.org/rescode.html); node:sqlite puts the extended code in
// `errcode`, whose low byte is the primary one.
const SQLITE_READONLY = 8
const SQLITE_IOERR = 10
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26

const KIND_OF_SQLITE: Record<number, StorageFaultKind> = {
  [SQLITE_FULL]: 'full',
  [SQLITE_READONLY]: 'read_only',
  [SQLITE_CANTOPEN]: 'read_only',
  [SQLITE_CORRUPT]: 'corrupt',
  [SQLITE_NOTADB]: 'corrupt',
  [SQLITE_IOERR]: 'io',
}
const KIND_OF_ERRNO: Record<string, StorageFaultKind> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  EIO: 'io',
}

/**
 * What kind of storage trouble an error from node:sqlite or node:fs is, or null when it is not one (a
 * constraint, a bug in a write): disk full, read-only, corrupted, or another I/O error.
 */
export function storageFaultKindOf(err: unknown): StorageFaultKind | null {
  if (typeof err !== 'object' || err === null) return null
  const { errcode, code } = err as { errcode?: unknown; code?: unknown }
  if (typeof errcode === 'number') return KIND_OF_SQLITE[errcode & 0xff] ?? null
  return typeof code === 'string' ? (KIND_OF_ERRNO[code] ?? null) : null
}

/** What the user can do about each kind; the receiver's 5xx and the UI's banner say it. */
export function storageFaultMessage(kind: StorageFaultKind, dataDir: string): string {
  const where = dataDir === ':memory:' ? 'the in-memory database' : `the data folder ${dataDir}`
  switch (kind) {
    case 'full':
      return `The disk holding ${where} is full: requests are refused (507) and not stored until space is freed; storing resumes by itself.`
    case 'read_only':
      return `${where[0]!.toUpperCase()}${where.slice(1)} cannot be written (read-only or no permission): requests are refused (503) and not stored until it is writable again.`
    case 'corrupt':
      return `The database in ${where} is damaged: requests are refused (503) and not stored. Stop Hookbench, move hookbench.db aside (or restore a backup) and start again.`
    case 'io':
      return `Writing to ${where} failed with an I/O error: requests are refused (503) and not stored until writes succeed again.`
  }
}

/** The receiver's answer to a request it could not store: 507 when the disk is full, else 503. */
export const statusOfStorageFault = (kind: StorageFaultKind): number => (kind === 'full' ? 507 : 503)

export interface StorageHealth {
  /** The current fault, or null when the last write committed. */
  fault(): StorageFault | null
  /** A write failed with `err`: returns the fault it is (and records it), or null when it is no storage fault. */
  failed(err: unknown): StorageFault | null
  /** A write committed: the fault, if any, is over. */
  committed(): void
}

/**
 * Tracks whether writes currently fail for a storage reason; `onChange` hears each start and end of a fault.
 * `hasRoom` tells whether the disk has space again (a "full" fault ends only then).
 */
export function createStorageHealth(
  dataDir: string,
  now: () => number,
  onChange: (fault: StorageFault | null) => void,
  hasRoom: () => boolean = () => true,
): StorageHealth {
  let current: StorageFault | null = null
  return {
    fault: () => current,
    failed(err) {
      const kind = storageFaultKindOf(err)
      if (!kind) return null
      if (current?.kind === kind) return current
      current = { kind, message: storageFaultMessage(kind, dataDir), since: new Date(now()).toISOString() }
      onChange(current)
      return current
    },
    committed() {
      if (!current) return
      // A small write can still fit in the WAL's spare pages of a full disk: "full" ends only with room again,
      // or the banner would flap while larger requests keep being refused.
      if (current.kind === 'full' && !hasRoom()) return
      current = null
      onChange(null)
    },
  }
}

/**
 * The DataFileError start stops with when the data folder or database `file` cannot be used (null when `err`
 * is no storage fault): each says which file and what to do.
 */
export function startupStorageError(err: unknown, dataDir: string, file: string): DataFileError | null {
  const kind = storageFaultKindOf(err)
  if (!kind) return null
  const why = (err as Error).message
  const options = { cause: err }
  switch (kind) {
    case 'corrupt':
      return new DataFileError(
        file,
        `The database ${file} is damaged (${why}). Hookbench does not start on it, so it is left as it is: ` +
          `move it aside (mv ${file} ${file}.broken, and its -wal and -shm files if present) to start with an ` +
          'empty database, or restore it from a backup.',
        options,
      )
    case 'full':
      return new DataFileError(
        dataDir,
        `The disk holding the data folder ${dataDir} is full (${why}): free some space and start again, or ` +
          'choose another folder with --data-dir.',
        options,
      )
    default:
      return new DataFileError(
        dataDir,
        `The data folder ${dataDir} cannot be written (${why}): Hookbench stores every request there. Make it ` +
          'writable, or choose another folder with --data-dir.',
        options,
      )
  }
}
