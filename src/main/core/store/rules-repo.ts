import type { DatabaseSync } from 'node:sqlite'
import type { Alert, AlertEvent, Delivery, RecordedOutcome } from '@shared/alerts'
import type { Page } from '@shared/api'
import type { Rule, RuleInput } from '@shared/rules'
import { iso, json, num, numOrNull, pageOf, preparedCache, str, strOrNull, type Row } from './rows'

export interface StoredRule {
  id: string
  definition: RuleInput
  createdAtMs: number
  updatedAtMs: number
  lastFiredAtMs: number | null
}

const toStoredRule = (row: Row): StoredRule => ({
  id: str(row, 'id'),
  definition: json<RuleInput>(row, 'definition', { name: str(row, 'name') }),
  createdAtMs: num(row, 'created_at'),
  updatedAtMs: num(row, 'updated_at'),
  lastFiredAtMs: numOrNull(row, 'last_fired_at'),
})

/** Rules and their persisted window state. */
export function createRulesRepo(db: DatabaseSync) {
  const prep = preparedCache(db)
  return {
    list(): StoredRule[] {
      return (prep('SELECT * FROM rules ORDER BY name').all() as Row[]).map(toStoredRule)
    },
    get(id: string): StoredRule | null {
      const row = prep('SELECT * FROM rules WHERE id = ?').get(id) as Row | undefined
      return row ? toStoredRule(row) : null
    },
    byName(name: string): StoredRule | null {
      const row = prep('SELECT * FROM rules WHERE name = ?').get(name) as Row | undefined
      return row ? toStoredRule(row) : null
    },
    upsert(id: string, definition: Rule | RuleInput, nowMs: number): void {
      prep(
        `INSERT INTO rules (id, name, enabled, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled,
           definition = excluded.definition, updated_at = excluded.updated_at`,
      ).run(
        id,
        definition.name,
        definition.enabled === false ? 0 : 1,
        JSON.stringify(definition),
        nowMs,
        nowMs,
      )
    },
    delete(id: string): boolean {
      return Number(prep('DELETE FROM rules WHERE id = ?').run(id).changes) > 0
    },
    markFired(id: string, nowMs: number): void {
      prep('UPDATE rules SET last_fired_at = ? WHERE id = ?').run(nowMs, id)
    },
    loadWindows(ruleId: string): { key: string; state: unknown }[] {
      return (prep('SELECT window_key, state FROM rule_windows WHERE rule_id = ?').all(ruleId) as Row[]).map(
        (r) => ({
          key: str(r, 'window_key'),
          state: json<unknown>(r, 'state', null),
        }),
      )
    },
    /**
     * Saves a window unless its rule is gone: the engine's window flush is a background write (writer.ts), so a
     * rule deleted meanwhile may already be committed away, and its windows must not fail the whole flush.
     */
    saveWindow(ruleId: string, key: string, state: unknown, nowMs: number): void {
      prep(
        `INSERT INTO rule_windows (rule_id, window_key, state, updated_at)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM rules WHERE id = ?1)
         ON CONFLICT(rule_id, window_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ).run(ruleId, key, JSON.stringify(state), nowMs)
    },
    deleteWindow(ruleId: string, key: string): void {
      prep('DELETE FROM rule_windows WHERE rule_id = ? AND window_key = ?').run(ruleId, key)
    },
    clearWindows(ruleId: string): void {
      prep('DELETE FROM rule_windows WHERE rule_id = ?').run(ruleId)
    },
  }
}
export type RulesRepo = ReturnType<typeof createRulesRepo>

export interface NewAlert {
  ruleId: string
  rule: string
  windowKey: string
  entity: string
  tags: Record<string, string>
  severity: string
  openedAtMs: number
  messageId: number | null
  message: string | null
}

const toAlert = (row: Row): Alert => ({
  id: num(row, 'id'),
  ruleId: str(row, 'rule_id'),
  rule: str(row, 'rule_name'),
  windowKey: str(row, 'window_key'),
  entity: str(row, 'entity'),
  tags: json<Record<string, string>>(row, 'tags', {}),
  status: str(row, 'status') as Alert['status'],
  severity: str(row, 'severity') as Alert['severity'],
  open: num(row, 'open') === 1,
  openedAt: iso(num(row, 'opened_at')),
  lastRepeatAt: numOrNull(row, 'last_repeat_at') === null ? null : iso(num(row, 'last_repeat_at')),
  count: num(row, 'repeat_count'),
  lastMessageId: numOrNull(row, 'last_message_id'),
  lastMessage: strOrNull(row, 'last_message'),
  acknowledgedAt: numOrNull(row, 'acknowledged_at') === null ? null : iso(num(row, 'acknowledged_at')),
  closedAt: numOrNull(row, 'closed_at') === null ? null : iso(num(row, 'closed_at')),
  closedBy: strOrNull(row, 'closed_by') as Alert['closedBy'],
})

const toEvent = (row: Row): AlertEvent => ({
  id: num(row, 'id'),
  alertId: num(row, 'alert_id'),
  time: iso(num(row, 'time')),
  status: str(row, 'status') as AlertEvent['status'],
  messageId: numOrNull(row, 'message_id'),
})

const toDelivery = (row: Row): Delivery => ({
  id: num(row, 'id'),
  alertId: numOrNull(row, 'alert_id'),
  ruleId: strOrNull(row, 'rule_id'),
  rule: strOrNull(row, 'rule_name'),
  actionIndex: num(row, 'action_index'),
  kind: str(row, 'kind') as Delivery['kind'],
  attempt: num(row, 'attempt'),
  outcome: str(row, 'outcome') as Delivery['outcome'],
  request: json<Delivery['request']>(row, 'request', { method: '', url: '', headers: {}, body: '' }),
  response: json<Delivery['response']>(row, 'response', null),
  error: strOrNull(row, 'error'),
  durationMs: numOrNull(row, 'duration_ms'),
  emptyPlaceholders: json<string[]>(row, 'empty_placeholders', []),
  createdAt: iso(num(row, 'created_at')),
})

export type NewDelivery = Omit<Delivery, 'id' | 'createdAt'> & {
  alertEventId: number | null
  createdAtMs: number
}

/** Alerts, their status history, and deliveries. */
export function createAlertsRepo(db: DatabaseSync) {
  const prep = preparedCache(db)
  const getStmt = prep('SELECT * FROM alerts WHERE id = ?')
  const get = (id: number): Alert | null => {
    const row = getStmt.get(id) as Row | undefined
    return row ? toAlert(row) : null
  }
  const addEvent = (
    alertId: number,
    timeMs: number,
    status: AlertEvent['status'],
    messageId: number | null,
  ): number =>
    Number(
      prep('INSERT INTO alert_events (alert_id, time, status, message_id) VALUES (?, ?, ?, ?)').run(
        alertId,
        timeMs,
        status,
        messageId,
      ).lastInsertRowid,
    )
  return {
    get,
    addEvent,
    openFor(ruleId: string, windowKey: string): Alert | null {
      const row = prep(
        'SELECT * FROM alerts WHERE rule_id = ? AND window_key = ? AND open = 1 ORDER BY id DESC LIMIT 1',
      ).get(ruleId, windowKey) as Row | undefined
      return row ? toAlert(row) : null
    },
    // Writes answer with RETURNING *: the engine writes on every transition, so no read-back query.
    open(a: NewAlert): { alert: Alert; eventId: number } {
      const row = prep(
        `INSERT INTO alerts (rule_id, rule_name, window_key, entity, tags, severity, status, open, opened_at,
             repeat_count, last_message_id, last_message) VALUES (?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, 0, ?, ?)
             RETURNING *`,
      ).get(
        a.ruleId,
        a.rule,
        a.windowKey,
        a.entity,
        JSON.stringify(a.tags),
        a.severity,
        a.openedAtMs,
        a.messageId,
        a.message,
      ) as Row
      const alert = toAlert(row)
      return { alert, eventId: addEvent(alert.id, a.openedAtMs, 'OPEN', a.messageId) }
    },
    /** One or more REPEATs in a row: the alert takes the last one's state, each gets its history event. */
    repeat(
      id: number,
      events: readonly { atMs: number; messageId: number | null }[],
      count: number,
      messageId: number | null,
      message: string | null,
    ) {
      const lastAt = events[events.length - 1]!.atMs
      const row = prep(
        `UPDATE alerts SET status = 'REPEAT', last_repeat_at = ?, repeat_count = ?, last_message_id = ?, last_message = ?
         WHERE id = ? RETURNING *`,
      ).get(lastAt, count, messageId, message, id) as Row
      const eventIds = events.map((e) => addEvent(id, e.atMs, 'REPEAT', e.messageId))
      return { alert: toAlert(row), eventIds }
    },
    cancel(id: number, atMs: number, by: 'cancel' | 'rule_changed', messageId: number | null) {
      const row = prep(
        `UPDATE alerts SET status = 'CANCEL', open = 0, closed_at = ?, closed_by = ? WHERE id = ? RETURNING *`,
      ).get(atMs, by, id) as Row
      return {
        alert: toAlert(row),
        eventId: addEvent(id, atMs, by === 'cancel' ? 'CANCEL' : 'CLOSED', messageId),
      }
    },
    acknowledge(id: number, atMs: number): Alert | null {
      if (!get(id)) return null
      prep('UPDATE alerts SET acknowledged_at = ? WHERE id = ?').run(atMs, id)
      addEvent(id, atMs, 'ACKNOWLEDGED', null)
      return get(id)
    },
    closeByHand(id: number, atMs: number): Alert | null {
      const a = get(id)
      if (!a) return null
      if (a.open) {
        prep(`UPDATE alerts SET open = 0, closed_at = ?, closed_by = 'manual' WHERE id = ?`).run(atMs, id)
        addEvent(id, atMs, 'CLOSED', null)
      }
      return get(id)
    },
    list(q: {
      status?: 'open' | 'closed' | 'all'
      ruleId?: string
      limit: number
      cursor?: string
    }): Page<Alert> {
      const clauses: string[] = []
      const params: (string | number)[] = []
      if (q.status === 'open') clauses.push('open = 1')
      if (q.status === 'closed') clauses.push('open = 0')
      if (q.ruleId) {
        clauses.push('rule_id = ?')
        params.push(q.ruleId)
      }
      return pageOf(db, { table: 'alerts', clauses, params, limit: q.limit, cursor: q.cursor }, toAlert)
    },
    openCountByRule(): Map<string, number> {
      const rows = prep(
        'SELECT rule_id, count(*) AS n FROM alerts WHERE open = 1 GROUP BY rule_id',
      ).all() as Row[]
      return new Map(rows.map((r) => [str(r, 'rule_id'), num(r, 'n')]))
    },
    /** The alert events one message caused, oldest first, with their deliveries counted (RecordedOutcome). */
    outcomesOfMessage(messageId: number): RecordedOutcome[] {
      const rows = prep(
        `SELECT e.alert_id, e.time, e.status, a.rule_id, a.rule_name,
           (SELECT count(*) FROM deliveries d WHERE d.alert_event_id = e.id AND d.outcome IN ('ok', 'recorded'))
             AS delivered,
           (SELECT count(*) FROM deliveries d WHERE d.alert_event_id = e.id AND d.outcome IN ('failed', 'dropped'))
             AS failed
         FROM alert_events e JOIN alerts a ON a.id = e.alert_id
         WHERE e.message_id = ? ORDER BY e.id`,
      ).all(messageId) as Row[]
      return rows.map((r) => ({
        alertId: num(r, 'alert_id'),
        ruleId: str(r, 'rule_id'),
        rule: str(r, 'rule_name'),
        status: str(r, 'status') as AlertEvent['status'],
        time: iso(num(r, 'time')),
        delivered: num(r, 'delivered'),
        failed: num(r, 'failed'),
      }))
    },
    events(alertId: number): AlertEvent[] {
      return (prep('SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id').all(alertId) as Row[]).map(
        toEvent,
      )
    },
    insertDelivery(d: NewDelivery): Delivery {
      const id = Number(
        prep(
          `INSERT INTO deliveries (alert_id, alert_event_id, rule_id, rule_name, action_index, kind, attempt, outcome,
             request, response, error, duration_ms, empty_placeholders, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          d.alertId,
          d.alertEventId,
          d.ruleId,
          d.rule,
          d.actionIndex,
          d.kind,
          d.attempt,
          d.outcome,
          JSON.stringify(d.request),
          d.response ? JSON.stringify(d.response) : null,
          d.error,
          d.durationMs,
          JSON.stringify(d.emptyPlaceholders),
          d.createdAtMs,
        ).lastInsertRowid,
      )
      return toDelivery(prep('SELECT * FROM deliveries WHERE id = ?').get(id) as Row)
    },
    deliveries(q: { alertId?: number; limit: number; cursor?: string }): Page<Delivery> {
      const clauses: string[] = []
      const params: number[] = []
      if (q.alertId !== undefined) {
        clauses.push('alert_id = ?')
        params.push(q.alertId)
      }
      return pageOf(
        db,
        { table: 'deliveries', clauses, params, limit: q.limit, cursor: q.cursor },
        toDelivery,
      )
    },
  }
}
export type AlertsRepo = ReturnType<typeof createAlertsRepo>
