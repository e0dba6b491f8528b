import { randomBytes, randomInt } from 'node:crypto'
import type { UserFromGetMe, WebhookInfo } from '@grammyjs/types'
import { AppError } from '@shared/errors'
import type { ConnectStep, TelegramConnection } from '@shared/telegram'
import type { z } from 'zod'
import type { PrepareWebhookInput, ReachabilityInput, RegisterWebhookInput } from '@shared/telegram'
import type { EventBus } from '../events'
import { maskSecrets, type Logger } from '../log'
import type { UsersService } from '../receiver'
import type { SecretStore, SettingsService } from '../settings'
import type { Store } from '../store'
import { TELEGRAM_PORTS, type Tunnel } from '../tunnel'
import { createBotApiClient } from './bot-api-client'
import { webhookHint } from './hints'

export const PUBLIC_BOT_API = 'https://api.telegram.org'
const STATE_KEY = 'telegram.connection'
const BOT_SECRET = (username: string) => `bot:${username}`
const WEBHOOK_PASSWORD = (user: string) => `webhook-password:${user}`
const SECRET_TOKEN = (username: string) => `telegram-secret:${username}`
const PREVIOUS_WEBHOOK = (username: string) => `telegram-previous-webhook:${username}`
export const NGROK_SECRET = 'ngrok.authtoken'

type Persisted = Omit<TelegramConnection, 'strict' | 'botApiUrl' | 'reachability'> & {
  botApiUrl: string | null
  reachability: TelegramConnection['reachability']
}

export interface ConnectFlowDeps {
  store: Store
  secrets: SecretStore
  settings: SettingsService
  users: UsersService
  bus: EventBus
  log: Logger
  tunnel: Tunnel
  /** Outgoing HTTP (tests inject faults). */
  fetch?: typeof fetch
  /** The Bot API chosen at start (`--bot-api-url`), default the public one. */
  defaultBotApiUrl: string
  /** The local base URL (http://127.0.0.1:PORT); the simulator lives at `${local}/sim`. */
  localBaseUrl: () => string
  /** Creates the simulator's bot for a token (the simulator answers 401 for a token it never created). */
  createSimulatedBot: (token: string) => Promise<unknown>
  env: NodeJS.ProcessEnv
}

const randomSecret = (bytes: number) => randomBytes(bytes).toString('base64url')

/** Telegram allows one setWebhook per second: a 429 with a short `retry_after` is waited out once. */
async function honouringRetryAfter<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    const wait = err instanceof AppError && err.kind === 'rate_limited' ? (err.details.retryAfterMs ?? 0) : -1
    if (wait < 0 || wait > 5000) throw err
    await new Promise((resolve) => setTimeout(resolve, wait + 100))
    return fn()
  }
}

/**
 * The connect flow (the setup wizard's backend): token → getMe; a public HTTPS URL (ngrok, own, direct);
 * a webhook user and secret; getWebhookInfo (saving the previous webhook) → setWebhook → getWebhookInfo;
 * then waiting for the first update. Its state is persisted (without secrets) so it resumes after a restart.
 */
