import { z } from 'zod'
import type { MethodName } from './api-names'
import {
  Incident,
  MessageRow,
  Password,
  RequestDetail,
  RequestSummary,
  Status,
  UserName,
  WebhookUser,
} from './domain'
import { Settings, SettingsPatch } from './settings'
import {
  RunHead,
  RunSummary,
  ScenarioFileInfo,
  ScenarioPath,
  ScenarioRecording,
  ScenarioText,
} from './scenarios'
import { Alert, AlertDetail, Delivery, RecordedOutcome, RuleTestResult } from './alerts'
import type { RuleInput } from './rules'
import {
  ConnectBotInput,
  DisconnectInput,
  PrepareWebhookInput,
  ReachabilityInput,
  RegisterWebhookInput,
  TelegramConnection,
} from './telegram'
import {
  FormatPreview,
  FormatPreviewInput,
  SimChat,
  SimChatInput,
  SimFault,
  SimFaultInput,
  SimFormatError,
  SimMemberInput,
  SimPressInput,
  SimFileContent,
  SimSendFileInput,
  SimSendInput,
  SimBlockInput,
  SimChooseInput,
  SimInlineQuery,
  SimInlineQueryInput,
  SimUpdateEntry,
  SimWebhook,
  TranscriptItem,
} from './simulator'
import {
  BotCall,
  ConversationChat,
  ForwardAttempt,
  ForwardedUpdate,
  ForwardingInput,
  ForwardingState,
  TimelineItem,
} from './bot-loop'
import { AlertQuery, DeliveryQuery, ImportResult, RuleSummary, RuleTestInput, SavedRule } from './rules-api'

// Each method's HTTP verb, path and body types are in api-routes.ts (no zod: the first page needs them).
interface MethodSpec {
  input: z.ZodType
  output: z.ZodType
  /** A JSON body may be this large (default Fastify's 1 MiB): file uploads as base64. */
  bodyLimitBytes?: number
}

/**
 * A page of a list: `items` in order, `total` matching the filter, `next` cursor when there is more. A filtered
 * list may count its matches only up to a cap (the requests list: COUNT_CAP); `totalCapped` then says that
 * there are more than `total` ("10,000+"), which keeps a broad filter over 1M rows from counting them all.
 */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean().optional(),
    next: z.string().nullable(),
  })
export type Page<T> = { items: T[]; total: number; totalCapped?: boolean; next: string | null }

const Limit = z.coerce.number().int().min(1).max(500).default(100)
const IsoTime = z.iso.datetime({ offset: true })
const Flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1')

export const RequestQuery = z.object({
  /** Full-text search in bodies (substring, at least 3 characters to use the index). */
  text: z.string().max(200).optional(),
  path: z.string().max(500).optional(),
  entity: z.string().max(500).optional(),
  status: z.enum(['2xx', '3xx', '4xx', '5xx']).optional(),
  errorsOnly: Flag.optional(),
  /** Requests carrying this Telegram update_id (the first delivery and any redelivery). */
  updateId: z.coerce.number().int().optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  limit: Limit,
  cursor: z.string().max(100).optional(),
})
export type RequestQuery = z.input<typeof RequestQuery>

export const MessageQuery = z.object({
  entity: z.string().max(500).optional(),
  type: z.string().max(500).optional(),
  source: z.string().max(500).optional(),
  /** `name=value` tag filter; value may use `*` wildcards. */
  tag: z.string().max(1000).optional(),
  /** Text the message contains (case-insensitive for ASCII). */
  text: z.string().max(200).optional(),
  limit: Limit,
  cursor: z.string().max(100).optional(),
})
export const IncidentQuery = z.object({ limit: Limit, cursor: z.string().max(100).optional() })
const IdParam = z.object({ id: z.coerce.number().int().min(1) })
const ChatId = z.coerce.number().int()

