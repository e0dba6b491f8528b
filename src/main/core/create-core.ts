import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Status } from '@shared/domain'
import { createDispatch, type Dispatch } from './api/dispatch'
import { createHandlers } from './api/handlers'
import { BOT_API_PREFIX, createHttpServer, WEBHOOK_PREFIX } from './api/http-server'
import { lockDataDir, type DataDirLock } from './data-dir-lock'
import { createEventBus, type EventBus } from './events'
import { createForwarding, type Forwarding } from './forwarding'
import { createLogger, type Logger, type LogOptions } from './log'
import { createAuthenticator, createReplayer, createThrottle, createUsersService } from './receiver'
import { botIdOf, createBotApiProxy } from './proxy'
import { createRetention, type Retention } from './retention'
import {
  createNotifier,
  createRuleEngine,
  createRulesService,
  migrateHeaderSecrets,
  type Notifier,
  type RuleEngine,
  type RulesService,
} from './rules'
import {
  createFileSecretStore,
  createMemorySecretStore,
  createSettingsService,
  settingsFromEnv,
  type SecretStore,
  type SettingsOverrides,
  type SettingsService,
} from './settings'
import { callThrough, createScenarioService, type ScenarioService } from './scenarios'
import { createSimulator, type Simulator } from './simulator'
import { createStore, DB_FILE, startupStorageError, type Store } from './store'
import { createConnectFlow, PUBLIC_BOT_API, type ConnectFlow } from './telegram'
import { createTunnel, type NgrokConnector, type Tunnel } from './tunnel'

export interface CoreOptions {
  /** Folder of the SQLite database (and the headless secret file); `:memory:` in unit tests. */
  dataDir: string
  host?: string
  /** 0 picks a free port. */
  port?: number
  /** Control API token; random per run when absent. */
  token?: string
  /** Webhook users to create (or reset) at start: `--webhook-user NAME:PASSWORD`. */
  webhookUsers?: { name: string; password: string }[]
  /** CLI flag overrides, applied over stored settings and the environment. */
  settings?: SettingsOverrides
  env?: NodeJS.ProcessEnv
  log?: LogOptions | Logger
  rendererDir?: string | null
  now?: () => number
  /** Where secrets live; default an owner-only file in dataDir (memory for `:memory:`). */
  secrets?: SecretStore
  /** The Bot API base URL (default the public one). */
  botApiUrl?: string
  /** Shows desktop notifications (Electron shell). */
  desktopNotify?: (title: string, text: string) => void
  /** Outgoing HTTP for actions (tests inject faults here). */
  fetch?: typeof fetch
  /** Rule engine timers (tests shorten them). */
  ruleTickMs?: number
  /** The ngrok SDK (tests pass a fake); default `@ngrok/ngrok`, loaded on first use. */
  ngrok?: NgrokConnector
  /** Milliseconds per backoff unit when forwarding to the bot's webhook fails (Telegram: 1000; tests less). */
  forwardRetryBaseMs?: number
  /** Simulator timings tests shorten: when an update counts as late, how long an inline query waits. */
  simulatorTimings?: { lateAfterMs?: number; inlineQueryTimeoutMs?: number }
  /** Milliseconds per backoff unit of the simulator's webhook redelivery (Telegram: 1000; tests less). */
  simulatorRetryBaseMs?: number
}

export interface Core {
  readonly token: string
  readonly baseUrl: string
  readonly webhookUrl: string
  /** The browser UI; its `?token=` is the API token, exchanged on the first visit for a session cookie. */
  readonly uiUrl: string
  readonly port: number
  readonly bus: EventBus
  readonly dispatch: Dispatch
  readonly store: Store
  readonly settings: SettingsService
  readonly log: Logger
  readonly http: FastifyInstance
  readonly engine: RuleEngine
  readonly notifier: Notifier
  readonly rules: RulesService
  readonly simulator: Simulator
  readonly telegram: ConnectFlow
  readonly tunnel: Tunnel
  readonly retention: Retention
  /** The developer's own bot: its updates queued and forwarded (docs/bot-in-the-loop.md). */
  readonly forwarding: Forwarding
  /** Scenario tests: files, runs, recordings (docs/scenarios.md). */
  readonly scenarios: ScenarioService
  /** Stops accepting, lets in-flight requests finish, commits queued writes, closes the database. */
  stop(): Promise<void>
}

const isLogger = (l: CoreOptions['log']): l is Logger =>
  typeof (l as Logger | undefined)?.child === 'function'

