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

type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE'
interface MethodSpec {
  http: readonly [HttpVerb, string]
  input: z.ZodType
  output: z.ZodType
  /** The HTTP body is text of this type (not JSON); it arrives as the input's `text` field. */
  textBody?: 'application/xml'
  /** A string output is sent as this content type instead of JSON. */
  produces?: 'application/xml'
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
  listRequests: { http: ['GET', '/requests'], input: RequestQuery, output: Page(RequestSummary) },
  getRequest: { http: ['GET', '/requests/:id'], input: IdParam, output: RequestDetail },
  clearRequests: {
    http: ['DELETE', '/requests'],
    input: z.object({}).strict(),
    output: z.object({ deleted: z.number().int() }),
  },
  exportRequests: {
    http: ['GET', '/requests/export'],
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
    http: ['POST', '/requests/:id/replay'],
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
    http: ['POST', '/requests/sample'],
    input: z.object({}),
    output: z.object({ id: z.number().int() }),
  },
  listMessages: { http: ['GET', '/messages'], input: MessageQuery, output: Page(MessageRow) },
  getMessage: { http: ['GET', '/messages/:id'], input: IdParam, output: MessageRow },
  listIncidents: { http: ['GET', '/incidents'], input: IncidentQuery, output: Page(Incident) },
  listUsers: {
    http: ['GET', '/users'],
    input: z.object({}),
    output: z.object({ items: z.array(WebhookUser), total: z.number().int() }),
  },
  createUser: {
    http: ['POST', '/users'],
    input: z.object({
      name: UserName,
      password: Password,
      entities: z.array(z.string().min(1)).default(['*']),
    }),
    output: WebhookUser,
  },
  updateUser: {
    http: ['PUT', '/users/:name'],
    input: z.object({
      name: UserName,
      password: Password.optional(),
      entities: z.array(z.string().min(1)).optional(),
    }),
    output: WebhookUser,
  },
  deleteUser: {
    http: ['DELETE', '/users/:name'],
    input: z.object({ name: UserName }),
    output: z.object({ deleted: z.boolean() }),
  },
  getSettings: { http: ['GET', '/settings'], input: z.object({}), output: Settings },
  updateSettings: { http: ['PUT', '/settings'], input: SettingsPatch, output: Settings },
  getStatus: { http: ['GET', '/status'], input: z.object({}), output: Status },

  listRules: {
    http: ['GET', '/rules'],
    input: z.object({}),
    output: z.object({ items: z.array(RuleSummary), total: z.number().int() }),
  },
  getRule: { http: ['GET', '/rules/:id'], input: z.object({ id: z.string() }), output: RuleSummary },
  createRule: { http: ['POST', '/rules'], input: z.unknown(), output: SavedRule },
  updateRule: { http: ['PUT', '/rules/:id'], input: z.looseObject({ id: z.string() }), output: SavedRule },
  deleteRule: {
    http: ['DELETE', '/rules/:id'],
    input: z.object({ id: z.string() }),
    output: z.object({ deleted: z.boolean() }),
  },
  importRules: {
    http: ['POST', '/rules/import'],
    input: z.object({ text: z.string().min(1, 'Send the rules XML as the request body') }),
    output: ImportResult,
    textBody: 'application/xml',
  },
  exportRules: {
    http: ['GET', '/rules/export'],
    input: z.object({ ids: z.string().optional() }),
    output: z.string(),
    produces: 'application/xml',
  },
  testRule: {
    http: ['POST', '/rules/:id/test'],
    input: z.object({ id: z.string() }).and(RuleTestInput),
    output: RuleTestResult,
  },
  testRuleDraft: {
    http: ['POST', '/rules/test'],
    input: z.object({ rule: z.unknown() }).and(RuleTestInput),
    output: RuleTestResult,
  },
  matchMessage: {
    http: ['GET', '/messages/:id/rules'],
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
    http: ['GET', '/messages/tag-names'],
    input: z.object({
      prefix: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ items: z.array(z.string()) }),
  },
  listAlerts: { http: ['GET', '/alerts'], input: AlertQuery, output: Page(Alert) },
  getAlert: { http: ['GET', '/alerts/:id'], input: IdParam, output: AlertDetail },
  acknowledgeAlert: { http: ['POST', '/alerts/:id/acknowledge'], input: IdParam, output: Alert },
  closeAlert: { http: ['POST', '/alerts/:id/close'], input: IdParam, output: Alert },
  listDeliveries: { http: ['GET', '/deliveries'], input: DeliveryQuery, output: Page(Delivery) },

