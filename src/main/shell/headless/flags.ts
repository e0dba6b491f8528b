import { parseArgs } from 'node:util'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Password, UserName } from '@shared/domain'

export const HELP = `Usage: hookbench serve [options]
       hookbench test PATH... --bot "COMMAND" | --url URL   (scenario tests: hookbench test --help)

Runs the Hookbench core headless: the webhook receiver, the control API and the browser UI.

Options:
  --host HOST               Address to bind (default 127.0.0.1). The control API answers loopback clients only.
  --port N                  Port for webhooks, API and UI (default $HOOKBENCH_PORT or 8780; 0 = any free port).
  --data-dir DIR            Where the SQLite database lives (default: $HOOKBENCH_DATA_DIR or a per-user folder).
  --token T                 Control API token (default: random for each run; printed at start).
  --webhook-user NAME:PASS  Create (or reset) a webhook user; repeatable. PASS needs at least 8 characters.
  --allow-anonymous         Accept webhooks without credentials (off by default).
  --max-body-bytes N        Largest accepted webhook body (default 10485760).
  --rules FILE.xml          Import ATSD rules XML at start (rules replace those with the same name) and
                            print the import report. A file that does not parse stops the start (exit 1).
  --bot-api-url URL         Telegram Bot API base for rule actions (default https://api.telegram.org).
  --telegram-token TOKEN    Connect this bot at start (getMe → setWebhook → getWebhookInfo), printing each step.
                            Also HOOKBENCH_TELEGRAM_TOKEN. Needs --public-url or --tunnel ngrok.
  --public-url URL          The HTTPS URL (https://HOST[:PORT]) that reaches this receiver (your own proxy).
  --tunnel ngrok            Open an ngrok tunnel instead (authtoken from NGROK_AUTHTOKEN).
  --restore-webhook-on-exit On SIGINT/SIGTERM, put back the bot's previous webhook (or delete ours).
  --simulator               Connect a simulated bot end to end (built-in Telegram simulator, relaxed mode)
                            and print its token; POST /api/simulator/chats/:id/messages then runs the loop.
  --forward-to URL          Forward every Telegram update received to your own bot's webhook at URL (http or
                            https), as Telegram would. Point the bot's Bot API root at the printed
                            "Bot API proxy" URL instead and its own setWebhook/getUpdates do the same.
  --forward-secret S        The X-Telegram-Bot-Api-Secret-Token sent with forwarded updates (needs --forward-to).
  --no-tunnel               Do not open a tunnel (the default).
  --log-level LEVEL         fatal, error, warn, info (default), debug or trace. Also HOOKBENCH_LOG_LEVEL.
  -h, --help                Show this help.

Output on stdout: the webhook URL, the UI URL and the API token; JSON logs on stderr. The UI URL's ?token= is
that same API token (reusable for this run; fixed with --token): the browser trades it for a session cookie on
the first visit and drops it from the address bar. Keep the link private.
Stop with Ctrl+C (SIGINT) or SIGTERM: in-flight requests finish and the database is closed cleanly.`

export interface ServeFlags {
  host: string
  port: number
  dataDir: string
  token: string | undefined
  webhookUsers: { name: string; password: string }[]
  allowAnonymous: boolean | undefined
  maxBodyBytes: number | undefined
  rules: string | undefined
  telegramToken: string | undefined
  publicUrl: string | undefined
  tunnel: 'ngrok' | undefined
  restoreWebhookOnExit: boolean
  simulator: boolean
  botApiUrl: string | undefined
  forwardTo: string | undefined
  forwardSecret: string | undefined
  logLevel: string
  help: boolean
}

/** A bad flag: the CLI prints the message and exits with code 2. */
export class FlagError extends Error {}

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

export function defaultDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env.HOOKBENCH_DATA_DIR) return env.HOOKBENCH_DATA_DIR
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'hookbench')
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'hookbench')
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'hookbench')
}

function integer(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new FlagError(`--${flag} must be a whole number from ${min} to ${max} (got "${text}")`)
  return n
}

