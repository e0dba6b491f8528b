import type { DatabaseSync } from 'node:sqlite'
import type { BotCall } from '@shared/bot-loop'
import type { RunHead, RunSummary, ScenarioResult } from '@shared/scenarios'
import { toCall } from './bot-loop-repo'
import { iso, json, num, numOrNull, preparedCache, str, strOrNull, type Row } from './rows'

export interface RecordingRow {
  id: number
  chatId: number
  name: string | null
  startedMs: number
  stoppedMs: number | null
}

/** One chat's traffic in a time range, as a recording reads it: each update with its JSON, each call. */
export type TrafficItem =
  | { kind: 'update'; ms: number; updateId: number; updateType: string; payload: unknown }
  | { kind: 'call'; ms: number; call: BotCall }

const toRecording = (r: Row): RecordingRow => ({
  id: num(r, 'id'),
  chatId: num(r, 'chat_id'),
  name: strOrNull(r, 'name'),
  startedMs: num(r, 'started_at'),
  stoppedMs: numOrNull(r, 'stopped_at'),
})

const headOf = (r: Row): RunHead => ({
  id: num(r, 'id'),
  startedAt: iso(num(r, 'started_at')),
  durationMs: num(r, 'duration_ms'),
  passed: num(r, 'passed'),
  failed: num(r, 'failed'),
  files: json<ScenarioResult[]>(r, 'results', []).map((x) => ({
    file: x.file,
    name: x.name,
    status: x.status,
  })),
})

/** Scenario runs and recordings (migration 008). */
export function createScenariosRepo(db: DatabaseSync) {
  const stmt = preparedCache(db)
  return {
    insertRun(startedMs: number, durationMs: number, results: ScenarioResult[]): number {
      const passed = results.filter((r) => r.status === 'passed').length
      const r = stmt(
        `INSERT INTO scenario_runs (started_at, duration_ms, passed, failed, results) VALUES (?, ?, ?, ?, ?)
         RETURNING id`,
      ).get(startedMs, durationMs, passed, results.length - passed, JSON.stringify(results)) as Row
      return num(r, 'id')
    },
    runs(limit: number): RunHead[] {
      return (stmt('SELECT * FROM scenario_runs ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(headOf)
    },
    run(id: number): RunSummary | null {
      const r = stmt('SELECT * FROM scenario_runs WHERE id = ?').get(id) as Row | undefined
      if (!r) return null
      const { files: _files, ...head } = headOf(r)
      return { ...head, results: json<ScenarioResult[]>(r, 'results', []) }
    },
    /** Each file's latest result, by file path. */
    lastResults(): Map<string, { runId: number; status: ScenarioResult['status']; startedMs: number }> {
      const out = new Map<string, { runId: number; status: ScenarioResult['status']; startedMs: number }>()
      for (const r of stmt(
        'SELECT id, started_at, results FROM scenario_runs ORDER BY id DESC LIMIT 200',
      ).all() as Row[]) {
        for (const x of json<ScenarioResult[]>(r, 'results', [])) {
          if (!out.has(x.file))
            out.set(x.file, { runId: num(r, 'id'), status: x.status, startedMs: num(r, 'started_at') })
        }
      }
      return out
    },
    insertRecording(chatId: number, name: string | null, startedMs: number): RecordingRow {
      const r = stmt(
        'INSERT INTO scenario_recordings (chat_id, name, started_at) VALUES (?, ?, ?) RETURNING *',
      ).get(chatId, name, startedMs) as Row
      return toRecording(r)
    },
    stopRecording(id: number, stoppedMs: number, name: string | null): void {
      stmt('UPDATE scenario_recordings SET stopped_at = ?, name = coalesce(?, name) WHERE id = ?').run(
        stoppedMs,
        name,
        id,
      )
    },
    recording(id: number): RecordingRow | null {
      const r = stmt('SELECT * FROM scenario_recordings WHERE id = ?').get(id) as Row | undefined
      return r ? toRecording(r) : null
    },
    activeRecording(chatId: number): RecordingRow | null {
      const r = stmt(
        'SELECT * FROM scenario_recordings WHERE chat_id = ? AND stopped_at IS NULL ORDER BY id DESC LIMIT 1',
      ).get(chatId) as Row | undefined
      return r ? toRecording(r) : null
    },
    recordings(limit = 50): RecordingRow[] {
      return (stmt('SELECT * FROM scenario_recordings ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(
        toRecording,
      )
    },
    /** A chat's updates (with their JSON) and the bot's calls in it, from `fromMs` to `toMs`, in time order. */
    traffic(chatId: number, fromMs: number, toMs: number, limit = 5000): TrafficItem[] {
      const updates = (
        stmt(
          `SELECT update_id, update_type, payload, received_ms FROM bot_updates
           WHERE chat_id = ? AND received_ms >= ? AND received_ms <= ? ORDER BY received_ms, update_id LIMIT ?`,
        ).all(chatId, fromMs, toMs, limit) as Row[]
      ).map((r): TrafficItem => ({
        kind: 'update',
        ms: num(r, 'received_ms'),
        updateId: num(r, 'update_id'),
        updateType: str(r, 'update_type'),
        payload: json<unknown>(r, 'payload', null),
      }))
      const calls = (
        stmt(
          `SELECT * FROM bot_calls WHERE chat_id = ? AND time_ms >= ? AND time_ms <= ? ORDER BY id LIMIT ?`,
        ).all(chatId, fromMs, toMs, limit) as Row[]
      ).map((r): TrafficItem => ({ kind: 'call', ms: num(r, 'time_ms'), call: toCall(r) }))
      // Updates first at equal times: a reply never precedes what it answers.
      return [...updates, ...calls].sort(
        (a, b) => a.ms - b.ms || (a.kind === b.kind ? 0 : a.kind === 'update' ? -1 : 1),
      )
    },
  }
}
export type ScenariosRepo = ReturnType<typeof createScenariosRepo>
