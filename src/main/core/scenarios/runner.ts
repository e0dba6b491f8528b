import { randomInt } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import type { Input, Output } from '@shared/api'
import type { MethodName } from '@shared/api-names'
import type { BotCall } from '@shared/bot-loop'
import { AppError } from '@shared/errors'
import type { Scenario, ScenarioResult, Step, StepResult } from '@shared/scenarios'
import { durationMs } from '@shared/scenarios'
import type { SimChat, TranscriptItem } from '@shared/simulator'
import type { Dispatch } from '../api/dispatch'

/**
 * How a runner reaches Hookbench: the one API contract, in process (`core.dispatch`) or over HTTP (`--url`).
 * Every step is an API call a user could make by hand; nothing reaches into the core's internals.
 */
export type ApiCall = <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>

/** The contract in process: `dispatch`'s envelope unwrapped, its error thrown as an AppError. */
export function callThrough(dispatch: () => Dispatch): ApiCall {
  return async (method, input) => {
    const r = await dispatch()(method, input)
    if (!r.ok) throw new AppError(r.error.kind, r.error.message)
    return r.value as Output<typeof method>
  }
}

export interface RunOptions {
  /** The simulated bot under test. */
  bot: { id: number; username: string }
  /** Default `within` of waiting steps (the scenarioWithinMs setting, or the file's `within`). */
  withinMs: number
  /** Rewrite failing expectations with what the bot did (the CLI's `--update`). */
  update?: boolean
  /** Called as each step ends (live progress). */
  onStep?: (result: StepResult) => void
  /** Poll interval while waiting for the bot (ms). */
  pollMs?: number
}

/** A rewrite `--update` makes: the step's expect field becomes the bot's actual value. */
export interface ExpectationUpdate {
  stepIndex: number
  field: 'text' | 'buttons' | 'callbackAnswer'
  value: unknown
}

export type RunResult = ScenarioResult & { updates: ExpectationUpdate[] }

/** A step failure: what was expected and what the bot did instead. */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly expected: string | null = null,
    readonly actual: string | null = null,
  ) {
    super(message)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1)

interface UserState {
  id: number
  firstName: string
  lastName?: string | undefined
  username?: string | undefined
}

interface Button {
  text: string
  callback_data?: string
  url?: string
}

const keyboardOf = (item: TranscriptItem | undefined): Button[][] | null => {
  const rows = (item?.replyMarkup as { inline_keyboard?: unknown } | null)?.inline_keyboard
  return Array.isArray(rows) ? (rows as Button[][]) : null
}
const labelsOf = (item: TranscriptItem | undefined) =>
  keyboardOf(item)?.map((row) => row.map((b) => b.text)) ?? null

/** `a` contains `b`: every field of `b` equal in `a` (objects compared field by field, arrays element by element). */
export function containsSubset(a: unknown, b: unknown): boolean {
  if (b === null || typeof b !== 'object') return isDeepStrictEqual(a, b) || String(a) === String(b)
  if (Array.isArray(b))
    return Array.isArray(a) && a.length === b.length && b.every((v, i) => containsSubset(a[i], v))
  if (a === null || typeof a !== 'object') return false
  return Object.entries(b).every(([k, v]) => containsSubset((a as Record<string, unknown>)[k], v))
}

/** One line per transcript message: `> user text`, `< bot text` (an edited one marked). */
const transcriptLine = (item: TranscriptItem) =>
  `${item.from === 'user' ? '>' : '<'} ${item.plainText ?? item.text}${item.edited ? ' (edited)' : ''}${
    labelsOf(item)
      ? `  [${labelsOf(item)!
          .map((r) => r.join(' | '))
          .join(' / ')}]`
      : ''
  }`

const callLine = (c: BotCall) =>
  `${c.method}${c.chatId !== null ? ` chat ${c.chatId}` : ''} → ${
    c.ok ? 'ok' : `${c.errorCode ?? c.httpStatus ?? '?'} ${c.description ?? ''}`.trim()
  }`

