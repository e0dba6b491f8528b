import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { XMLBuilder } from 'fast-xml-parser'
import { parseDocument } from 'yaml'
import type { Output } from '@shared/api'
import { AppError } from '@shared/errors'
import {
  durationMs,
  scenarioJsonSchema,
  type Scenario,
  type ScenarioResult,
  type StepResult,
} from '@shared/scenarios'
import { toHttpCall } from '@shared/wire'
import { startCore, type Core } from '../../core'
import { parseScenario } from '../../core/scenarios/parse'
import { callThrough, runScenario, type ApiCall, type ExpectationUpdate } from '../../core/scenarios/runner'
import { listScenarioFiles } from '../../core/scenarios/service'

export const TEST_HELP = `Usage: hookbench test PATH... [options]

Runs scenario files (*.scenario.yaml; a folder means every one in it) against a bot, through Hookbench's
simulator and Bot API proxy (docs/scenarios.md).

  --bot "COMMAND"     Start a throwaway Hookbench (simulator, free loopback port, temp data dir), then this
                      command with BOT_TOKEN and BOT_API_ROOT (the proxy) in its environment; stop it after.
  --url URL           Use a running Hookbench (its bot already pointed at the proxy); --token or
                      HOOKBENCH_TOKEN is its API token.
  --token TOKEN       The API token for --url.
  --reporter NAME     pretty (default), junit or json.
  --output FILE       Write the junit/json report to FILE (progress still prints).
  --update            Write the bot's actual texts, keyboards and callback answers into failing expect steps.
  --timeout D         How long the bot may take to start polling or set its webhook (default 15s).
  --within D          Default wait of expect steps (default 3s; a file's own "within" wins).
  --bail              Stop at the first failing scenario.

Exit status: 0 all passed, 1 a scenario failed (or the bot did not start), 2 a usage or file error.

  hookbench scenario schema   Prints the JSON Schema of scenario files (editor completion).`

class UsageError extends Error {}

interface TestFlags {
  paths: string[]
  bot?: string
  url?: string
  token?: string
  reporter: 'pretty' | 'junit' | 'json'
  output?: string
  update: boolean
  timeoutMs: number
  withinMs: number
  bail: boolean
}

const asDuration = (flag: string, v: string): number => {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(v)
  if (!m) throw new UsageError(`${flag} must be a duration like 500ms, 10s or 1m`)
  return durationMs(`${m[1]}${m[2] ?? 'ms'}`)
}

function parseTestFlags(args: string[]): TestFlags | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        bot: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        reporter: { type: 'string', default: 'pretty' },
        output: { type: 'string' },
        update: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '15s' },
        within: { type: 'string', default: '3s' },
        bail: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!)
  }
  const v = parsed.values
  if (v.help) return 'help'
  if (parsed.positionals.length === 0) throw new UsageError('give at least one scenario file or folder')
  if (!v.bot === !v.url) throw new UsageError('give exactly one of --bot "COMMAND" or --url URL')
  if (!['pretty', 'junit', 'json'].includes(v.reporter))
    throw new UsageError('--reporter must be pretty, junit or json')
  if (v.url !== undefined && !/^https?:\/\/\S+$/.test(v.url))
    throw new UsageError('--url must be an http(s) URL')
  return {
    paths: parsed.positionals,
    ...(v.bot !== undefined && { bot: v.bot }),
    ...(v.url !== undefined && { url: v.url.replace(/\/+$/, '') }),
    ...((v.token ?? process.env.HOOKBENCH_TOKEN) !== undefined && {
      token: v.token ?? process.env.HOOKBENCH_TOKEN,
    }),
    reporter: v.reporter as TestFlags['reporter'],
    ...(v.output !== undefined && { output: v.output }),
    update: v.update,
    timeoutMs: asDuration('--timeout', v.timeout),
    withinMs: asDuration('--within', v.within),
    bail: v.bail,
  }
}