/** Parses `serve` flags strictly: an unknown or malformed flag is a FlagError naming it. */
export function parseServeFlags(args: string[], env: NodeJS.ProcessEnv): ServeFlags {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        token: { type: 'string' },
        'webhook-user': { type: 'string', multiple: true },
        'allow-anonymous': { type: 'boolean' },
        'max-body-bytes': { type: 'string' },
        'no-tunnel': { type: 'boolean' },
        rules: { type: 'string' },
        'telegram-token': { type: 'string' },
        'public-url': { type: 'string' },
        tunnel: { type: 'string' },
        'restore-webhook-on-exit': { type: 'boolean' },
        simulator: { type: 'boolean' },
        'bot-api-url': { type: 'string' },
        'forward-to': { type: 'string' },
        'forward-secret': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    throw new FlagError((err as Error).message)
  }
  const webhookUsers = (values['webhook-user'] ?? []).map((spec) => {
    const colon = spec.indexOf(':')
    if (colon <= 0) throw new FlagError('--webhook-user must be NAME:PASSWORD')
    const name = spec.slice(0, colon)
    const password = spec.slice(colon + 1)
    const n = UserName.safeParse(name)
    if (!n.success) throw new FlagError(`--webhook-user: user name "${name}": ${n.error.issues[0]!.message}`)
    // The password is never echoed back, not even in an error.
    const p = Password.safeParse(password)
    if (!p.success) throw new FlagError(`--webhook-user ${name}: password: ${p.error.issues[0]!.message}`)
    return { name, password }
  })
  const logLevel = values['log-level'] ?? env.HOOKBENCH_LOG_LEVEL ?? 'info'
  if (!LEVELS.has(logLevel))
    throw new FlagError(`--log-level must be one of ${[...LEVELS].join(', ')} (got "${logLevel}")`)
  if (values.token !== undefined && values.token.length < 8)
    throw new FlagError('--token needs at least 8 characters')
  const botApiUrl = values['bot-api-url']
  if (botApiUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(botApiUrl)) {
    throw new FlagError(`--bot-api-url must be an http(s) URL (got "${botApiUrl}")`)
  }
  const forwardTo = values['forward-to']
  if (forwardTo !== undefined && !/^https?:\/\/[^\s/]+/i.test(forwardTo))
    throw new FlagError(`--forward-to must be an http(s) URL (got "${forwardTo}")`)
  const forwardSecret = values['forward-secret']
  if (forwardSecret !== undefined && forwardTo === undefined)
    throw new FlagError('--forward-secret needs --forward-to URL')
  // The secret is never echoed back, not even in an error.
  if (forwardSecret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(forwardSecret))
    throw new FlagError('--forward-secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
  const tunnel = values.tunnel
  if (tunnel !== undefined && tunnel !== 'ngrok')
    throw new FlagError(`--tunnel supports only "ngrok" (got "${tunnel}")`)
  if (tunnel && values['no-tunnel']) throw new FlagError('--tunnel and --no-tunnel contradict each other')
  const telegramToken = values['telegram-token'] ?? env.HOOKBENCH_TELEGRAM_TOKEN
  if (telegramToken !== undefined && !values['public-url'] && !tunnel) {
    throw new FlagError('--telegram-token needs --public-url https://HOST[:PORT] or --tunnel ngrok')
  }
  if (telegramToken !== undefined && values.simulator)
    throw new FlagError('--simulator and --telegram-token contradict each other')
  return {
    host: values.host ?? '127.0.0.1',
    port: integer('port', values.port ?? env.HOOKBENCH_PORT, 0, 65535) ?? 8780,
    dataDir: values['data-dir'] ?? defaultDataDir(env),
    token: values.token,
    webhookUsers,
    allowAnonymous: values['allow-anonymous'],
    maxBodyBytes: integer('max-body-bytes', values['max-body-bytes'], 1024, 256 * 1024 * 1024),
    rules: values.rules,
    telegramToken,
    publicUrl: values['public-url'],
    tunnel: tunnel as 'ngrok' | undefined,
    restoreWebhookOnExit: values['restore-webhook-on-exit'] ?? false,
    simulator: values.simulator ?? false,
    botApiUrl,
    forwardTo,
    forwardSecret,
    logLevel,
    help: values.help ?? false,
  }
}
