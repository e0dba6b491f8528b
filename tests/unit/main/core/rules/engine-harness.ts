import { Writable } from 'node:stream'
import type { Alert, Delivery } from '@shared/alerts'
import type { MessageCommand } from '@shared/message'
import type { RuleActionInput, RuleInput } from '@shared/rules'
import { createEventBus } from '../../../../../src/main/core/events'
import { createLogger } from '../../../../../src/main/core/log'
import { createNotifier, createRuleEngine, createRulesService } from '../../../../../src/main/core/rules'
import { createMemorySecretStore } from '../../../../../src/main/core/settings'
import { createStore } from '../../../../../src/main/core/store'

const T0 = Date.parse('2024-05-29T16:00:00.000Z')
export const SECOND = 1000
export const MINUTE = 60 * SECOND

type DesktopActionInput = Extract<RuleActionInput, { kind: 'desktop' }>

/** A desktop action that records `STATUS\nrepeat_count count()` for each firing (headless: outcome `recorded`). */
export const recordAll = (extra: Partial<DesktopActionInput> = {}): DesktopActionInput => ({
  kind: 'desktop',
  on: ['OPEN', 'REPEAT', 'CANCEL'],
  title: '${status}',
  text: '${repeat_count} ${count()}',
  ...extra,
})

/**
 * The real rule engine, notifier and rules service over an in-memory store, driven by a fake clock. Timers are
 * effectively off unless `tickMs` is given: tests call `engine.tick()` to let time windows expire.
 */
export function engineHarness(options: { tickMs?: number; botApiUrl?: string } = {}) {
  let clock = T0
  const now = () => clock
  const logs: string[] = []
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        logs.push(chunk.toString())
        cb()
      },
    }),
  })
  const store = createStore(':memory:')
  const bus = createEventBus((err) => {
    throw err
  })
  const notifier = createNotifier({
    store,
    bus,
    log,
    now,
    botApiBase: () => options.botApiUrl ?? 'http://127.0.0.1:9',
    resolveBotToken: (bot) => bot.token ?? (bot.id ? rules.botToken(bot.id) : undefined),
    backoffMs: 1,
  })
  const secrets = createMemorySecretStore()
  const engine = createRuleEngine({
    store,
    bus,
    log,
    notifier,
    secrets,
    now,
    tickMs: options.tickMs ?? 3_600_000,
    flushMs: 3_600_000,
  })
  engine.load()
  const rules = createRulesService({ store, engine, bus, secrets, now })
  let nextId = 1

  function submit(command: Partial<MessageCommand>, opts: { duplicateOf?: number; id?: number } = {}) {
    const id = opts.id ?? nextId++
    const at = new Date(clock).toISOString()
    engine.submit(
      {
        entity: 'box',
        type: 'webhook',
        source: 'ci',
        severity: null,
        message: null,
        date: at,
        tags: {},
        ...command,
        id,
        requestId: id,
        receivedAt: at,
      },
      opts.duplicateOf ?? null,
    )
    return id
  }

  async function settle() {
    await engine.idle()
    await notifier.idle()
  }

  function deliveries(ruleId?: string): Delivery[] {
    return store.alerts
      .deliveries({ limit: 500 })
      .items.filter((d) => !ruleId || d.ruleId === ruleId)
      .sort((a, b) => a.id - b.id)
  }

  return {
    store,
    bus,
    engine,
    notifier,
    rules,
    secrets,
    logs,
    now,
    /** Moves the fake clock forward. */
    advance(ms: number) {
      clock += ms
    },
    settle,
    async addRule(input: RuleInput) {
      return (await rules.create(input)).rule
    },
    /** Submits a message as the receiver would (command time = now), and waits until rules and actions are done. */
    async send(command: Partial<MessageCommand> = {}, opts: { duplicateOf?: number; id?: number } = {}) {
      const id = submit(command, opts)
      await settle()
      return id
    },
    /** Submits messages back to back, as a burst reaches the receiver, then waits for rules and actions. */
    async burst(commands: Partial<MessageCommand>[]) {
      const ids = commands.map((c) => submit(c))
      await settle()
      return ids
    },
    async tick() {
      await engine.tick()
      await settle()
    },
    alerts(ruleId?: string): Alert[] {
      return store.alerts
        .list({ status: 'all', limit: 500, ...(ruleId && { ruleId }) })
        .items.sort((a, b) => a.id - b.id)
    },
    deliveries,
    /** What each delivery of a `recordAll` action said, in order: `STATUS repeat_count count()`. */
    fired(ruleId?: string, actionIndex = 0): string[] {
      return deliveries(ruleId)
        .filter((d) => d.actionIndex === actionIndex)
        .map((d) => d.request.body.replace('\n', ' '))
    },
    async close() {
      await engine.idle()
      await notifier.close()
      await engine.close()
      await store.close()
    },
  }
}
export type EngineHarness = ReturnType<typeof engineHarness>