/** Every scenario file a PATH names (a folder: its *.scenario.yaml files, sorted). */
async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = []
  for (const p of paths) {
    let info
    try {
      info = statSync(p)
    } catch {
      throw new UsageError(`${p}: no such file or folder`)
    }
    if (info.isDirectory()) {
      const found = (await listScenarioFiles(p)).map((n) => join(p, n))
      if (found.length === 0) throw new UsageError(`${p}: no *.scenario.yaml files in this folder`)
      files.push(...found)
    } else files.push(p)
  }
  return files
}

// ---- How the runner reaches Hookbench ----

function overHttp(base: string, token: string | undefined): ApiCall {
  return async (method, input) => {
    const call = toHttpCall(method, input)
    let res: Response
    try {
      res = await fetch(`${base}${call.url}`, {
        method: call.method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(call.contentType && { 'content-type': call.contentType }),
        },
        ...(call.body !== undefined && { body: call.body }),
      })
    } catch {
      throw new AppError('unavailable', `cannot reach Hookbench at ${base}: is it running?`)
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
    if (!res.ok) {
      const why = body?.error?.message ?? `HTTP ${res.status}`
      throw new AppError(res.status === 401 ? 'unauthorized' : 'upstream', `${method}: ${why}`)
    }
    return body as never
  }
}

// ---- The bot process ----

interface BotProcess {
  child: ChildProcess
  tail: () => string
  exited: Promise<number | null>
  stop(): Promise<void>
}

/**
 * The bot's command runs in a shell of its own process group (POSIX), and stop() signals the whole group:
 * signalling the shell alone (`sh -c "node bot.js"`, `npm start`) left the bot itself running, polling after
 * `hookbench test` had exited. On Windows the shell's process is all there is to signal.
 */
const GROUPS = process.platform !== 'win32'

