import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve, sep } from 'node:path'
import type { Output } from '@shared/api'
import { AppError } from '@shared/errors'
import { SCENARIO_FILE } from '@shared/scenarios'
import type {
  RunSummary,
  ScenarioFileInfo,
  ScenarioProblem,
  ScenarioRecording,
  ScenarioResult,
  ScenarioText,
} from '@shared/scenarios'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { SettingsService } from '../settings'
import type { Store } from '../store'
import type { RecordingRow } from '../store/scenarios-repo'
import { parseScenario } from './parse'
import { scenarioFromTraffic } from './record'
import { runScenario, type ApiCall } from './runner'

export interface ScenarioServiceDeps {
  store: Store
  settings: SettingsService
  bus: EventBus
  log: Logger
  now: () => number
  dataDir: string
  /** The contract in process (core.dispatch, unwrapped): a run makes the calls a user could make by hand. */
  api: ApiCall
  /** The bot connected through the simulator (scenarios run against it), or null. */
  simulatedBot: () => { id: number; username: string } | null
  /** The connected bot's username, simulated or real ({bot} in recordings). */
  botUsername: () => string | null
  /** The Bot API proxy URL, for the error that says where the bot must point. */
  proxyUrl: () => string
}

const problemText = (file: string, p: ScenarioProblem) => `${file}:${p.line}:${p.column}: ${p.message}`

/** The scenario files under `dir` (recursively), as sorted `/`-separated relative paths; none when it is missing. */
export async function listScenarioFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir, { recursive: true })
    return names
      .map((n) => n.split(sep).join('/'))
      .filter((n) => SCENARIO_FILE.test(n))
      .sort()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

/** The folder a setting names, or `scenarios` in the data dir (a temp folder for an in-memory core). */
export function scenarioFolder(setting: string, dataDir: string): string {
  if (setting) return resolve(setting)
  return dataDir === ':memory:'
    ? join(tmpdir(), `hookbench-scenarios-${process.pid}`)
    : join(dataDir, 'scenarios')
}

/**
 * Scenario tests (docs/scenarios.md) for the Scenarios page and the API: files in a folder, runs against the
 * simulated bot with the same runner as `hookbench test`, the history of runs, and recordings of a chat.
 */