/** A short title for a step, as the pretty reporter prints it. */
export function stepTitle(step: Step): string {
  const b = step.body as Record<string, unknown>
  switch (step.kind) {
    case 'send':
      return `send ${b.chat}${b.from ? ` (${b.from})` : ''}: ${b.text}`
    case 'edit':
      return `edit ${b.chat}: ${b.text}`
    case 'expect': {
      const what =
        b.text !== undefined
          ? JSON.stringify(b.text)
          : b.textMatches !== undefined
            ? `/${b.textMatches}/`
            : b.buttons !== undefined
              ? `buttons ${JSON.stringify(b.buttons)}`
              : `callback answer ${JSON.stringify(b.callbackAnswer)}`
      return `expect ${b.chat}: ${what}`
    }
    case 'press':
      return `press ${b.chat}: [${b.button}]`
    case 'expectCall':
      return `expect call ${b.method}${b.params ? ` ${JSON.stringify(b.params)}` : ''}`
    case 'expectNoReply':
      return `expect no reply in ${b.chat}`
    case 'fault':
      return `fault: next ${b.times ?? 1} ${b.method} → ${b.errorCode}`
    case 'join':
      return `${b.user} joins ${b.chat}`
    case 'leave':
      return `${b.user} leaves ${b.chat}`
    case 'wait':
      return `wait ${typeof step.body === 'number' ? `${step.body}ms` : step.body}`
  }
}

/**
 * Runs one parsed scenario against the simulated bot, in fresh chats with fresh users. Stops at the first
 * failing step (the rest are skipped), unless `update` rewrites the failing expectation and goes on.
 */