function startBot(command: string, env: Record<string, string>): BotProcess {
  const child = spawn(command, {
    shell: true,
    detached: GROUPS,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const signal = (name: NodeJS.Signals | 0): boolean => {
    try {
      if (GROUPS && child.pid !== undefined) process.kill(-child.pid, name)
      else child.kill(name)
      return true
    } catch {
      return false // the group is gone (ESRCH)
    }
  }
  // Signal 0 tests the group: the shell may have exited while the bot in it still runs (a member that has
  // exited counts until it is reaped, which an init that reaps late makes up to ~1 s here).
  const running = () => (GROUPS ? signal(0) : child.exitCode === null && child.signalCode === null)
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    child,
    tail: () => output.trimEnd().split('\n').slice(-15).join('\n'),
    exited,
    async stop() {
      if (!running()) return
      signal('SIGTERM')
      const deadline = Date.now() + 3000
      while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
      if (running()) signal('SIGKILL')
      await exited
    },
  }
}

/** Waits until the bot polls (getUpdates through the proxy) or sets its webhook; else says why not. */
async function waitForBot(api: ApiCall, bot: BotProcess, timeoutMs: number, command: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exit: number | null | undefined
  void bot.exited.then((code) => (exit = code))
  for (;;) {
    const f: Output<'getForwarding'> = await api('getForwarding', {})
    if (f.lastPollAt !== null || f.setBy === 'bot') return
    if (exit !== undefined)
      throw new Error(
        `the bot exited${exit === null ? '' : ` with code ${exit}`} before it polled or set its webhook (${command})${indent(bot.tail(), 'bot output')}`,
      )
    if (Date.now() > deadline)
      throw new Error(
        `the bot did not poll (getUpdates) or set its webhook within ${timeoutMs} ms: is its Bot API root BOT_API_ROOT?${indent(bot.tail(), 'bot output')}`,
      )
    await new Promise((r) => setTimeout(r, 50))
  }
}

const indent = (text: string, title: string) =>
  text
    ? `\n  ${title} (last lines):\n${text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}`
    : `\n  (the bot printed nothing)`

// ---- Reporters ----

const secs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`)

function prettyStep(file: string, s: StepResult, botTail: () => string): string {
  const mark = s.status === 'passed' ? '✓' : s.status === 'failed' ? '✗' : s.status === 'updated' ? '↻' : '-'
  const head = `  ${mark} ${s.title}${s.status === 'skipped' ? ' (skipped)' : `  (${secs(s.durationMs)})`}`
  if (s.status !== 'failed') return head
  const lines = [head, `      at ${file}:${s.line}`, `      ${s.error}`]
  if (s.expected !== null || s.actual !== null) {
    lines.push(`      - expected: ${s.expected ?? ''}`, `      + actual:   ${s.actual ?? ''}`)
  }
  if (s.transcript.length) lines.push('      chat transcript:', ...s.transcript.map((t) => `        ${t}`))
  if (s.calls.length) lines.push('      bot calls (newest last):', ...s.calls.map((c) => `        ${c}`))
  const tail = botTail()
  if (tail) lines.push('      bot output (last lines):', ...tail.split('\n').map((l) => `        ${l}`))
  return lines.join('\n')
}

export function junitReport(results: ScenarioResult[], totalMs: number): string {
  const byFile = new Map<string, ScenarioResult[]>()
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r])
  const failureOf = (r: ScenarioResult) => {
    if (r.status === 'passed') return {}
    const step = r.steps.find((s) => s.status === 'failed')
    const message = r.error ?? (step ? `${step.title}: ${step.error}` : 'failed')
    const body = step
      ? [
          `${r.file}:${step.line}`,
          step.error,
          step.expected !== null ? `expected: ${step.expected}` : '',
          step.actual !== null ? `actual:   ${step.actual}` : '',
          ...step.transcript,
          ...step.calls,
        ]
          .filter(Boolean)
          .join('\n')
      : (r.error ?? '')
    return { [r.status === 'error' ? 'error' : 'failure']: { '@_message': message, '#text': body } }
  }
  const suites = [...byFile].map(([file, rs]) => ({
    '@_name': file,
    '@_tests': rs.length,
    '@_failures': rs.filter((r) => r.status === 'failed').length,
    '@_errors': rs.filter((r) => r.status === 'error').length,
    '@_time': (rs.reduce((n, r) => n + r.durationMs, 0) / 1000).toFixed(3),
    testcase: rs.map((r) => ({
      '@_name': r.name,
      '@_classname': file,
      '@_time': (r.durationMs / 1000).toFixed(3),
      ...failureOf(r),
    })),
  }))
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true })
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    testsuites: {
      '@_name': 'hookbench scenarios',
      '@_tests': results.length,
      '@_failures': results.filter((r) => r.status === 'failed').length,
      '@_errors': results.filter((r) => r.status === 'error').length,
      '@_time': (totalMs / 1000).toFixed(3),
      testsuite: suites,
    },
  })}`
}

/** `--update`: the failing expectations take the bot's actual values, comments and order kept. */
function applyUpdates(file: string, updates: ExpectationUpdate[]): number {
  if (updates.length === 0) return 0
  const doc = parseDocument(readFileSync(file, 'utf8'))
  for (const u of updates) doc.setIn(['steps', u.stepIndex, 'expect', u.field], u.value)
  writeFileSync(file, doc.toString({ lineWidth: 0 }))
  return updates.length
}

// ---- The command ----