export const BotCallQuery = z.object({
  /** The bot's numeric id. */
  bot: z.coerce.number().int().optional(),
  chat: ChatId.optional(),
  method: z.string().max(100).optional(),
  errorsOnly: Flag.optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  limit: Limit,
  cursor: z.string().max(100).optional(),
})
export type BotCallQuery = z.input<typeof BotCallQuery>

export const ConversationQuery = z.object({
  chat: ChatId,
  method: z.string().max(100).optional(),
  errorsOnly: Flag.optional(),
  /** The newest this many entries, oldest first. */
  limit: z.coerce.number().int().min(1).max(2000).default(500),
})
export type ConversationQuery = z.input<typeof ConversationQuery>

export const api = {
  listRequests: { input: RequestQuery, output: Page(RequestSummary) },
  getRequest: { input: IdParam, output: RequestDetail },
  clearRequests: {
    input: z.object({}).strict(),
    output: z.object({ deleted: z.number().int() }),
  },
  exportRequests: {
    input: RequestQuery.extend({
      format: z.enum(['har', 'json']).default('har'),
      limit: z.coerce.number().int().min(1).max(10_000).default(1000),
      /** Comma-separated ids: export exactly these (the inspector's selection). */
      ids: z.string().max(100_000).optional(),
    }),
    /** A HAR 1.2 document (`log.entries[]`) or a JSON array of request details. */
    output: z.unknown(),
  },
  replayRequest: {
    input: z.object({
      id: z.coerce.number().int().min(1),
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
      /** The path to send to; it must stay under the webhook prefix. */
      path: z.string().min(1).max(2000).optional(),
      /** The query string, without `?`. */
      query: z.string().max(10_000).optional(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z
        .string()
        .max(10 * 1024 * 1024)
        .optional(),
    }),
    output: z.object({ id: z.number().int() }),
  },
  sendSampleRequest: {
    input: z.object({}),
    output: z.object({ id: z.number().int() }),
  },
  listMessages: { input: MessageQuery, output: Page(MessageRow) },
  getMessage: { input: IdParam, output: MessageRow },
  listIncidents: { input: IncidentQuery, output: Page(Incident) },
  listUsers: {
    input: z.object({}),
    output: z.object({ items: z.array(WebhookUser), total: z.number().int() }),
  },
  createUser: {
    input: z.object({
      name: UserName,
      password: Password,
      entities: z.array(z.string().min(1)).default(['*']),
    }),
    output: WebhookUser,
  },
  updateUser: {
    input: z.object({
      name: UserName,
      password: Password.optional(),
      entities: z.array(z.string().min(1)).optional(),
    }),
    output: WebhookUser,
  },
  deleteUser: {
    input: z.object({ name: UserName }),
    output: z.object({ deleted: z.boolean() }),
  },
  getSettings: { input: z.object({}), output: Settings },
  updateSettings: { input: SettingsPatch, output: Settings },
  getStatus: { input: z.object({}), output: Status },

  listRules: {
    input: z.object({}),
    output: z.object({ items: z.array(RuleSummary), total: z.number().int() }),
  },
  getRule: { input: z.object({ id: z.string() }), output: RuleSummary },
  createRule: { input: z.unknown(), output: SavedRule },
  updateRule: { input: z.looseObject({ id: z.string() }), output: SavedRule },
  deleteRule: {
    input: z.object({ id: z.string() }),
    output: z.object({ deleted: z.boolean() }),
  },
  importRules: {
    input: z.object({ text: z.string().min(1, 'Send the rules XML as the request body') }),
    output: ImportResult,
  },
  exportRules: {
    input: z.object({ ids: z.string().optional() }),
    output: z.string(),
  },
  testRule: {
    input: z.object({ id: z.string() }).and(RuleTestInput),
    output: RuleTestResult,
  },
  testRuleDraft: {
    input: z.object({ rule: z.unknown() }).and(RuleTestInput),
    output: RuleTestResult,
  },
  matchMessage: {
    input: z.object({ id: z.coerce.number().int().min(1) }),
    output: z.object({
      items: z.array(
        z.object({ ruleId: z.string(), rule: z.string(), enabled: z.boolean(), result: RuleTestResult }),
      ),
      /** What the rules did when the message arrived: the alert events it caused (none when no window changed). */
      recorded: z.array(RecordedOutcome),
    }),
  },
  listTagNames: {
    input: z.object({
      prefix: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ items: z.array(z.string()) }),
  },
  listAlerts: { input: AlertQuery, output: Page(Alert) },
  getAlert: { input: IdParam, output: AlertDetail },
  acknowledgeAlert: { input: IdParam, output: Alert },
  closeAlert: { input: IdParam, output: Alert },
  listDeliveries: { input: DeliveryQuery, output: Page(Delivery) },

  createSimChat: { input: SimChatInput, output: SimChat },
  listSimChats: {
    input: z.object({}),
    output: z.object({ items: z.array(SimChat), total: z.number().int() }),
  },
  sendSimMessage: {
    input: SimSendInput,
    output: z.object({ updateId: z.number().int(), messageId: z.number().int() }),
  },
  sendSimFile: {
    input: SimSendFileInput,
    output: z.object({ updateId: z.number().int(), messageId: z.number().int(), fileId: z.string() }),
    // 50 MB of bytes as base64, and the JSON around them.
    bodyLimitBytes: 70 * 1024 * 1024,
  },
  getSimFile: {
    input: z.object({ fileId: z.string().min(1).max(200) }),
    output: SimFileContent,
  },
  pressSimButton: {
    input: SimPressInput,
    output: z.object({ updateId: z.number().int() }),
  },
  getSimTranscript: {
    input: z.object({ id: z.coerce.number().int() }),
    output: z.object({ items: z.array(TranscriptItem) }),
  },
  changeSimMember: {
    input: SimMemberInput,
    output: z.object({ userId: z.number().int(), updateId: z.number().int() }),
  },
  setSimBotPrivacy: {
    // BotFather's /setprivacy and /setinlinefeedback for a simulated bot; give either or both.
    input: z.object({
      id: z.coerce.number().int().min(1),
      privacy: z.boolean().optional(),
      inlineFeedback: z.boolean().optional(),
    }),
    output: z.object({ id: z.number().int(), privacy: z.boolean(), inlineFeedback: z.boolean() }),
  },
  getSimWebhook: {
    input: z.object({
      id: z.coerce.number().int().min(1),
      /** Only the attempts of this update. */
      updateId: z.coerce.number().int().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    output: SimWebhook,
  },
  addSimFault: { input: SimFaultInput, output: SimFault },
  blockSimChat: {
    input: SimBlockInput,
    output: z.object({ blocked: z.boolean(), updateId: z.number().int() }),
  },
  sendSimInlineQuery: {
    input: SimInlineQueryInput,
    output: SimInlineQuery,
  },
  getSimInlineQuery: {
    input: z.object({ queryId: z.string().min(1).max(64) }),
    output: SimInlineQuery,
  },
  chooseSimInlineResult: {
    input: SimChooseInput,
    output: z.object({
      messageId: z.number().int(),
      updateId: z.number().int(),
      chosenUpdateId: z.number().int().nullable(),
    }),
  },
  listSimUpdates: {
    input: z.object({
      id: z.coerce.number().int(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ items: z.array(SimUpdateEntry) }),
  },
  listSimFaults: {
    input: z.object({}),
    output: z.object({ items: z.array(SimFault) }),
  },
  deleteSimFault: {
    input: IdParam,
    output: z.object({ deleted: z.boolean() }),
  },
  clearSimFaults: {
    input: z.object({ botId: z.coerce.number().int().optional() }),
    output: z.object({ deleted: z.number().int() }),
  },
  previewFormat: {
    input: FormatPreviewInput,
    output: FormatPreview,
  },
  listSimFormatErrors: {
    input: z.object({
      chatId: z.coerce.number().int().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ items: z.array(SimFormatError) }),
  },

  getTelegram: { input: z.object({}), output: TelegramConnection },
  connectBot: { input: ConnectBotInput, output: TelegramConnection },
  setReachability: {
    input: ReachabilityInput,
    output: TelegramConnection,
  },
  prepareWebhook: {
    input: PrepareWebhookInput,
    output: TelegramConnection,
  },
  registerWebhook: {
    input: RegisterWebhookInput,
    output: TelegramConnection,
  },
  checkWebhook: { input: z.object({}), output: TelegramConnection },
  disconnectTelegram: {
    input: DisconnectInput,
    output: TelegramConnection,
  },
  useSimulator: {
    input: z.object({}),
    output: TelegramConnection.extend({ token: z.string() }),
  },

  listBotCalls: { input: BotCallQuery, output: Page(BotCall) },
  getBotCall: { input: IdParam, output: BotCall },
  listForwards: {
    input: z.object({
      requestId: z.coerce.number().int().min(1).optional(),
      updateId: z.coerce.number().int().optional(),
    }),
    output: z.object({ update: ForwardedUpdate.nullable(), items: z.array(ForwardAttempt) }),
  },
  getForwarding: { input: z.object({}), output: ForwardingState },
  setForwarding: { input: ForwardingInput, output: ForwardingState },
  listConversations: {
    input: z.object({}),
    output: z.object({ items: z.array(ConversationChat) }),
  },
  getConversation: {
    input: ConversationQuery,
    output: z.object({ items: z.array(TimelineItem) }),
  },

  // Scenario tests (docs/scenarios.md): files in the scenario folder, runs against the simulated bot, recordings.
  listScenarios: {
    input: z.object({}),
    output: z.object({ folder: z.string(), items: z.array(ScenarioFileInfo) }),
  },
  getScenario: {
    input: z.object({ path: ScenarioPath }),
    output: ScenarioText,
  },
  /** Writes the file even when it has problems (they come back, as the editor shows them). */
  saveScenario: {
    input: z.object({ path: ScenarioPath, text: z.string().max(1_000_000) }),
    output: ScenarioText,
  },
  deleteScenario: {
    input: z.object({ path: ScenarioPath }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Runs the files (default: all in the folder) against the bot connected to the simulator; waits for the end. */
  runScenarios: {
    input: z.object({ paths: z.array(ScenarioPath).max(1000).optional() }),
    output: RunSummary,
  },
  listScenarioRuns: {
    input: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    output: z.object({ items: z.array(RunHead) }),
  },
  getScenarioRun: { input: IdParam, output: RunSummary },
  /** Starts recording a chat, or stops the recording running for it. */
  recordScenario: {
    input: z.object({
      chatId: z.coerce.number().int(),
      action: z.enum(['start', 'stop']),
      /** The scenario's name (default: "recorded <date>"). */
      name: z.string().min(1).max(200).optional(),
    }),
    output: ScenarioRecording,
  },
  getScenarioRecording: {
    input: IdParam,
    output: ScenarioRecording,
  },
  listScenarioRecordings: {
    input: z.object({}),
    output: z.object({ items: z.array(ScenarioRecording) }),
  },
  /** Real traffic as a scenario: a chat of the Conversations timeline between two times. */
  scenarioFromConversation: {
    input: z.object({
      chatId: z.coerce.number().int(),
      from: IsoTime.optional(),
      to: IsoTime.optional(),
      name: z.string().min(1).max(200).optional(),
    }),
    output: z.object({ yaml: z.string(), steps: z.number().int() }),
  },
} satisfies Record<MethodName, MethodSpec>

export type { RuleInput }

export type Api = typeof api
export type Input<M extends MethodName> = z.input<Api[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>
export type Output<M extends MethodName> = z.output<Api[M]['output']>
