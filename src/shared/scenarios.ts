import { z } from 'zod'

/**
 * Scenario tests for bots (docs/scenarios.md): a `*.scenario.yaml` file names fake users and chats, then steps
 * that talk to the bot through the simulator and check what it answers. One schema: the parser validates with
 * it (errors at file:line:column), `hookbench scenario schema` prints its JSON Schema for editor completion.
 */

/** `2s`, `500ms`, `1.5s`, `1m`, or a number of milliseconds. */
export const Duration = z
  .union([
    z.number().int().min(0).max(600_000),
    z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m)$/, 'a duration like 500ms, 2s or 1m'),
  ])
  .describe('How long to wait: 500ms, 2s, 1m, or milliseconds')
export type Duration = z.infer<typeof Duration>

/** A duration in milliseconds. */
export function durationMs(d: Duration): number {
  if (typeof d === 'number') return d
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(d)!
  const n = Number(m[1])
  return Math.round(m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000)
}

const Name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'a name of letters, digits, _ and - (max 32)')
const Username = z.string().regex(/^[A-Za-z0-9_]{1,32}$/, 'a Telegram username: 1-32 of A-Z, a-z, 0-9, _')

/** A fake Telegram user; undeclared names used in `members`/`from`/`user` become `{ firstName: Name }`. */
export const ScenarioUser = z.strictObject({
  firstName: z.string().min(1).max(64).optional(),
  lastName: z.string().max(64).optional(),
  username: Username.optional(),
})

export const ScenarioChat = z.strictObject({
  type: z.enum(['private', 'group', 'supergroup']).default('private'),
  /** Private chat: its user (the chat's key names them); group: ignored (see members). */
  firstName: z.string().min(1).max(64).optional(),
  lastName: z.string().max(64).optional(),
  username: Username.optional(),
  title: z.string().min(1).max(128).optional(),
  /** Group members by user name (a private chat's key, a `users` entry, or a new user). The first writes by default. */
  members: z.array(Name).min(1).max(50).optional(),
})
export type ScenarioChat = z.infer<typeof ScenarioChat>

const Chat = Name.describe('A chat named under `chats`')
const Text = z.string().min(1).max(4096)
const InlineButtons = z.array(z.array(z.string())).describe('Button labels, row by row: [["Yes", "No"]]')

export const SendStep = z.strictObject({
  chat: Chat,
  text: Text,
  /** Who writes in a group (a member); default the chat's first member. */
  from: Name.optional(),
  /** Reply to the bot's latest message in the chat. */
  replyToBot: z.boolean().optional(),
})
export const EditStep = z.strictObject({
  chat: Chat,
  /** The user's latest message in the chat becomes this text (an edited_message update). */
  text: Text,
})
export const ExpectStep = z
  .strictObject({
    chat: Chat,
    /** Exact text of the bot's next message in the chat. */
    text: z.string().optional(),
    /** A regular expression the next message's text must match. */
    textMatches: z.string().optional(),
    /** The inline keyboard of that message. */
    buttons: InlineButtons.optional(),
    /** The text the bot answered the latest button press with (answerCallbackQuery). */
    callbackAnswer: z.string().optional(),
    within: Duration.optional(),
  })
  .refine((s) => [s.text, s.textMatches, s.buttons, s.callbackAnswer].some((v) => v !== undefined), {
    message: 'an expect step needs text, textMatches, buttons or callbackAnswer',
  })
export const PressStep = z.strictObject({
  chat: Chat,
  /** The label of a button on the bot's latest message that has it. */
  button: z.string().min(1),
  from: Name.optional(),
})
export const ExpectCallStep = z.strictObject({
  method: z.string().min(1).max(100),
  /** These parameters, compared as a subset (nested objects too). */
  params: z.record(z.string(), z.unknown()).optional(),
  /** The call's outcome: ok (the Bot API accepted it) or an error code. */
  ok: z.boolean().optional(),
  errorCode: z.number().int().optional(),
  within: Duration.optional(),
})
export const ExpectNoReplyStep = z.strictObject({ chat: Chat, within: Duration.optional() })
export const FaultStep = z.strictObject({
  method: z.string().min(1).max(100),
  errorCode: z.union([z.literal(400), z.literal(403), z.literal(429), z.literal(500), z.literal(502)]),
  description: z.string().max(500).optional(),
  retryAfter: z.number().int().min(1).max(3600).optional(),
  times: z.number().int().min(1).max(1000).default(1),
})
export const MemberStep = z.strictObject({ chat: Chat, user: Name })

/** The step kinds, each a one-key object: `- send: { chat: ada, text: /start }`. */
export const STEP_SCHEMAS = {
  send: SendStep,
  edit: EditStep,
  expect: ExpectStep,
  press: PressStep,
  expectCall: ExpectCallStep,
  expectNoReply: ExpectNoReplyStep,
  fault: FaultStep,
  join: MemberStep,
  leave: MemberStep,
  wait: Duration,
} as const
export type StepKind = keyof typeof STEP_SCHEMAS
export const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[]