/**
 * The composition root: takes the data dir (one process per data dir: a DataDirLockedError when another
 * live one holds it), builds every service in dependency order and starts listening.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const log = isLogger(options.log) ? options.log : createLogger(options.log)
  let lock: DataDirLock | null
  try {
    lock = options.dataDir === ':memory:' ? null : lockDataDir(options.dataDir, log)
  } catch (err) {
    throw startupStorageError(err, options.dataDir, options.dataDir) ?? err
  }
  try {
    return await startServices(options, log, lock)
  } catch (err) {
    lock?.release()
    // A database that opens but is damaged further in fails on its first reads (settings, users): refused
    // like one that does not open. Only SQLite's errors (errcode), so a port refused (EACCES) stays itself.
    const sqlite = typeof (err as { errcode?: unknown }).errcode === 'number'
    throw (sqlite && startupStorageError(err, options.dataDir, join(options.dataDir, DB_FILE))) || err
  }
}

async function startServices(options: CoreOptions, log: Logger, lock: DataDirLock | null): Promise<Core> {
  const now = options.now ?? Date.now
  const bus = createEventBus((err) => log.error({ err }, 'event listener failed'))
  // Set once the status can be computed (after listen).
  let statusChanged = (): void => undefined
  // First, before anything writes: a secrets file that cannot be read stops the start (secret-store.ts).
  const secrets =
    options.secrets ??
    (options.dataDir === ':memory:' ? createMemorySecretStore() : createFileSecretStore(options.dataDir))
  const store = createStore(options.dataDir, 'normal', {
    onBackgroundError: (what, message) => log.warn({ what, error: message }, 'store background job failed'),
    now,
    // The status bar's banner says why requests are refused, and when it is over (docs/reliability.md).
    onFaultChange: (fault) => {
      if (fault) log.error({ fault: fault.kind }, 'storage fault: writes fail, requests are refused')
      else log.info('storage fault over: writes succeed again')
      statusChanged()
    },
  })
  const settings = createSettingsService(
    store.settings,
    bus,
    log.child({ mod: 'settings' }),
    settingsFromEnv(options.env ?? {}),
    options.settings ?? {},
  )
  store.setDurability(settings.get().durability)
  bus.onType('settings.changed', (e) => store.setDurability(e.settings.durability))

  const auth = createAuthenticator((name) => store.users.get(name))
  const users = createUsersService(store, auth, now)
  for (const u of options.webhookUsers ?? []) {
    if (store.users.get(u.name)) await users.update({ name: u.name, password: u.password })
    else await users.create({ name: u.name, password: u.password, entities: ['*'] })
  }
  const throttle = createThrottle(() => settings.get().authFailuresPerMinute)
  const retention = createRetention(store, settings, bus, log.child({ mod: 'retention' }), now)

  let rules: RulesService | null = null
  let telegram: ConnectFlow | null = null
  const notifier = createNotifier({
    store,
    bus,
    log: log.child({ mod: 'notifier' }),
    now,
    botApiBase: () => telegram!.botApiUrl(),
    // A Telegram action that names no bot uses the connected bot.
    resolveBotToken: (bot) => bot.token ?? (bot.id ? rules?.botToken(bot.id) : telegram?.connectedToken()),
    ...(options.desktopNotify && { desktop: options.desktopNotify }),
    ...(options.fetch && { fetch: options.fetch }),
  })
  const engine = createRuleEngine({
    store,
    bus,
    log: log.child({ mod: 'rules' }),
    notifier,
    secrets,
    now,
    ...(options.ruleTickMs !== undefined && { tickMs: options.ruleTickMs }),
  })
  // Rules saved before secret header values moved to the secret store (header-secrets.ts), before they load.
  const migrated = await migrateHeaderSecrets(store, secrets)
  if (migrated > 0) log.info({ rules: migrated }, 'moved secret header values of rules to the secret store')
  engine.load()
  rules = createRulesService({ store, engine, bus, secrets, now })
  // Rules hear about messages after the receiver has answered (the event is emitted after the reply).
  bus.onType('message.converted', (e) => engine.submit(e.message, e.duplicateOf))

  const simulator = createSimulator({
    store,
    bus,
    log: log.child({ mod: 'simulator' }),
    now,
    strict: () => settings.get().simulatorStrict,
    createBotsOnFirstUse: () => settings.get().simulatorCreateBotsOnFirstUse,
    webhookTimeoutMs: () => settings.get().simulatorWebhookTimeoutMs,
    floodLimits: () => settings.get().simulatorFloodLimits,
    ...(options.simulatorRetryBaseMs !== undefined && { retryBaseMs: options.simulatorRetryBaseMs }),
    connectedBotToken: () => telegram?.connectedToken(),
    ...options.simulatorTimings,
  })

  let http: FastifyInstance | null = null
  const tunnel = createTunnel({
    log: log.child({ mod: 'tunnel' }),
    localPort: () => Number(new URL(baseUrl).port),
    handler: (req, res) => http!.routing(req, res),
    ngrok: async () => options.ngrok ?? ((await import('@ngrok/ngrok')).default as unknown as NgrokConnector),
    onChange: () => bus.emit({ type: 'status.changed', status: status() }),
  })
  telegram = createConnectFlow({
    store,
    secrets,
    settings,
    users,
    bus,
    log: log.child({ mod: 'telegram' }),
    tunnel,
    defaultBotApiUrl: (options.botApiUrl ?? PUBLIC_BOT_API).replace(/\/+$/, ''),
    localBaseUrl: () => baseUrl,
    createSimulatedBot: (simToken) => simulator.createBot(simToken),
    env: options.env ?? {},
    ...(options.fetch && { fetch: options.fetch }),
  })

  const connectedToken = () => telegram?.connectedToken()
  let runReply: Parameters<typeof createForwarding>[0]['runReply'] = async () => null
  const forwarding = createForwarding({
    store,
    bus,
    log: log.child({ mod: 'forwarding' }),
    now,
    secrets,
    botId: () => botIdOf(connectedToken() ?? '') ?? 0,
    retryBaseMs: options.forwardRetryBaseMs ?? 1000,
    runReply: (...args) => runReply(...args),
  })
  const proxy = createBotApiProxy({
    store,
    bus,
    log: log.child({ mod: 'proxy' }),
    now,
    upstreamUrl: () => telegram!.botApiUrl(),
    connectedToken,
    forwarding,
    ...(options.fetch && { fetch: options.fetch }),
  })
  runReply = proxy.runReply

  // The status bar shows the webhook: every change of the connection is a status change too.
  bus.onType('telegram.changed', () => bus.emit({ type: 'status.changed', status: status() }))

  const token = options.token ?? randomBytes(24).toString('base64url')
  const internalKey = randomBytes(24).toString('base64url')
  const replayer = createReplayer(() => http!, store, internalKey, WEBHOOK_PREFIX)
  const host = options.host ?? '127.0.0.1'
  let baseUrl = ''
  const status = (): Status => {
    const port = Number(new URL(baseUrl).port)
    const t = tunnel.status()
    const tg = telegram!.state()
    return {
      receiver: { url: baseUrl, host, port },
      botApiProxyUrl: `${baseUrl}${BOT_API_PREFIX}`,
      tunnel: { state: t.state, url: t.url, error: t.error },
      telegram: {
        bot: tg.bot?.username ?? null,
        webhookUrl: tg.webhook?.url ?? null,
        lastError: tg.info?.lastErrorMessage ?? tg.lastError,
        simulated: tg.simulated,
      },
      storage: {
        requests: store.requests.count(),
        lastRetention: retention.last,
        fault: store.health.fault(),
      },
    }
  }
  // Scenario runs call the contract in process, as a user would over HTTP (dispatch exists once handlers do).
  let dispatchRef: Dispatch | null = null
  const scenarios = createScenarioService({
    store,
    settings,
    bus,
    log: log.child({ mod: 'scenarios' }),
    now,
    dataDir: options.dataDir,
    api: callThrough(() => dispatchRef!),
    simulatedBot: () => {
      const t = telegram!.state()
      return t.simulated && t.bot ? { id: t.bot.id, username: t.bot.username } : null
    },
    botUsername: () => telegram!.state().bot?.username ?? null,
    proxyUrl: () => `${baseUrl}${BOT_API_PREFIX}`,
  })
  const dispatch = createDispatch(
    createHandlers({
      store,
      settings,
      users,
      bus,
      status,
      rules,
      simulator,
      telegram,
      replayer,
      forwarding,
      scenarios,
      origin: () => baseUrl,
    }),
    log.child({ mod: 'api' }),
  )
  dispatchRef = dispatch
  http = await createHttpServer({
    log,
    bus,
    dispatch,
    token,
    rendererDir: options.rendererDir ?? null,
    simulator: simulator.plugin,
    botApiProxy: proxy.plugin,
    receiver: {
      store,
      settings,
      bus,
      log: log.child({ mod: 'receiver' }),
      auth,
      throttle,
      forwarded: {
        tunnelKey: () => tunnel.forwardKey(),
        proxies: () => settings.get().trustedProxies,
      },
      now,
      secretTokenFor: (user) => telegram!.secretTokenFor(user),
      internalKey,
    },
  })
  await http.listen({ host, port: options.port ?? 8780 })
  const address = http.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0)
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  baseUrl = `http://${urlHost}:${port}`
  statusChanged = () => bus.emit({ type: 'status.changed', status: status() })
  log.info({ url: baseUrl }, 'listening')
  await forwarding.start()
  retention.runOnce().catch((err: unknown) => log.error({ err }, 'retention failed'))

  let stopping: Promise<void> | null = null
  return {
    token,
    baseUrl,
    webhookUrl: `${baseUrl}${WEBHOOK_PREFIX}`,
    uiUrl: `${baseUrl}/?token=${encodeURIComponent(token)}`,
    port,
    bus,
    dispatch,
    store,
    settings,
    log,
    http,
    engine,
    notifier,
    rules,
    simulator,
    telegram,
    tunnel,
    retention,
    forwarding,
    scenarios,
    stop() {
      stopping ??= (async () => {
        retention.stop()
        await tunnel.stop()
        await http!.close()
        await forwarding.close()
        await simulator.close()
        await engine.idle()
        await notifier.close()
        await engine.close()
        await store.close()
        lock?.release()
        log.info('stopped')
      })()
      return stopping
    },
  }
}