export async function runScenario(
  scenario: Scenario,
  file: string,
  api: ApiCall,
  options: RunOptions,
): Promise<RunResult> {
  const started = performance.now()
  const pollMs = options.pollMs ?? 25
  const withinOf = (within: string | number | undefined) =>
    within === undefined ? (scenario.withinMs ?? options.withinMs) : durationMs(within)
  const users = new Map<string, UserState>()
  const chats = new Map<string, SimChat>()
  /** Per chat: bot messages consumed by expects, with the text each had (an edit makes it new again). */
  const seen = new Map<string, Map<number, string>>()
  const lastMatched = new Map<string, TranscriptItem>()
  const lastUserMessage = new Map<string, number>()
  const lastPress = new Map<string, number>()
  const consumedCalls = new Set<number>()
  let firstCallId = 0
  const updates: ExpectationUpdate[] = []
  const results: StepResult[] = []
  /** Faults this scenario added (only these are removed at its end: the user's own stay). */
  const injected: number[] = []

  const userOf = (name: string): UserState => {
    let u = users.get(name)
    if (!u) {
      const declared = scenario.users[name] ?? {}
      const chat = scenario.chats[name]
      u = {
        id: randomInt(1_000_000_000, 7_999_999_999),
        firstName: declared.firstName ?? chat?.firstName ?? capitalised(name),
        lastName: declared.lastName ?? chat?.lastName,
        username: declared.username ?? chat?.username ?? name.toLowerCase().replace(/[^a-z0-9_]/g, '_'),
      }
      users.set(name, u)
    }
    return u
  }

  const substitute = (text: string): string =>
    text.replace(
      /\{(bot|chat\.([A-Za-z][\w-]*)\.id|user\.([A-Za-z][\w-]*)\.id)\}/g,
      (all, _w, chat, user) => {
        if (all === '{bot}') return options.bot.username
        if (chat !== undefined) return chats.has(chat) ? String(chats.get(chat)!.id) : all
        return scenario.users[user] || scenario.chats[user] ? String(userOf(user).id) : all
      },
    )
  const substituteDeep = (v: unknown): unknown =>
    typeof v === 'string'
      ? substitute(v)
      : Array.isArray(v)
        ? v.map(substituteDeep)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substituteDeep(x)]))
          : v

  const chatOf = (name: string) => chats.get(name)!
  const transcript = async (name: string) => (await api('getSimTranscript', { id: chatOf(name).id })).items
  const recentCalls = async (): Promise<BotCall[]> =>
    (await api('listBotCalls', { bot: options.bot.id, limit: 100 })).items.filter((c) => c.id > firstCallId)

  async function createChats() {
    for (const [name, def] of Object.entries(scenario.chats)) {
      const first = def.type === 'private' ? userOf(name) : userOf(def.members![0]!)
      const members = def.type === 'private' ? [] : def.members!.slice(1).map(userOf)
      const chat = await api('createSimChat', {
        type: def.type,
        firstName: first.firstName,
        ...(first.lastName !== undefined && { lastName: first.lastName }),
        ...(first.username !== undefined && { username: first.username }),
        ...(def.title !== undefined && { title: def.title }),
        userId: first.id,
        ...(members.length > 0 && { members }),
      })
      chats.set(name, chat)
      seen.set(name, new Map())
    }
  }

  /** The bot's next message in the chat not yet matched (or one matched before and since edited). */
  const nextBotMessage = (name: string, items: TranscriptItem[]) => {
    const matched = seen.get(name)!
    return items.find(
      (i) =>
        i.from === 'bot' &&
        (!matched.has(i.messageId) || matched.get(i.messageId) !== (i.plainText ?? i.text)),
    )
  }

  const failureContext = async (chat: string | undefined) => {
    // The bot's call that produced a message lands in the record just after the message does: let it settle.
    await sleep(Math.max(100, pollMs * 4))
    const lines = chat && chats.has(chat) ? (await transcript(chat)).map(transcriptLine) : []
    const calls = (await recentCalls()).slice(0, 8).reverse().map(callLine)
    return { transcript: lines, calls }
  }

  async function expectStep(
    step: Extract<Step, { kind: 'expect' }>,
    index: number,
  ): Promise<'passed' | 'updated'> {
    const b = step.body
    const deadline = Date.now() + withinOf(b.within)
    const wantsMessage = b.text !== undefined || b.textMatches !== undefined || b.buttons !== undefined
    let updated = false
    if (wantsMessage) {
      for (;;) {
        const items = await transcript(b.chat)
        // "The inline keyboard of that message": buttons alone check the message the previous expect matched.
        const previous = lastMatched.get(b.chat)
        const candidate =
          b.text === undefined && b.textMatches === undefined && previous && keyboardOf(previous)
            ? (items.find((i) => i.messageId === previous.messageId) ?? previous)
            : nextBotMessage(b.chat, items)
        if (candidate) {
          const text = candidate.plainText ?? candidate.text
          const check = (
            field: ExpectationUpdate['field'],
            ok: boolean,
            expected: unknown,
            actual: unknown,
          ) => {
            if (ok) return
            if (options.update) {
              updates.push({ stepIndex: index, field, value: actual })
              updated = true
              return
            }
            const e = typeof expected === 'string' ? expected : JSON.stringify(expected)
            const a = typeof actual === 'string' ? actual : JSON.stringify(actual)
            throw new StepFailure(`the bot's next message in ${b.chat} differs`, e, a)
          }
          if (b.text !== undefined) check('text', text === substitute(b.text), substitute(b.text), text)
          if (b.textMatches !== undefined) {
            const re = new RegExp(substitute(b.textMatches))
            if (!re.test(text))
              throw new StepFailure(
                `the bot's next message in ${b.chat} does not match`,
                `/${re.source}/`,
                text,
              )
          }
          if (b.buttons !== undefined) {
            const labels = labelsOf(candidate)
            check('buttons', isDeepStrictEqual(labels, b.buttons), b.buttons, labels ?? 'no inline keyboard')
          }
          seen.get(b.chat)!.set(candidate.messageId, text)
          lastMatched.set(b.chat, candidate)
          break
        }
        if (Date.now() >= deadline) {
          throw new StepFailure(
            `no reply from the bot in ${b.chat} within ${withinOf(b.within)} ms`,
            b.text ?? (b.textMatches ? `/${b.textMatches}/` : JSON.stringify(b.buttons)),
            '(no message)',
          )
        }
        await sleep(pollMs)
      }
    }
    if (b.callbackAnswer !== undefined) {
      const press = lastPress.get(b.chat)
      if (press === undefined)
        throw new StepFailure(`nothing was pressed in ${b.chat} yet: press a button first`)
      for (;;) {
        const answer = (await recentCalls()).find(
          (c) => c.method.toLowerCase() === 'answercallbackquery' && c.updateId === press,
        )
        if (answer) {
          const text = typeof answer.params.text === 'string' ? answer.params.text : ''
          if (text !== substitute(b.callbackAnswer)) {
            if (!options.update)
              throw new StepFailure(
                `the bot answered the press differently`,
                b.callbackAnswer,
                text || '(no text)',
              )
            updates.push({ stepIndex: index, field: 'callbackAnswer', value: text })
            updated = true
          }
          consumedCalls.add(answer.id)
          break
        }
        if (Date.now() >= deadline)
          throw new StepFailure(
            `the bot did not answer the button press in ${b.chat} (answerCallbackQuery) within ${withinOf(b.within)} ms`,
            b.callbackAnswer,
            '(no answerCallbackQuery)',
          )
        await sleep(pollMs)
      }
    }
    return updated ? 'updated' : 'passed'
  }

  async function runStep(step: Step, index: number): Promise<'passed' | 'updated'> {
    switch (step.kind) {
      case 'send': {
        const b = step.body
        const items = b.replyToBot ? await transcript(b.chat) : []
        const replyTo = items.filter((i) => i.from === 'bot').at(-1)?.messageId
        if (b.replyToBot && replyTo === undefined)
          throw new StepFailure(`replyToBot: the bot has not written in ${b.chat} yet`)
        const sent = await api('sendSimMessage', {
          id: chatOf(b.chat).id,
          text: substitute(b.text),
          ...(b.from !== undefined && { fromUserId: userOf(b.from).id }),
          ...(replyTo !== undefined && { replyToMessageId: replyTo }),
        })
        lastUserMessage.set(b.chat, sent.messageId)
        return 'passed'
      }
      case 'edit': {
        const b = step.body
        const last = lastUserMessage.get(b.chat)
        if (last === undefined) throw new StepFailure(`nothing to edit: no message was sent in ${b.chat} yet`)
        await api('sendSimMessage', { id: chatOf(b.chat).id, text: substitute(b.text), editMessageId: last })
        return 'passed'
      }
      case 'expect':
        return expectStep(step, index)
      case 'press': {
        const b = step.body
        const items = await transcript(b.chat)
        const withButton = items
          .filter((i) => i.from === 'bot')
          .reverse()
          .map((i) => ({
            item: i,
            button: keyboardOf(i)
              ?.flat()
              .find((x) => x.text === substitute(b.button)),
          }))
          .find((x) => x.button)
        if (!withButton) {
          const offered = items.flatMap((i) => labelsOf(i)?.flat() ?? [])
          throw new StepFailure(
            `no bot message in ${b.chat} has a button "${b.button}"`,
            b.button,
            offered.length ? offered.join(', ') : '(no buttons)',
          )
        }
        if (withButton.button!.callback_data === undefined)
          throw new StepFailure(
            `the button "${b.button}" has no callback data (a URL or other kind): nothing to press`,
          )
        const pressed = await api('pressSimButton', {
          id: chatOf(b.chat).id,
          messageId: withButton.item.messageId,
          data: withButton.button!.callback_data,
          ...(b.from !== undefined && { fromUserId: userOf(b.from).id }),
        })
        lastPress.set(b.chat, pressed.updateId)
        return 'passed'
      }
      case 'expectCall': {
        const b = step.body
        const deadline = Date.now() + withinOf(b.within)
        const params = b.params === undefined ? undefined : substituteDeep(b.params)
        for (;;) {
          const calls = (await recentCalls()).reverse()
          const same = calls.filter(
            (c) => c.method.toLowerCase() === b.method.toLowerCase() && !consumedCalls.has(c.id),
          )
          const found = same.find(
            (c) =>
              (params === undefined || containsSubset(c.params, params)) &&
              (b.ok === undefined || c.ok === b.ok) &&
              (b.errorCode === undefined || c.errorCode === b.errorCode),
          )
          if (found) {
            consumedCalls.add(found.id)
            return 'passed'
          }
          if (Date.now() >= deadline) {
            const near = same.at(-1)
            throw new StepFailure(
              same.length
                ? `no ${b.method} call matched (${same.length} other${same.length === 1 ? '' : 's'})`
                : `the bot made no ${b.method} call within ${withinOf(b.within)} ms`,
              JSON.stringify({ method: b.method, ...(params !== undefined && { params }) }),
              near ? JSON.stringify({ method: near.method, params: near.params, ok: near.ok }) : '(no call)',
            )
          }
          await sleep(pollMs)
        }
      }
      case 'expectNoReply': {
        const b = step.body
        await sleep(withinOf(b.within))
        const extra = nextBotMessage(b.chat, await transcript(b.chat))
        if (extra)
          throw new StepFailure(`the bot replied in ${b.chat}`, '(no reply)', extra.plainText ?? extra.text)
        return 'passed'
      }
      case 'fault': {
        const b = step.body
        const fault = await api('addSimFault', {
          method: b.method,
          botId: options.bot.id,
          kind: 'error',
          errorCode: b.errorCode,
          ...(b.description !== undefined && { description: b.description }),
          ...(b.retryAfter !== undefined && { retryAfter: b.retryAfter }),
          times: b.times,
        })
        injected.push(fault.id)
        return 'passed'
      }
      case 'join':
      case 'leave': {
        const b = step.body
        const u = userOf(b.user)
        await api('changeSimMember', {
          id: chatOf(b.chat).id,
          action: step.kind,
          user: {
            id: u.id,
            firstName: u.firstName,
            ...(u.lastName !== undefined && { lastName: u.lastName }),
            ...(u.username !== undefined && { username: u.username }),
          },
        })
        return 'passed'
      }
      case 'wait':
        await sleep(durationMs(step.body))
        return 'passed'
    }
  }

  let setupError: string | null = null
  try {
    firstCallId = (await api('listBotCalls', { bot: options.bot.id, limit: 1 })).items[0]?.id ?? 0
    await createChats()
  } catch (err) {
    setupError = `could not create the scenario's chats: ${(err as Error).message}`
  }
  let failed = setupError !== null
  for (const [index, step] of scenario.steps.entries()) {
    const title = stepTitle(step)
    const base = { index, kind: step.kind, line: step.line, title }
    if (failed) {
      const skipped: StepResult = {
        ...base,
        status: 'skipped',
        durationMs: 0,
        error: null,
        expected: null,
        actual: null,
        transcript: [],
        calls: [],
      }
      results.push(skipped)
      options.onStep?.(skipped)
      continue
    }
    const t0 = performance.now()
    let result: StepResult
    try {
      const status = await runStep(step, index)
      result = {
        ...base,
        status,
        durationMs: performance.now() - t0,
        error: null,
        expected: null,
        actual: null,
        transcript: [],
        calls: [],
      }
    } catch (err) {
      failed = true
      const chat = (step.body as { chat?: string }).chat
      const context = await failureContext(chat).catch(() => ({ transcript: [], calls: [] }))
      result = {
        ...base,
        status: 'failed',
        durationMs: performance.now() - t0,
        error: (err as Error).message,
        expected: err instanceof StepFailure ? err.expected : null,
        actual: err instanceof StepFailure ? err.actual : null,
        ...context,
      }
    }
    results.push(result)
    options.onStep?.(result)
  }
  // Faults this scenario injected and its steps did not use up must not leak into the next one.
  for (const id of injected) await api('deleteSimFault', { id }).catch(() => undefined)
  return {
    file,
    name: scenario.name,
    status: setupError ? 'error' : results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    durationMs: performance.now() - started,
    error: setupError,
    steps: results,
    updates,
  }
}