export function createConnectFlow(deps: ConnectFlowDeps) {
  const { store, secrets, settings, users, bus, log, tunnel } = deps
  const loaded = store.settings.get(STATE_KEY) as Persisted | undefined
  let state: Persisted = loaded ?? {
    step: 'token',
    botApiUrl: null,
    simulated: false,
    bot: null,
    reachability: null,
    webhook: null,
    previousWebhook: null,
    info: null,
    lastError: null,
    hint: null,
    firstUpdateAt: null,
  }
  // A tunnel does not survive a restart: the wizard resumes at "how to be reachable" with the old choice.
  if (state.reachability && state.reachability.mode !== 'own')
    state.reachability = { ...state.reachability, state: 'off', url: null }

  const botApiUrl = () =>
    state.simulated ? `${deps.localBaseUrl()}/sim` : (state.botApiUrl ?? deps.defaultBotApiUrl)
  const isStrict = () =>
    state.simulated ? settings.get().simulatorStrict : botApiUrl().replace(/\/+$/, '') === PUBLIC_BOT_API

  const client = createBotApiClient({ baseUrl: botApiUrl, ...(deps.fetch && { fetch: deps.fetch }) })
  const view = (): TelegramConnection => ({ ...state, botApiUrl: botApiUrl(), strict: isStrict() })
  const save = (patch: Partial<Persisted>) => {
    state = { ...state, ...patch }
    store.settings.set(STATE_KEY, state)
    bus.emit({ type: 'telegram.changed', connection: view() })
    return view()
  }
  const token = () => {
    const t = state.bot ? secrets.get(BOT_SECRET(state.bot.username)) : undefined
    if (!t)
      throw new AppError('invalid_input', 'Connect a bot first (paste its token).', {
        where: [{ path: ['token'] }],
      })
    return t
  }
  const failed = (err: unknown, step: ConnectStep): never => {
    const message = err instanceof AppError ? err.message : (err as Error).message
    save({ step, lastError: message, hint: webhookHint(message) })
    throw err
  }
  const infoOf = (i: WebhookInfo): TelegramConnection['info'] => ({
    // Telegram echoes the URL with its credentials: what we keep and show has them masked.
    url: maskSecrets(i.url ?? ''),
    hasCustomCertificate: i.has_custom_certificate ?? false,
    pendingUpdateCount: i.pending_update_count ?? 0,
    lastErrorDate: i.last_error_date ? new Date(i.last_error_date * 1000).toISOString() : null,
    lastErrorMessage: i.last_error_message ?? null,
    maxConnections: i.max_connections ?? null,
  })

  // The first update after registering completes the flow.
  bus.onType('request.received', (e) => {
    if (state.step !== 'wait' || !state.webhook || e.request.user !== state.webhook.user) return
    if (e.request.status >= 200 && e.request.status < 300)
      save({ step: 'done', firstUpdateAt: e.request.receivedAt })
  })

  async function connect(tokenText: string, options: { simulated: boolean; botApiUrl?: string }) {
    const before = { simulated: state.simulated, botApiUrl: state.botApiUrl }
    state.simulated = options.simulated
    state.botApiUrl = options.botApiUrl ?? null
    let me: UserFromGetMe
    try {
      me = await client.getMe(tokenText)
    } catch (err) {
      Object.assign(state, before)
      return failed(err, 'token')
    }
    secrets.set(BOT_SECRET(me.username), tokenText)
    log.info({ bot: me.username }, 'bot connected')
    return save({
      step: 'reachability',
      bot: { id: me.id, username: me.username, firstName: me.first_name },
      webhook: null,
      info: null,
      previousWebhook: null,
      lastError: null,
      hint: null,
      firstUpdateAt: null,
    })
  }

  async function setReachability(input: z.output<typeof ReachabilityInput>) {
    token()
    let status
    if (input.mode === 'ngrok') {
      const authtoken = input.authtoken ?? secrets.get(NGROK_SECRET) ?? deps.env.NGROK_AUTHTOKEN
      if (input.authtoken) secrets.set(NGROK_SECRET, input.authtoken)
      status = await tunnel.startNgrok({ authtoken, domain: input.domain })
    } else if (input.mode === 'own') {
      status = tunnel.useOwnUrl(input.publicUrl)
      const url = new URL(status.url!)
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
      if (isStrict() && url.protocol !== 'https:') {
        throw new AppError('invalid_input', 'Telegram needs an https:// URL for webhooks.', {
          where: [{ path: ['publicUrl'] }],
        })
      }
      if (isStrict() && !(TELEGRAM_PORTS as readonly number[]).includes(port)) {
        throw new AppError(
          'invalid_input',
          `Telegram delivers webhooks only to ports 443, 80, 88 or 8443; ${port} would be refused.`,
          {
            where: [{ path: ['publicUrl'] }],
          },
        )
      }
    } else {
      status = await tunnel.startDirect({
        host: input.host,
        port: input.port,
        strict: isStrict(),
        bindHost: input.bindHost,
      })
    }
    const reachability = {
      mode: input.mode,
      state: status.state,
      url: status.url,
      error: status.error,
      hint: status.hint,
      selfSigned: status.certificatePem !== null,
    }
    if (status.state === 'error') return save({ reachability, lastError: status.error, hint: status.hint })
    return save({ step: 'webhook', reachability, lastError: null, hint: null })
  }

  async function prepareWebhook(input: z.output<typeof PrepareWebhookInput>) {
    const bot = state.bot
    if (!bot) throw new AppError('invalid_input', 'Connect a bot first.', { where: [{ path: ['token'] }] })
    const publicUrl = state.reachability?.url
    if (!publicUrl)
      throw new AppError('invalid_input', 'Choose how Telegram reaches Hookbench first.', {
        where: [{ path: ['reachability'] }],
      })
    const user = input.user ?? `tg-${bot.username}`.toLowerCase().slice(0, 64)
    const password = input.password ?? secrets.get(WEBHOOK_PASSWORD(user)) ?? randomSecret(18)
    if (store.users.get(user)) await users.update({ name: user, password })
    else await users.create({ name: user, password, entities: ['*'] })
    secrets.set(WEBHOOK_PASSWORD(user), password)
    secrets.set(SECRET_TOKEN(bot.username), input.secretToken ?? randomSecret(24))
    const query = input.query.replace(/^\?/, '')
    return save({
      step: 'register',
      webhook: {
        user,
        url: webhookUrl(publicUrl, user, '***', query),
        query,
        secretToken: true,
        maxConnections: state.webhook?.maxConnections ?? 40,
        allowedUpdates: state.webhook?.allowedUpdates ?? [],
      },
      lastError: null,
      hint: null,
    })
  }

  async function register(input: z.output<typeof RegisterWebhookInput>) {
    const t = token()
    const hook = state.webhook
    const publicUrl = state.reachability?.url
    if (!hook || !publicUrl || !state.bot) {
      throw new AppError('invalid_input', 'Prepare the webhook (user and secret) first.', {
        where: [{ path: ['webhook'] }],
      })
    }
    try {
      const current = await client.getWebhookInfo(t)
      const ours = current.url ? current.url.includes(`${hook.user}:`) : false
      // The previous webhook is saved once, and never overwritten by our own.
      if (!state.previousWebhook && !ours) {
        // The real URL (it may carry credentials) goes to the secret store; the state shows it masked.
        secrets.set(PREVIOUS_WEBHOOK(state.bot.username), current.url ?? '')
        save({
          previousWebhook: {
            url: maskSecrets(current.url ?? ''),
            hasCustomCertificate: current.has_custom_certificate ?? false,
          },
        })
      }
      const url = webhookUrl(publicUrl, hook.user, secrets.get(WEBHOOK_PASSWORD(hook.user))!, hook.query)
      const certificate = tunnel.status().certificatePem ?? undefined
      const secretToken = secrets.get(SECRET_TOKEN(state.bot.username))!
      await honouringRetryAfter(() =>
        client.setWebhook(t, {
          url,
          secret_token: secretToken,
          ...(certificate && { certificate }),
          allowed_updates: input.allowedUpdates,
          drop_pending_updates: input.dropPendingUpdates,
          max_connections: input.maxConnections,
        }),
      )
      log.info({ bot: state.bot.username }, 'webhook set')
      save({
        webhook: { ...hook, maxConnections: input.maxConnections, allowedUpdates: input.allowedUpdates },
      })
      return await check()
    } catch (err) {
      return failed(err, 'register')
    }
  }

  async function check() {
    const raw = await client.getWebhookInfo(token())
    const info = infoOf(raw)
    const hook = state.webhook
    const registered = hook !== null && (raw.url ?? '').includes(`//${encodeURIComponent(hook.user)}:`)
    const problem = !registered
      ? `The bot's webhook is ${info?.url ? `set to another URL` : 'not set'}.`
      : (info?.lastErrorMessage ?? null)
    const step: ConnectStep = !registered ? 'register' : state.step === 'done' ? 'done' : 'wait'
    return save({ step, info, lastError: problem, hint: webhookHint(problem) })
  }

  async function disconnect(restorePrevious: boolean) {
    const t = token()
    const previousUrl = state.bot ? secrets.get(PREVIOUS_WEBHOOK(state.bot.username)) : undefined
    if (restorePrevious && previousUrl) {
      // Telegram never reveals a webhook's secret_token or certificate: the old URL is restored as it was.
      await honouringRetryAfter(() => client.setWebhook(t, { url: previousUrl }))
    } else {
      await client.deleteWebhook(t, false)
    }
    await tunnel.stop()
    log.info({ bot: state.bot?.username, restored: restorePrevious }, 'webhook removed')
    return save({
      step: 'reachability',
      webhook: null,
      info: null,
      previousWebhook: null,
      lastError: null,
      hint: null,
      reachability: null,
    })
  }

  return {
    state: view,
    botApiUrl,
    connect: (t: string) =>
      connect(t, {
        simulated: false,
        ...(state.simulated ? {} : state.botApiUrl ? { botApiUrl: state.botApiUrl } : {}),
      }),
    setReachability,
    prepareWebhook,
    register,
    check,
    disconnect,
    /** The connected bot's token (rules' Telegram actions without a bot use it). */
    connectedToken: () => (state.bot ? secrets.get(BOT_SECRET(state.bot.username)) : undefined),
    /** The secret Telegram must echo for requests authenticated as this webhook user. */
    secretTokenFor: (user: string) =>
      state.webhook?.user === user && state.bot ? secrets.get(SECRET_TOKEN(state.bot.username)) : undefined,
    /** The whole loop against the built-in simulator: a simulated bot, this receiver, relaxed rules. */
    async useSimulator() {
      const simToken = `${randomInt(1_000_000_000, 9_999_999_999)}:${randomSecret(27)
        .replace(/[^A-Za-z0-9_-]/g, 'x')
        .padEnd(35, 'x')
        .slice(0, 35)}`
      await deps.createSimulatedBot(simToken)
      await connect(simToken, { simulated: true })
      await setReachability({ mode: 'own', publicUrl: deps.localBaseUrl() })
      await prepareWebhook({ query: 'command.message=message.text' })
      const done = await register({ dropPendingUpdates: true, maxConnections: 40, allowedUpdates: [] })
      return { ...done, token: simToken }
    },
  }
}
export type ConnectFlow = ReturnType<typeof createConnectFlow>

/** `https://USER:PASS@HOST[:PORT]/api/v1/messages/webhook/telegram?QUERY` (seed: "Prepare Webhook URL"). */
export function webhookUrl(publicUrl: string, user: string, password: string, query: string): string {
  const u = new URL(publicUrl)
  u.username = encodeURIComponent(user)
  u.password = encodeURIComponent(password)
  u.pathname = '/api/v1/messages/webhook/telegram'
  u.search = query ? `?${query}` : ''
  return u.toString().replace('%2A%2A%2A', '***')
}