  createSimChat: { http: ['POST', '/simulator/chats'], input: SimChatInput, output: SimChat },
  listSimChats: {
    http: ['GET', '/simulator/chats'],
    input: z.object({}),
    output: z.object({ items: z.array(SimChat), total: z.number().int() }),
  },
  sendSimMessage: {
    http: ['POST', '/simulator/chats/:id/messages'],
    input: SimSendInput,
    output: z.object({ updateId: z.number().int(), messageId: z.number().int() }),
  },
  sendSimFile: {
    http: ['POST', '/simulator/chats/:id/files'],
    input: SimSendFileInput,
    output: z.object({ updateId: z.number().int(), messageId: z.number().int(), fileId: z.string() }),
    // 50 MB of bytes as base64, and the JSON around them.
    bodyLimitBytes: 70 * 1024 * 1024,
  },
  getSimFile: {
    http: ['GET', '/simulator/files/:fileId'],
    input: z.object({ fileId: z.string().min(1).max(200) }),
    output: SimFileContent,
  },
  pressSimButton: {
    http: ['POST', '/simulator/chats/:id/callback'],
    input: SimPressInput,
    output: z.object({ updateId: z.number().int() }),
  },
  getSimTranscript: {
    http: ['GET', '/simulator/chats/:id/transcript'],
    input: z.object({ id: z.coerce.number().int() }),
    output: z.object({ items: z.array(TranscriptItem) }),
  },
  changeSimMember: {
    http: ['POST', '/simulator/chats/:id/members'],
    input: SimMemberInput,
    output: z.object({ userId: z.number().int(), updateId: z.number().int() }),
  },
  setSimBotPrivacy: {
    http: ['PUT', '/simulator/bots/:id'],
    // BotFather's /setprivacy and /setinlinefeedback for a simulated bot; give either or both.
    input: z.object({
      id: z.coerce.number().int().min(1),
      privacy: z.boolean().optional(),
      inlineFeedback: z.boolean().optional(),
    }),
    output: z.object({ id: z.number().int(), privacy: z.boolean(), inlineFeedback: z.boolean() }),
  },
  getSimWebhook: {
    http: ['GET', '/simulator/bots/:id/webhook'],
    input: z.object({
      id: z.coerce.number().int().min(1),
      /** Only the attempts of this update. */
      updateId: z.coerce.number().int().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    output: SimWebhook,
  },
  addSimFault: { http: ['POST', '/simulator/faults'], input: SimFaultInput, output: SimFault },
  blockSimChat: {
    http: ['POST', '/simulator/chats/:id/block'],
    input: SimBlockInput,
    output: z.object({ blocked: z.boolean(), updateId: z.number().int() }),
  },
  sendSimInlineQuery: {
    http: ['POST', '/simulator/chats/:id/inline'],
    input: SimInlineQueryInput,
    output: SimInlineQuery,
  },
  getSimInlineQuery: {
    http: ['GET', '/simulator/inline-queries/:queryId'],
    input: z.object({ queryId: z.string().min(1).max(64) }),
    output: SimInlineQuery,
  },
  chooseSimInlineResult: {
    http: ['POST', '/simulator/inline-queries/:queryId/choose'],
    input: SimChooseInput,
    output: z.object({
      messageId: z.number().int(),
      updateId: z.number().int(),
      chosenUpdateId: z.number().int().nullable(),
    }),
  },
  listSimUpdates: {
    http: ['GET', '/simulator/chats/:id/updates'],
    input: z.object({
      id: z.coerce.number().int(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ items: z.array(SimUpdateEntry) }),
  },
  listSimFaults: {
    http: ['GET', '/simulator/faults'],
    input: z.object({}),
    output: z.object({ items: z.array(SimFault) }),
  },
  deleteSimFault: {
    http: ['DELETE', '/simulator/faults/:id'],
    input: IdParam,
    output: z.object({ deleted: z.boolean() }),
  },
  clearSimFaults: {
    http: ['DELETE', '/simulator/faults'],
    input: z.object({ botId: z.coerce.number().int().optional() }),
    output: z.object({ deleted: z.number().int() }),
  },
  previewFormat: {
    http: ['POST', '/simulator/format-preview'],
    input: FormatPreviewInput,
    output: FormatPreview,
  },
  listSimFormatErrors: {
    http: ['GET', '/simulator/format-errors'],
    input: z.object({
      chatId: z.coerce.number().int().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ items: z.array(SimFormatError) }),
  },

  getTelegram: { http: ['GET', '/telegram'], input: z.object({}), output: TelegramConnection },
  connectBot: { http: ['POST', '/telegram/bot'], input: ConnectBotInput, output: TelegramConnection },
  setReachability: {
    http: ['POST', '/telegram/reachability'],
    input: ReachabilityInput,
    output: TelegramConnection,
  },
  prepareWebhook: {
    http: ['POST', '/telegram/webhook'],
    input: PrepareWebhookInput,
    output: TelegramConnection,
  },
  registerWebhook: {
    http: ['POST', '/telegram/register'],
    input: RegisterWebhookInput,
    output: TelegramConnection,
  },
  checkWebhook: { http: ['POST', '/telegram/check'], input: z.object({}), output: TelegramConnection },
  disconnectTelegram: {
    http: ['POST', '/telegram/disconnect'],
    input: DisconnectInput,
    output: TelegramConnection,
  },
  useSimulator: {
    http: ['POST', '/telegram/simulator'],
    input: z.object({}),
    output: TelegramConnection.extend({ token: z.string() }),
  },

  listBotCalls: { http: ['GET', '/bot-calls'], input: BotCallQuery, output: Page(BotCall) },
  getBotCall: { http: ['GET', '/bot-calls/:id'], input: IdParam, output: BotCall },
  listForwards: {
    http: ['GET', '/forwards'],
    input: z.object({
      requestId: z.coerce.number().int().min(1).optional(),
      updateId: z.coerce.number().int().optional(),
    }),
    output: z.object({ update: ForwardedUpdate.nullable(), items: z.array(ForwardAttempt) }),
  },
  getForwarding: { http: ['GET', '/forwarding'], input: z.object({}), output: ForwardingState },
  setForwarding: { http: ['PUT', '/forwarding'], input: ForwardingInput, output: ForwardingState },
  listConversations: {
    http: ['GET', '/conversations'],
    input: z.object({}),
    output: z.object({ items: z.array(ConversationChat) }),
  },
  getConversation: {
    http: ['GET', '/conversations/:chat'],
    input: ConversationQuery,
    output: z.object({ items: z.array(TimelineItem) }),
  },

  // Scenario tests (docs/scenarios.md): files in the scenario folder, runs against the simulated bot, recordings.
  listScenarios: {
    http: ['GET', '/scenarios'],
    input: z.object({}),
    output: z.object({ folder: z.string(), items: z.array(ScenarioFileInfo) }),
  },
  getScenario: {
    http: ['GET', '/scenarios/file'],
    input: z.object({ path: ScenarioPath }),
    output: ScenarioText,
  },
  /** Writes the file even when it has problems (they come back, as the editor shows them). */
  saveScenario: {
    http: ['PUT', '/scenarios/file'],
    input: z.object({ path: ScenarioPath, text: z.string().max(1_000_000) }),
    output: ScenarioText,
  },
  deleteScenario: {
    http: ['DELETE', '/scenarios/file'],
    input: z.object({ path: ScenarioPath }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Runs the files (default: all in the folder) against the bot connected to the simulator; waits for the end. */
  runScenarios: {
    http: ['POST', '/scenarios/runs'],
    input: z.object({ paths: z.array(ScenarioPath).max(1000).optional() }),
    output: RunSummary,
  },
  listScenarioRuns: {
    http: ['GET', '/scenarios/runs'],
    input: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    output: z.object({ items: z.array(RunHead) }),
  },
  getScenarioRun: { http: ['GET', '/scenarios/runs/:id'], input: IdParam, output: RunSummary },
  /** Starts recording a chat, or stops the recording running for it. */
  recordScenario: {
    http: ['POST', '/scenarios/record'],
    input: z.object({
      chatId: z.coerce.number().int(),
      action: z.enum(['start', 'stop']),
      /** The scenario's name (default: "recorded <date>"). */
      name: z.string().min(1).max(200).optional(),
    }),
    output: ScenarioRecording,
  },
  getScenarioRecording: {
    http: ['GET', '/scenarios/recording/:id'],
    input: IdParam,
    output: ScenarioRecording,
  },
  listScenarioRecordings: {
    http: ['GET', '/scenarios/recordings'],
    input: z.object({}),
    output: z.object({ items: z.array(ScenarioRecording) }),
  },
  /** Real traffic as a scenario: a chat of the Conversations timeline between two times. */
  scenarioFromConversation: {
    http: ['POST', '/scenarios/from-conversation'],
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
