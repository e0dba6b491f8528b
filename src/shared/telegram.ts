import { z } from 'zod'

/** Where the connect flow stands (the setup wizard's steps, and a resumable state machine). */
export const ConnectStep = z.enum(['token', 'reachability', 'webhook', 'register', 'wait', 'done'])
export type ConnectStep = z.infer<typeof ConnectStep>

export const TelegramConnection = z.object({
  step: ConnectStep,
  /** The Bot API in use: the public one, a local Bot API server, or the built-in simulator. */
  botApiUrl: z.string(),
  simulated: z.boolean(),
  /** Cloud rules (HTTPS, ports 443/80/88/8443) apply: public Bot API or the simulator in strict mode. */
  strict: z.boolean(),
  bot: z.object({ id: z.number(), username: z.string(), firstName: z.string() }).nullable(),
  reachability: z
    .object({
      mode: z.enum(['ngrok', 'own', 'direct']),
      state: z.enum(['off', 'starting', 'online', 'error']),
      url: z.string().nullable(),
      error: z.string().nullable(),
      hint: z.string().nullable(),
      selfSigned: z.boolean(),
    })
    .nullable(),
  webhook: z
    .object({
      user: z.string(),
      /** The URL registered with Telegram, its password masked. */
      url: z.string(),
      query: z.string(),
      secretToken: z.boolean(),
      maxConnections: z.number().int(),
      allowedUpdates: z.array(z.string()),
    })
    .nullable(),
  /** The bot's webhook before Hookbench replaced it (offered back on disconnect). */
  previousWebhook: z.object({ url: z.string(), hasCustomCertificate: z.boolean() }).nullable(),
  /** The last getWebhookInfo answer, verbatim where it matters. */
  info: z
    .object({
      url: z.string(),
      hasCustomCertificate: z.boolean(),
      pendingUpdateCount: z.number().int(),
      lastErrorDate: z.string().nullable(),
      lastErrorMessage: z.string().nullable(),
      maxConnections: z.number().int().nullable(),
    })
    .nullable(),
  lastError: z.string().nullable(),
  hint: z.string().nullable(),
  firstUpdateAt: z.string().nullable(),
})
export type TelegramConnection = z.infer<typeof TelegramConnection>

export const ConnectBotInput = z.object({
  token: z.string().trim().min(1, 'Paste the bot token from @BotFather'),
})
export const ReachabilityInput = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('ngrok'),
    /** Stored in the secret store; NGROK_AUTHTOKEN is used when absent. */
    authtoken: z.string().optional(),
    domain: z.string().optional(),
  }),
  z.object({ mode: z.literal('own'), publicUrl: z.string().min(1) }),
  z.object({
    mode: z.literal('direct'),
    /** The public host name or IP Telegram will call (the certificate is made for it). */
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535).default(8443),
    /** The local address to listen on (default all interfaces, so Telegram can reach it). */
    bindHost: z.string().default('0.0.0.0'),
  }),
])
export const PrepareWebhookInput = z.object({
  user: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  password: z.string().min(8).max(256).optional(),
  /** Query after `/api/v1/messages/webhook/telegram?`. */
  query: z.string().max(2000).default('command.message=message.text'),
  secretToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'Use 1–256 letters, digits, _ or -')
    .optional(),
})
export const RegisterWebhookInput = z.object({
  dropPendingUpdates: z.boolean().default(false),
  maxConnections: z.number().int().min(1).max(100).default(40),
  allowedUpdates: z
    .array(z.string())
    .default(['message', 'edited_message', 'channel_post', 'callback_query']),
})
export const DisconnectInput = z.object({ restorePrevious: z.boolean().default(false) })
