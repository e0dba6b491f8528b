import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { createLogger, DataDirLockedError, startCore, type Core, type Envelope } from '../../core'
import { DATA_FILE_EXIT, DataFileError } from '@shared/errors'
import type { TelegramConnection } from '@shared/telegram'
import { FlagError, HELP, parseServeFlags, type ServeFlags } from './flags'
import { scenarioCommand, testCommand } from './test-command'

const out = (line: string): void => {
  process.stdout.write(`${line}\n`)
}
/** Prints an error; exits with `code` unless it is 0 (the caller then cleans up first). */
const fail = (line: string, code: number): void => {
  process.stderr.write(`hookbench: ${line}\n`)
  if (code !== 0) process.exit(code)
}

async function serve(args: string[]): Promise<void> {
  let flags
  try {
    flags = parseServeFlags(args, process.env)
  } catch (err) {
    if (err instanceof FlagError) return fail(`${err.message}. See: hookbench serve --help`, 2)
    throw err
  }
  if (flags.help) return out(HELP)

  const log = createLogger({ level: flags.logLevel, destination: pino.destination(2) })
  let core: Core
  try {
    core = await startCore({
      dataDir: flags.dataDir,
      host: flags.host,
      port: flags.port,
      token: flags.token,
      webhookUsers: flags.webhookUsers,
      settings: {
        ...(flags.allowAnonymous !== undefined && { allowAnonymous: flags.allowAnonymous }),
        ...(flags.maxBodyBytes !== undefined && { maxBodyBytes: flags.maxBodyBytes }),
      },
      env: process.env,
      log,
      ...(flags.botApiUrl !== undefined && { botApiUrl: flags.botApiUrl }),
      // out/main/cli.js → out/renderer
      rendererDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    })
  } catch (err) {
    if (err instanceof DataDirLockedError)
      return fail(`${err.message}: stop it, or pick another folder with --data-dir`, 2)
    if (err instanceof DataFileError) return fail(err.message, DATA_FILE_EXIT)
    const e = err as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE')
      return fail(
        `port ${flags.port} on ${flags.host} is in use: pick another with --port (0 = any free port)`,
        1,
      )
    if (e.code === 'EACCES')
      return fail(
        `not allowed to listen on ${flags.host}:${flags.port}: use a port above 1023 or run with the right privileges`,
        1,
      )
    return fail(e.message, 1)
  }
  // Before the first line is printed: a script that waits for "UI:" and then sends SIGTERM
  // must get a clean shutdown (exit 0), not the default signal death.
  let signals = 0
  const shutdown = (signal: string) => {
    signals++
    if (signals > 1) process.exit(1)
    log.info({ signal }, 'shutting down')
    const restore =
      flags.restoreWebhookOnExit && core.telegram.state().webhook
        ? core
            .dispatch('disconnectTelegram', { restorePrevious: true })
            .then((r) =>
              out(
                r.ok
                  ? 'Telegram: webhook restored'
                  : `Telegram: could not restore the webhook: ${r.error.message}`,
              ),
            )
        : Promise.resolve()
    restore
      .then(() => core.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed')
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  out(`Hookbench is listening on ${core.baseUrl}`)
  out(`Webhook URL: ${core.webhookUrl}/{entity}?... (Basic auth: https://USER:PASSWORD@host/...)`)
  // "UI:" is the last line of this block: scripts (npm start, tests, the bench) wait for it as the sign that every
  // line above is printed, so nothing of the block may follow it.
  out(`Bot API proxy: ${core.baseUrl}/bot-api`)
  out(`API token: ${core.token}`)
  out(`Data: ${flags.dataDir}`)
  out(`UI: ${core.uiUrl}`)
  if (flags.rules !== undefined && !(await importRules(core, flags.rules))) {
    await core.stop()
    process.exit(1)
  }

  if (flags.simulator) await connectSimulator(core)
  if (flags.forwardTo !== undefined) {
    const r = await core.dispatch('setForwarding', {
      url: flags.forwardTo,
      ...(flags.forwardSecret !== undefined && { secretToken: flags.forwardSecret }),
    })
    out(r.ok ? `Forwarding updates to ${r.value.url}` : `Forwarding: ${r.error.message}`)
  }
  if (flags.telegramToken !== undefined) await connectTelegram(core, flags)
}

/** Prints one line per step; a failed step says why, and the receiver keeps running locally. */
function report(step: string, r: Envelope<TelegramConnection>): boolean {
  if (!r.ok) {
    out(`Telegram: ${step} failed: ${r.error.message}`)
    return false
  }
  const c = r.value
  if (c.lastError) {
    out(`Telegram: ${step}: ${c.lastError}${c.hint ? ` (${c.hint})` : ''}`)
    return c.step !== 'register' && c.reachability?.state !== 'error'
  }
  out(`Telegram: ${step} ok`)
  return true
}

async function connectTelegram(core: Core, flags: ServeFlags): Promise<void> {
  const bot = await core.dispatch('connectBot', { token: flags.telegramToken })
  if (!report('bot token', bot)) return
  if (bot.ok) out(`Telegram: bot @${bot.value.bot?.username}`)
  const reach = await core.dispatch(
    'setReachability',
    flags.tunnel === 'ngrok' ? { mode: 'ngrok' } : { mode: 'own', publicUrl: flags.publicUrl },
  )
  if (!report(flags.tunnel === 'ngrok' ? 'ngrok tunnel' : 'public URL', reach)) return
  if (!report('webhook user and secret', await core.dispatch('prepareWebhook', {}))) return
  const registered = await core.dispatch('registerWebhook', {})
  if (!report('setWebhook + getWebhookInfo', registered)) return
  if (registered.ok) out(`Telegram: webhook ${registered.value.webhook?.url}; waiting for the first update`)
}

async function connectSimulator(core: Core): Promise<void> {
  const r = await core.dispatch('useSimulator', {})
  if (!r.ok) return out(`Simulator: could not connect: ${r.error.message}`)
  out(`Simulator: bot @${r.value.bot?.username} connected (relaxed mode); Bot API ${r.value.botApiUrl}`)
  out(`Simulator bot token: ${r.value.token}`)
}

/** `--rules FILE.xml`: imports at start and prints the report, one line per rule and per non-imported field. */
async function importRules(core: Core, file: string): Promise<boolean> {
  let xml: string
  try {
    xml = readFileSync(file, 'utf8')
  } catch (err) {
    fail(`--rules: cannot read ${file}: ${(err as Error).message}`, 0)
    return false
  }
  const result = await core.dispatch('importRules', { text: xml })
  if (!result.ok) {
    const at =
      result.error.line !== undefined ? ` (line ${result.error.line}, column ${result.error.column})` : ''
    fail(`--rules ${file}: ${result.error.message}${at}`, 0)
    return false
  }
  out(`Rules from ${file}:`)
  for (const rule of result.value.rules) {
    out(`  ${rule.status.padEnd(17)} ${rule.name}${rule.error ? ` — ${rule.error}` : ''}`)
    for (const f of rule.fields.filter((x) => x.outcome !== 'imported'))
      out(`    ${f.outcome.padEnd(8)} ${f.field}: ${f.detail}`)
  }
  for (const w of result.value.warnings) out(`  warning: ${w}`)
  return true
}

/** Exits once stdout has taken everything written (a long JSON or JUnit report on a pipe). */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code))
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'serve') return serve(rest)
  if (command === 'test') return exitAfterFlush(await testCommand(rest))
  if (command === 'scenario') return exitAfterFlush(scenarioCommand(rest))
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return out(HELP)
  if (command === '--version') return out('hookbench 0.1.0')
  fail(`unknown command "${command}". Try: hookbench serve --help, hookbench test --help`, 2)
}

main(process.argv.slice(2)).catch((err: unknown) => fail((err as Error).message, 1))