export function createScenarioService(deps: ScenarioServiceDeps) {
  const { store, bus, now } = deps
  const repo = store.scenarios
  const folder = () => scenarioFolder(deps.settings.get().scenarioFolder, deps.dataDir)
  let running: string | null = null

  /** The absolute path of a scenario file; never outside the folder. */
  function fileOf(path: string): string {
    const root = folder()
    const full = resolve(root, path)
    if (!full.startsWith(root + sep))
      throw new AppError('invalid_input', `${path} is outside the scenario folder`, {
        where: [{ path: ['path'] }],
      })
    return full
  }

  async function read(path: string): Promise<string> {
    try {
      return await readFile(fileOf(path), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppError('not_found', `No scenario ${path} in ${folder()}`)
      throw err
    }
  }
  const problemsOf = (text: string): ScenarioProblem[] => {
    const parsed = parseScenario(text)
    return parsed.ok ? [] : parsed.problems
  }

  const files = () => listScenarioFiles(folder())

  const recordingOf = (r: RecordingRow): ScenarioRecording => {
    const to = r.stoppedMs ?? now()
    const built = scenarioFromTraffic(repo.traffic(r.chatId, r.startedMs, to), {
      name: r.name ?? `recorded ${new Date(r.startedMs).toISOString().slice(0, 16).replace('T', ' ')}`,
      botUsername: deps.botUsername(),
      comment: `Recorded by Hookbench from chat ${r.chatId}. Edit freely: docs/scenarios.md`,
    })
    return {
      id: r.id,
      chatId: r.chatId,
      startedAt: new Date(r.startedMs).toISOString(),
      stoppedAt: r.stoppedMs === null ? null : new Date(r.stoppedMs).toISOString(),
      yaml: built.yaml,
      steps: built.steps,
    }
  }

  // While a chat is recorded, each update and call in it makes the recording grow live on the page.
  const live = new Map<number, number>()
  const touch = (chatId: number | null) => {
    if (chatId === null || !live.has(chatId)) return
    const r = repo.recording(live.get(chatId)!)
    if (r) bus.emit({ type: 'recording.changed', recording: recordingOf(r) })
  }
  for (const r of repo.recordings(100)) if (r.stoppedMs === null) live.set(r.chatId, r.id)
  bus.onType('update.queued', (e) => touch(e.update.chatId))
  bus.onType('botcall.recorded', (e) => touch(e.call.chatId))

  return {
    folder,

    async list(): Promise<Output<'listScenarios'>> {
      const last = repo.lastResults()
      const items: ScenarioFileInfo[] = []
      for (const path of await files()) {
        const full = fileOf(path)
        const [text, info] = await Promise.all([readFile(full, 'utf8'), stat(full)])
        const parsed = parseScenario(text)
        const run = last.get(path)
        items.push({
          path,
          name: parsed.ok ? parsed.scenario.name : null,
          steps: parsed.ok ? parsed.scenario.steps.length : 0,
          problems: parsed.ok ? [] : parsed.problems,
          modifiedAt: info.mtime.toISOString(),
          lastRun: run
            ? { runId: run.runId, status: run.status, startedAt: new Date(run.startedMs).toISOString() }
            : null,
        })
      }
      return { folder: folder(), items }
    },

    async get(path: string): Promise<ScenarioText> {
      const text = await read(path)
      return { path, text, problems: problemsOf(text) }
    },

    /** Writes the file (atomically: a temp file renamed over it) even when it has problems, and answers them. */
    async save(path: string, text: string): Promise<ScenarioText> {
      const full = fileOf(path)
      await mkdir(dirname(full), { recursive: true })
      const temp = `${full}.${randomUUID().slice(0, 8)}.tmp`
      await writeFile(temp, text, 'utf8')
      await rename(temp, full)
      bus.emit({ type: 'scenarios.changed' })
      return { path, text, problems: problemsOf(text) }
    },

    async remove(path: string): Promise<boolean> {
      const full = fileOf(path)
      const existed = await stat(full).then(
        () => true,
        () => false,
      )
      await rm(full, { force: true })
      if (existed) bus.emit({ type: 'scenarios.changed' })
      return existed
    },

    /** Runs the files one after another against the simulated bot; one run at a time. */
    async run(paths: string[] | undefined): Promise<RunSummary> {
      const bot = deps.simulatedBot()
      if (!bot)
        throw new AppError(
          'conflict',
          `No bot is connected to the simulator: connect it (Setup → Use the simulator, or POST /api/telegram/simulator), ` +
            `then start your bot with its Bot API root at ${deps.proxyUrl()}`,
        )
      if (running) throw new AppError('conflict', 'A scenario run is already in progress: wait for it to end')
      const list = paths ?? (await files())
      if (list.length === 0) throw new AppError('not_found', `No *.scenario.yaml files in ${folder()}`)
      const runKey = randomUUID()
      running = runKey
      const startedMs = now()
      const t0 = performance.now()
      bus.emit({ type: 'scenario.started', runKey, files: list })
      const results: ScenarioResult[] = []
      try {
        for (const file of list) {
          const started = performance.now()
          let text: string
          try {
            text = await read(file)
          } catch (err) {
            results.push(fileError(file, (err as Error).message, performance.now() - started))
            continue
          }
          const parsed = parseScenario(text)
          if (!parsed.ok) {
            const message = parsed.problems.map((p) => problemText(file, p)).join('\n')
            results.push(fileError(file, message, performance.now() - started))
            continue
          }
          const { updates: _updates, ...result } = await runScenario(parsed.scenario, file, deps.api, {
            bot,
            withinMs: deps.settings.get().scenarioWithinMs,
            onStep: (step) => bus.emit({ type: 'scenario.step', runKey, file, step }),
          })
          results.push(result)
        }
      } finally {
        running = null
      }
      const durationMs = performance.now() - t0
      const id = await store.writer.write(() => repo.insertRun(startedMs, durationMs, results))
      const summary = repo.run(id)!
      const { results: _r, ...head } = summary
      bus.emit({
        type: 'scenario.finished',
        runKey,
        run: { ...head, files: results.map((r) => ({ file: r.file, name: r.name, status: r.status })) },
      })
      deps.log.info({ run: id, passed: summary.passed, failed: summary.failed }, 'scenario run finished')
      return summary
    },

    runs: (limit: number) => repo.runs(limit),
    getRun(id: number): RunSummary {
      const r = repo.run(id)
      if (!r) throw new AppError('not_found', `No scenario run ${id}`)
      return r
    },

    async record(chatId: number, action: 'start' | 'stop', name?: string): Promise<ScenarioRecording> {
      const active = repo.activeRecording(chatId)
      if (action === 'start') {
        if (active) return recordingOf(active)
        const r = await store.writer.write(() => repo.insertRecording(chatId, name ?? null, now()))
        live.set(chatId, r.id)
        const out = recordingOf(r)
        bus.emit({ type: 'recording.changed', recording: out })
        return out
      }
      if (!active) throw new AppError('not_found', `No recording is running for chat ${chatId}`)
      await store.writer.write(() => repo.stopRecording(active.id, now(), name ?? null))
      live.delete(chatId)
      const out = recordingOf(repo.recording(active.id)!)
      bus.emit({ type: 'recording.changed', recording: out })
      return out
    },
    recording(id: number): ScenarioRecording {
      const r = repo.recording(id)
      if (!r) throw new AppError('not_found', `No recording ${id}`)
      return recordingOf(r)
    },
    recordings: () => repo.recordings().map(recordingOf),

    fromConversation(q: { chatId: number; from?: string; to?: string; name?: string }) {
      const fromMs = q.from ? Date.parse(q.from) : 0
      const toMs = q.to ? Date.parse(q.to) : now()
      const traffic = repo.traffic(q.chatId, fromMs, toMs)
      if (traffic.length === 0)
        throw new AppError('not_found', `Chat ${q.chatId} has no updates or bot calls in that time range`)
      return scenarioFromTraffic(traffic, {
        name: q.name ?? `chat ${q.chatId}`,
        botUsername: deps.botUsername(),
        comment: `From the Conversations timeline of chat ${q.chatId}. Edit freely: docs/scenarios.md`,
      })
    },
  }
}
export type ScenarioService = ReturnType<typeof createScenarioService>

function fileError(file: string, error: string, durationMs: number): ScenarioResult {
  return { file, name: file, status: 'error', durationMs, error, steps: [] }
}
