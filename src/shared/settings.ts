import { z } from 'zod'

/** An IPv4 or IPv6 address, written as a socket reports it (no port, no brackets, no CIDR). */
export const IpAddress = z
  .string()
  .trim()
  .refine((s) => z.ipv4().safeParse(s).success || z.ipv6().safeParse(s).success, {
    message: 'Not an IP address: write it as 203.0.113.7 or 2001:db8::1 (no port, no range).',
  })

/**
 * Every user-visible setting, with its default. Secrets are not settings (they live in a SecretStore).
 * Layering: defaults < stored (SQLite) < environment < CLI flags (see src/main/core/settings).
 */
export const Settings = z.object({
  /** Largest webhook body accepted; larger ones answer 413 and are kept (head only) with error too_large. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Accept webhooks without credentials. Off by default: anyone who finds the URL could post. */
  allowAnonymous: z.boolean().default(false),
  retention: z
    .object({
      /** Keep at most this many requests (0 = unlimited). */
      maxRows: z.number().int().min(0).default(1_000_000),
      /** Drop requests older than this many days (0 = forever). */
      maxAgeDays: z.number().int().min(0).default(30),
    })
    .default({ maxRows: 1_000_000, maxAgeDays: 30 }),
  /**
   * `normal`: WAL + synchronous=NORMAL, survives a killed process (the default, and what the
   * acknowledgement promises). `full`: also survives power loss, about 5x slower to acknowledge.
   */
  durability: z.enum(['normal', 'full']).default('normal'),
  theme: z.enum(['light', 'dark', 'system']).default('system'),
  /** Failed webhook authentications from one address within a minute before answering 429. */
  authFailuresPerMinute: z.number().int().min(1).max(10_000).default(10),
  /**
   * Reverse proxies in front of the receiver whose `X-Forwarded-For` is believed (exact peer addresses).
   * Hookbench's own ngrok tunnel is always believed (it marks its requests); anyone else's header is not:
   * the throttle and the incidents use the socket's address.
   */
  trustedProxies: z.array(IpAddress).max(32).default([]),
  /**
   * The built-in Telegram simulator follows the cloud Bot API's webhook rules (HTTPS, ports 80/88/443/8443,
   * no private IPs) when strict; otherwise a local Bot API server's relaxed rules (`--local`).
   */
  simulatorStrict: z.boolean().default(false),
  /**
   * The simulator creates a bot for any well-formed token it has not seen. Off by default: like Telegram, a
   * token never issued answers 401 Unauthorized; bots come from `--simulator`, the Simulator page or the API.
   */
  simulatorCreateBotsOnFirstUse: z.boolean().default(false),
  /**
   * How long the simulator waits for a bot's webhook to answer before the attempt fails with `Read timeout
   * expired` and the same update is sent again (TELEGRAM-FACTS.md §9: Telegram's is 60 s).
   */
  simulatorWebhookTimeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  /**
   * The simulator's flood limits (docs/simulator.md "Flood limits"): about 1 message/s per chat after a burst,
   * 20/min per group, 30/s per bot, each over-limit call answered 429 with retry_after. On by default, as on
   * Telegram; off lets a load test send as fast as it likes.
   */
  simulatorFloodLimits: z.boolean().default(true),
  /** Desktop app: a notification when an alert opens while the window is not focused. */
  notifyOnOpen: z.boolean().default(true),
  /** Folder of `*.scenario.yaml` files for the Scenarios page; empty: `scenarios` in the data dir. */
  scenarioFolder: z.string().max(1000).default(''),
  /** Default `within` of a scenario's waiting steps (expect, expectCall, expectNoReply), in ms. */
  scenarioWithinMs: z.number().int().min(50).max(600_000).default(3000),
})
export type Settings = z.infer<typeof Settings>
export const SettingsPatch = z
  .object({
    maxBodyBytes: Settings.shape.maxBodyBytes.unwrap(),
    allowAnonymous: z.boolean(),
    retention: z.object({ maxRows: z.number().int().min(0), maxAgeDays: z.number().int().min(0) }).partial(),
    durability: z.enum(['normal', 'full']),
    theme: z.enum(['light', 'dark', 'system']),
    authFailuresPerMinute: z.number().int().min(1).max(10_000),
    trustedProxies: z.array(IpAddress).max(32),
    simulatorStrict: z.boolean(),
    simulatorCreateBotsOnFirstUse: z.boolean(),
    simulatorWebhookTimeoutMs: z.number().int().min(100).max(600_000),
    simulatorFloodLimits: z.boolean(),
    notifyOnOpen: z.boolean(),
    scenarioFolder: z.string().max(1000),
    scenarioWithinMs: z.number().int().min(50).max(600_000),
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof SettingsPatch>
