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
  }
}

/** Security incidents: failed webhook authentication and authorization (ATSD: Security Incidents). */
export function createIncidentsRepo(db: DatabaseSync) {
  return {
    insert(i: NewIncident): Incident {
      const r = db
        .prepare('INSERT INTO incidents (time, remote_address, user, reason, path) VALUES (?, ?, ?, ?, ?)')
        .run(i.timeMs, i.remoteAddress, i.user, i.reason, i.path)
      return { id: Number(r.lastInsertRowid), time: iso(i.timeMs), ...i }
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
