import { z } from 'zod'
import { Severity } from './message'

/** Alert statuses a window moves through (ATSD-BEHAVIOUR §5). */
export const AlertStatus = z.enum(['OPEN', 'REPEAT', 'CANCEL'])
export type AlertStatus = z.infer<typeof AlertStatus>

/** `length(N)` (count-based) or `time(N unit)` (time-based). */
export const WindowSpec = z
  .string()
  .trim()
  .regex(
    /^(length\(\s*[1-9]\d{0,5}\s*\)|time\(\s*[1-9]\d{0,6}\s+(millisecond|second|minute|hour|day|week)s?\s*\))$/i,
    'Use length(N) or time(N unit), e.g. length(1) or time(5 minute)',
  )
export type WindowSpec = z.infer<typeof WindowSpec>

export const IntervalUnit = z.enum(['millisecond', 'second', 'minute', 'hour', 'day', 'week'])
/** `"5 minute"` style intervals (repeat strategy, time filter). */
export const IntervalText = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,6}\s+(millisecond|second|minute|hour|day|week)s?$/i, 'Use "N unit", e.g. "5 minute"')

/** Per-action repeat strategy: every REPEAT, every N-th REPEAT, or at most once per interval. */
export const RepeatStrategy = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ every: z.number().int().min(1).max(1_000_000) }),
  z.object({ interval: IntervalText }),
])
export type RepeatStrategy = z.infer<typeof RepeatStrategy>

const ActionBase = z.object({
  /**
   * The action's stable id within its rule, given by the core on save when missing. Its secret header values
   * are stored under it (`header:<rule id>:<action id>:<name>`), so reordering actions keeps each its own.
   */
  id: z.string().min(1).max(64).optional(),
  on: z.array(AlertStatus).min(1).default(['OPEN']),
  enabled: z.boolean().default(true),
  repeat: RepeatStrategy.default({ all: true }),
  /** Per-status texts override `text` (ATSD's first/repeat/cancel parameters). */
  texts: z.object({ OPEN: z.string(), REPEAT: z.string(), CANCEL: z.string() }).partial().optional(),
})

export const ParseMode = z.enum(['Markdown', 'MarkdownV2', 'HTML', 'none'])
export type ParseMode = z.infer<typeof ParseMode>

export const TelegramAction = ActionBase.extend({
  kind: z.literal('telegram'),
  botToken: z.string().optional(),
  botId: z.string().optional(),
  chatId: z.string().min(1),
  text: z.string().default('${message}'),
  parseMode: ParseMode.default('Markdown'),
  silent: z.boolean().default(false),
  linkPreview: z.boolean().default(true),
  replyToMessage: z.boolean().default(false),
})
export const HttpAction = ActionBase.extend({
  kind: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  url: z.string().min(1),
  /**
   * Values of secret headers (see `secretHeaders`) are kept in the secret store, not here: the rule holds the
   * masked placeholder (`Bearer ***`, `***`). Sending the placeholder back keeps the stored value, a new
   * value replaces it, an empty value clears it.
   */
  headers: z.record(z.string(), z.string()).default({}),
  /**
   * Header names (any case) whose values are secrets besides those that always are (Authorization, X-Api-Key,
   * names with token, secret, password, …: @shared/secret-mask): kept in the secret store, masked everywhere.
   */
  secretHeaders: z.array(z.string().min(1)).optional(),
  body: z.string().default(''),
  contentType: z.string().default('application/json'),
  /** Name of an imported ATSD endpoint (WebNotificationConfig) this action came from. */
  endpoint: z.string().optional(),
  /**
   * ATSD web-notification parameters per status (`firstWebConfigParameters`, …), the values of the
   * endpoint's `${key}` placeholders. The XML import already fills them into `url`, `headers`, `body` and
   * `texts`; they are kept so the rule can be written back to ATSD.
   */
  params: z
    .object({
      OPEN: z.record(z.string(), z.string()),
      REPEAT: z.record(z.string(), z.string()),
      CANCEL: z.record(z.string(), z.string()),
    })
    .partial()
    .optional(),
  /** `<webNotification>` child elements Hookbench keeps for export but does not use (raw XML by name). */
  atsdExtra: z.record(z.string(), z.string()).optional(),
})
export const DesktopAction = ActionBase.extend({
  kind: z.literal('desktop'),
  title: z.string().default('${rule}: ${status}'),
  text: z.string().default('${entity}: ${message}'),
})
export const RuleAction = z.discriminatedUnion('kind', [TelegramAction, HttpAction, DesktopAction])
export type RuleAction = z.infer<typeof RuleAction>
export type RuleActionInput = z.input<typeof RuleAction>

export const GroupTags = z.union([z.enum(['none', 'all']), z.array(z.string().min(1)).min(1)])

/** A rule as the API, the editor and the JSON export see it (issue 4 contract). */
export const RuleInput = z.object({
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  description: z.string().default(''),
  filter: z.string().max(10_000).default(''),
  condition: z.string().max(10_000).default('true'),
  window: WindowSpec.default('length(1)'),
  groupByEntity: z.boolean().default(true),
  groupTags: GroupTags.default('none'),
  severity: Severity.default('UNDEFINED'),
  /** Drop commands whose date is further than this from now (ATSD timeFilter). */
  timeFilter: IntervalText.optional(),
  /** Re-check the condition when a command leaves a time window (ATSD leavingEvents). */
  leavingEvents: z.boolean().default(true),
  actions: z.array(RuleAction).max(50).default([]),
  /** XML elements Hookbench keeps for export but does not use (owner, ruleTable, scripts, ...). */
  atsdExtra: z.record(z.string(), z.string()).optional(),
})
export type RuleInput = z.input<typeof RuleInput>
export const Rule = RuleInput.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Rule = z.infer<typeof Rule>