export type Step = {
  [K in StepKind]: { kind: K; body: z.output<(typeof STEP_SCHEMAS)[K]> }
}[StepKind]

const StepUnion = z.union(
  STEP_KINDS.map((kind) => z.strictObject({ [kind]: STEP_SCHEMAS[kind] })) as unknown as [
    z.ZodType,
    z.ZodType,
    ...z.ZodType[],
  ],
)

export const ScenarioFile = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  users: z.record(Name, ScenarioUser).optional(),
  chats: z.record(Name, ScenarioChat),
  /** Default `within` of this file's waiting steps (else the scenarioWithinMs setting, 3 s). */
  within: Duration.optional(),
  steps: z.array(StepUnion).min(1),
})

/** A parsed scenario: its steps tagged by kind, with the line each starts on. */
export interface Scenario {
  name: string
  description?: string
  users: Record<string, z.output<typeof ScenarioUser>>
  chats: Record<string, ScenarioChat>
  withinMs?: number
  steps: (Step & { line: number })[]
}

/** The JSON Schema of `*.scenario.yaml` (yaml-language-server / VS Code completion). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Hookbench scenario',
    ...(z.toJSONSchema(ScenarioFile, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
  }
}

// ---- Results: what a run found, shared by the CLI reporters, the API and the Scenarios page ----

export const StepResult = z.object({
  index: z.number().int(),
  kind: z.string(),
  /** Line of the step in its file (1-based). */
  line: z.number().int(),
  /** A one-line summary of the step (`send ada: /start`). */
  title: z.string(),
  status: z.enum(['passed', 'failed', 'skipped', 'updated']),
  durationMs: z.number(),
  /** Why it failed: one sentence. */
  error: z.string().nullable(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  /** The chat's transcript around the failure, as lines (`> user text`, `< bot text`). */
  transcript: z.array(z.string()),
  /** The bot's recent calls and their errors around the failure. */
  calls: z.array(z.string()),
})
export type StepResult = z.infer<typeof StepResult>

export const ScenarioResult = z.object({
  file: z.string(),
  name: z.string(),
  status: z.enum(['passed', 'failed', 'error']),
  durationMs: z.number(),
  /** A file or setup error (bad YAML, the bot not starting), with its place. */
  error: z.string().nullable(),
  steps: z.array(StepResult),
})
export type ScenarioResult = z.infer<typeof ScenarioResult>

export const RunSummary = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  passed: z.number().int(),
  failed: z.number().int(),
  results: z.array(ScenarioResult),
})
export type RunSummary = z.infer<typeof RunSummary>

// ---- The Scenarios page and its API ----

/** A problem in a scenario file, at its place (1-based line and column). */
export const ScenarioProblem = z.object({
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
})
export type ScenarioProblem = z.infer<typeof ScenarioProblem>

/** Last result of a file in the run history. */
export const ScenarioLastRun = z.object({
  runId: z.number().int(),
  status: z.enum(['passed', 'failed', 'error']),
  startedAt: z.string(),
})

export const ScenarioFileInfo = z.object({
  /** Relative to the scenario folder, `/`-separated (`greets.scenario.yaml`, `groups/help.scenario.yaml`). */
  path: z.string(),
  /** The scenario's `name`, when the file parses. */
  name: z.string().nullable(),
  steps: z.number().int(),
  problems: z.array(ScenarioProblem),
  modifiedAt: z.string(),
  lastRun: ScenarioLastRun.nullable(),
})
export type ScenarioFileInfo = z.infer<typeof ScenarioFileInfo>

/** A path inside the scenario folder ending in `.scenario.yaml`. */
/** What a scenario file's name ends with. */
export const SCENARIO_FILE = /\.scenario\.ya?ml$/

export const ScenarioPath = z
  .string()
  .min(1)
  .max(500)
  .regex(SCENARIO_FILE, 'a file name ending in .scenario.yaml')
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes('..'), {
    message: 'a path inside the scenario folder (relative, no ..)',
  })

export const ScenarioText = z.object({
  path: z.string(),
  text: z.string(),
  problems: z.array(ScenarioProblem),
})
export type ScenarioText = z.infer<typeof ScenarioText>

/** A run of the history, without its step details. */
export const RunHead = RunSummary.omit({ results: true }).extend({
  files: z.array(z.object({ file: z.string(), name: z.string(), status: ScenarioResult.shape.status })),
})
export type RunHead = z.infer<typeof RunHead>

/** A recording: a simulator (or real) chat's traffic from start to stop, as a scenario. */
export const ScenarioRecording = z.object({
  id: z.number().int(),
  chatId: z.number(),
  startedAt: z.string(),
  /** Null while recording. */
  stoppedAt: z.string().nullable(),
  /** The scenario YAML (so far, while recording). */
  yaml: z.string(),
  /** User inputs and bot replies captured. */
  steps: z.number().int(),
})
export type ScenarioRecording = z.infer<typeof ScenarioRecording>