export async function testCommand(args: string[]): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`)
  const error = (line: string) => process.stderr.write(`hookbench test: ${line}\n`)
  let flags: TestFlags | 'help'
  let files: string[]
  try {
    flags = parseTestFlags(args)
    if (flags === 'help') {
      write(TEST_HELP)
      return 0
    }
    files = await collectFiles(flags.paths)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    error(`${err.message}. See: hookbench test --help`)
    return 2
  }
  // Progress goes to stdout unless the report does (junit/json without --output): then to stderr.
  const progress =
    flags.reporter === 'pretty' || flags.output ? write : (l: string) => process.stderr.write(`${l}\n`)
  const cwd = process.cwd()
  const shown = (f: string) => (resolve(f).startsWith(cwd + sep) ? relative(cwd, f) : f)

  // Every file is read and checked before anything starts: a typo fails in a second, not after the bot boots.
  const scenarios: { file: string; scenario: Scenario }[] = []
  let fileErrors = 0
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (err) {
      error(`${shown(file)}: ${(err as Error).message}`)
      fileErrors++
      continue
    }
    const parsed = parseScenario(text)
    if (parsed.ok) scenarios.push({ file, scenario: parsed.scenario })
    else {
      for (const p of parsed.problems) error(`${shown(file)}:${p.line}:${p.column}: ${p.message}`)
      fileErrors++
    }
  }
  if (fileErrors > 0) return 2

  let core: Core | null = null
  let dataDir: string | null = null
  let bot: BotProcess | null = null
  let api: ApiCall
  let botTail = () => ''
  const results: ScenarioResult[] = []
  const started = performance.now()
  try {
    let simBot: { id: number; username: string }
    if (flags.bot !== undefined) {
      dataDir = mkdtempSync(join(tmpdir(), 'hookbench-test-'))
      core = await startCore({ dataDir, port: 0, log: { level: 'silent' }, rendererDir: null })
      api = callThrough(() => core!.dispatch)
      const connected = await api('useSimulator', {})
      simBot = { id: connected.bot!.id, username: connected.bot!.username }
      bot = startBot(flags.bot, { BOT_TOKEN: connected.token, BOT_API_ROOT: `${core.baseUrl}/bot-api` })
      botTail = bot.tail
      progress(`Started ${flags.bot} against ${core.baseUrl}/bot-api (bot @${simBot.username})`)
      try {
        await waitForBot(api, bot, flags.timeoutMs, flags.bot)
      } catch (err) {
        error((err as Error).message)
        return 1
      }
    } else {
      api = overHttp(flags.url!, flags.token)
      const t = await api('getTelegram', {})
      if (!t.simulated || !t.bot) {
        error(
          `${flags.url} has no bot connected to the simulator: connect one (POST /api/telegram/simulator)`,
        )
        return 2
      }
      simBot = { id: t.bot.id, username: t.bot.username }
    }

    for (const { file, scenario } of scenarios) {
      progress(`${shown(file)} — ${scenario.name}`)
      const r = await runScenario(scenario, shown(file), api, {
        bot: simBot,
        withinMs: flags.withinMs,
        update: flags.update,
        onStep: (s) => progress(prettyStep(shown(file), s, botTail)),
      })
      const { updates, ...result } = r
      if (flags.update) {
        const n = applyUpdates(file, updates)
        if (n) progress(`  ↻ ${shown(file)}: ${n} expectation${n === 1 ? '' : 's'} updated`)
      }
      results.push(result)
      if (flags.bail && result.status !== 'passed') break
    }
  } catch (err) {
    error((err as Error).message)
    return 2
  } finally {
    await bot?.stop()
    await core?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }

  const totalMs = performance.now() - started
  const passed = results.filter((r) => r.status === 'passed').length
  const failed = results.length - passed
  const report =
    flags.reporter === 'junit'
      ? junitReport(results, totalMs)
      : flags.reporter === 'json'
        ? JSON.stringify({ passed, failed, durationMs: totalMs, results }, null, 2)
        : null
  if (report !== null) {
    if (flags.output) writeFileSync(flags.output, `${report}\n`)
    else write(report)
  }
  progress(`${passed} passed, ${failed} failed (${secs(totalMs)})`)
  return failed > 0 ? 1 : 0
}

export function scenarioCommand(args: string[]): number {
  if (args[0] === 'schema') {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`)
    return 0
  }
  process.stderr.write('hookbench scenario: the subcommand is "schema" (hookbench scenario schema)\n')
  return 2
}
