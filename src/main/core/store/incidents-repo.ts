import type { DatabaseSync } from 'node:sqlite'
import type { Page } from '@shared/api'
import type { Incident } from '@shared/domain'
import { iso, num, pageOf, str, strOrNull, type Row } from './rows'

export interface NewIncident {
  timeMs: number
  remoteAddress: string
  user: string | null
  reason: string
  path: string
}

function toIncident(row: Row): Incident {
  return {
    id: num(row, 'id'),
    time: iso(num(row, 'time')),
    remoteAddress: str(row, 'remote_address'),
    user: strOrNull(row, 'user'),
    reason: str(row, 'reason'),
    path: str(row, 'path'),
    count: num(row, 'count'),
    lastTime: row['last_time'] === null || row['last_time'] === undefined ? null : iso(num(row, 'last_time')),
  }
}

/** Security incidents: failed webhook authentication and authorization (ATSD: Security Incidents). */
export function createIncidentsRepo(db: DatabaseSync) {
  return {
    insert(i: NewIncident): Incident {
      const r = db
        .prepare('INSERT INTO incidents (time, remote_address, user, reason, path) VALUES (?, ?, ?, ?, ?)')
        .run(i.timeMs, i.remoteAddress, i.user, i.reason, i.path)
      return { id: Number(r.lastInsertRowid), time: iso(i.timeMs), ...i, count: 1, lastTime: null }
    },
    /** A burst of throttled attempts (receiver-plugin.ts): one incident, its count and its last attempt. */
    setCount(id: number, count: number, lastMs: number): void {
      db.prepare('UPDATE incidents SET count = ?, last_time = ? WHERE id = ?').run(count, lastMs, id)
    },
    list(q: { limit: number; cursor?: string | undefined }): Page<Incident> {
      return pageOf(
        db,
        { table: 'incidents', clauses: [], params: [], limit: q.limit, cursor: q.cursor },
        toIncident,
      )
    },
  }
}
export type IncidentsRepo = ReturnType<typeof createIncidentsRepo>
