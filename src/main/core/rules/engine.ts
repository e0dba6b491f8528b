import type { AlertStatus } from '@shared/rules'
import type { MessageRow } from '@shared/domain'
import type { MessageCommand } from '@shared/message'
import type { RuleTestResult } from '@shared/alerts'
import { refireWarnings } from '@shared/rule-defaults'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { SecretStore } from '../settings'
import type { Store, StoredRule } from '../store'
import { compileRule, windowKeyOf, type CompiledRule } from './compile'
import { evaluate, isTruthy, type EvalContext } from './expr'
import { withHeaderSecrets } from './header-secrets'
import type { DeliveryJob, Notifier } from './notifier'
import { renderAction } from './render-action'
import {
  addEntry,
  expire,
  newWindow,
  persistedWindow,
  restoredWindow,
  transitionOf,
  type WindowState,
} from './window-state'

interface RuleRuntime {
  compiled: CompiledRule
  windows: Map<string, WindowState>
  lastError: { message: string; at: string } | null
}

export interface RuleEngine {
  /** (Re)loads every rule and its persisted windows from the store. */
  load(): void
  /** Queues a converted message; rules run off the request path, one message at a time, in order. */
  submit(message: MessageRow, duplicateOf: number | null): void
  /** Re-checks time windows (commands leaving); the timer calls it every `tickMs`. */
  tick(): Promise<void>
  /** A rule was created or changed: keep its windows unless filter, grouping or condition changed. */
  ruleChanged(stored: StoredRule): Promise<void>
  ruleDeleted(id: string): Promise<void>
  alertClosedByHand(alertId: number): void
  /** Dry run: what the rule would do with this command, against its current window, with no side effect. */
  test(
    compiled: CompiledRule,
    command: MessageCommand,
    messageId: number | null,
    receivedAtMs: number,
  ): RuleTestResult
  lastError(ruleId: string): { message: string; at: string } | null
  /** When the rule last fired, if that is not yet written to the store. */
  pendingLastFired(ruleId: string): number | undefined
  /** Resolves when every submitted message has been processed. */
  idle(): Promise<void>
  /** Persists dirty windows now. */
  flush(): Promise<void>
  close(): Promise<void>
}

export interface RuleEngineDeps {
  store: Store
  bus: EventBus
  log: Logger
  notifier: Notifier
  /** Where HTTP actions' secret header values are (filled in when an action fires, header-secrets.ts). */
  secrets: Pick<SecretStore, 'get'>
  now: () => number
  tickMs?: number
  flushMs?: number
}

/** Longest run of engine work before it yields to the event loop… */
const SLICE_MS = 2
/** …while messages keep arriving: the receiver's acknowledgements go first (docs/performance.md). */
const BUSY_SLICE_MS = 0.5
/**
 * Queued steps past which the rules get full slices again, busy or not: a burst may put the rules this far
 * behind the receiver, no further than they fell before (then they share the CPU with it as before).
 */
const MAX_BUSY_BACKLOG = 20_000

interface PendingRepeats {
  /** The newest REPEAT's alert fields: the UPDATE writes these. */
  snapshot: { messageId: number; message: string | null; count: number }
  /** Every REPEAT in the write, in order: each one gets an alert event and its actions. */
  events: { atMs: number; messageId: number; jobs: DeliveryJob[] }[]
}

const SEMANTIC_FIELDS = ['filter', 'condition', 'window', 'groupByEntity', 'groupTags'] as const

export function createRuleEngine({
  store,
  bus,
  log,
  notifier,
  secrets,
  now,
  tickMs = 1000,
  flushMs = 250,
}: RuleEngineDeps): RuleEngine {
  const rules = new Map<string, RuleRuntime>()
  const dirty = new Map<string, Set<string>>()
  /** Engine steps run one at a time, in order (messages, ticks, rule changes). */
  const tasks: { run: () => void | Promise<void>; done: () => void }[] = []
  let pumping = false

  /** A stored message's command (a window persisted with its last command by reference, window-state.ts). */
  const commandOfMessage = (id: number): MessageCommand | null => {
    const m = store.messages.get(id)
    if (!m) return null
    const { id: _id, requestId: _r, receivedAt: _at, ...command } = m
    return command
  }

  const markDirty = (ruleId: string, key: string) => {
    let set = dirty.get(ruleId)
    if (!set) dirty.set(ruleId, (set = new Set()))
    set.add(key)
  }

  function reportError(rt: RuleRuntime, message: string) {
    rt.lastError = { message, at: new Date(now()).toISOString() }
    log.warn({ rule: rt.compiled.rule.name, problem: message }, 'rule evaluation failed')
  }

  function ctxOf(rt: RuleRuntime, w: WindowState, status?: AlertStatus, before?: AlertStatus): EvalContext {
    const rule = rt.compiled.rule
    return {
      command: w.last,
      nowMs: now(),
      receivedAtMs: w.lastReceivedAtMs,
      window: {
        count: w.entries.length,
        ...(status && { status }),
        ...(before && { beforeStatus: before }),
        repeatCount: w.repeatCount,
        ...(w.openTimeMs !== null && { openTimeMs: w.openTimeMs }),
        rule: rule.name,
        windowText: rule.window,
      },
    }
  }

  function passesFilter(rt: RuleRuntime, command: MessageCommand, receivedAtMs: number): boolean {
    const c = rt.compiled
    if (c.timeFilterMs !== null && Math.abs(now() - Date.parse(command.date)) > c.timeFilterMs) return false
    if (!c.filter) return true
    const r = evaluate(c.filter, { command, nowMs: now(), receivedAtMs })
    if (!r.ok) {
      reportError(rt, `filter: ${r.error.message}`)
      return false
    }
    return isTruthy(r.value)
  }

  /** Evaluates the condition and applies the transition; returns the work to persist, if any. */
  /** When each rule last fired, written with the window flush rather than once per transition. */
  const lastFired = new Map<string, number>()
  /** Alert writes queued but not yet committed; `idle()` waits for them. */
  const inFlight = new Set<Promise<unknown>>()
  /**
   * Per window, the REPEAT write queued and not yet run. A burst of messages through a firing rule then costs
   * one alert UPDATE per group commit instead of one per message; every REPEAT still gets its own history
   * event and actions (docs/performance.md).
   */
  const pendingRepeats = new WeakMap<WindowState, PendingRepeats>()

  function evaluateWindow(rt: RuleRuntime, key: string, w: WindowState, groupTags: Record<string, string>) {
    const r = evaluate(rt.compiled.condition, ctxOf(rt, w))
    if (!r.ok) {
      reportError(rt, `condition: ${r.error.message}`)
      return
    }
    const next = transitionOf(w.status, isTruthy(r.value))
    if (next) applyTransition(rt, key, w, next, w.status, groupTags)
  }

  /**
   * Applies a transition to the in-memory window at once and queues its alert write without waiting for it:
   * the group-commit writer runs writes in order, so one message through 100 rules costs one transaction,
   * not 100 (docs/performance.md). Everything the write and the actions need is captured now; the alert id
   * travels inside the queued writes (an OPEN's write sets it before a later REPEAT's write reads it).
   */
  function applyTransition(
    rt: RuleRuntime,
    key: string,
    w: WindowState,
    next: AlertStatus,
    before: AlertStatus,
    groupTags: Record<string, string>,
  ) {
    const rule = rt.compiled.rule
    const at = now()
    if (next === 'OPEN') {
      w.repeatCount = 0
      w.openTimeMs = at
      w.actions = {}
    } else if (next === 'REPEAT') w.repeatCount++
    w.status = next
    markDirty(rule.id, key)
    const severity = rule.severity !== 'UNDEFINED' ? rule.severity : (w.last.severity ?? 'UNDEFINED')
    const snapshot = {
      entity: w.last.entity,
      messageId: w.lastMessageId,
      message: w.last.message,
      count: w.repeatCount,
    }
    const jobs = renderActions(rt, w, next, before)
    lastFired.set(rule.id, at)
    if (next === 'REPEAT') {
      const queued = pendingRepeats.get(w)
      if (queued) {
        // A REPEAT write for this window is queued and has not run yet: it writes this newer state too.
        queued.snapshot = snapshot
        queued.events.push({ atMs: at, messageId: snapshot.messageId, jobs })
        return
      }
    }
    // Any other transition comes after the queued REPEATs: later REPEATs must queue their own write.
    pendingRepeats.delete(w)
    const repeats: PendingRepeats = { snapshot, events: [{ atMs: at, messageId: snapshot.messageId, jobs }] }
    if (next === 'REPEAT') pendingRepeats.set(w, repeats)
    const write = store.writer.write(() => {
      // From here on, later REPEATs of this window queue a write of their own.
      if (pendingRepeats.get(w) === repeats) pendingRepeats.delete(w)
      const alertId = w.alertId
      if (next === 'REPEAT' && alertId !== null) {
        const { count, messageId, message } = repeats.snapshot
        const r = store.alerts.repeat(alertId, repeats.events, count, messageId, message)
        return { alert: r.alert, eventIds: r.eventIds }
      }
      const result =
        next === 'OPEN' || alertId === null
          ? store.alerts.open({
              ruleId: rule.id,
              rule: rule.name,
              windowKey: key,
              entity: snapshot.entity,
              tags: groupTags,
              severity,
              openedAtMs: at,
              messageId: snapshot.messageId,
              message: snapshot.message,
            })
          : store.alerts.cancel(alertId, at, 'cancel', snapshot.messageId)
      w.alertId = next === 'CANCEL' ? null : result.alert.id
      return { alert: result.alert, eventIds: [result.eventId] }
    }, 'background')
    const done = write.then(
      ({ alert, eventIds }) => {
        bus.emit({ type: 'alert.changed', alert, transition: next })
        // One event (and its actions) per transition, even when REPEATs shared a write.
        repeats.events.forEach((e, i) => {
          const alertEventId = eventIds[i] ?? eventIds[0]!
          for (const job of e.jobs) notifier.enqueue({ ...job, alertId: alert.id, alertEventId })
        })
      },
      (err: unknown) => reportError(rt, `storing the ${next} of ${key} failed: ${(err as Error).message}`),
    )
    inFlight.add(done)
    void done.finally(() => inFlight.delete(done))
  }

  /** The actions this transition fires (repeat strategies applied), rendered now against this window state. */
  function renderActions(
    rt: RuleRuntime,
    w: WindowState,
    status: AlertStatus,
    before: AlertStatus,
  ): DeliveryJob[] {
    const rule = rt.compiled.rule
    const jobs: DeliveryJob[] = []
    rule.actions.forEach((action, index) => {
      if (!action.enabled || !action.on.includes(status)) return
      const st = (w.actions[index] ??= { repeats: 0, lastFiredMs: null })
      if (status === 'REPEAT') {
        st.repeats++
        const strategy = action.repeat
        if ('every' in strategy && st.repeats % strategy.every !== 0) return
        const interval = rt.compiled.repeatIntervalMs[index]
        if (
          interval !== null &&
          interval !== undefined &&
          st.lastFiredMs !== null &&
          now() - st.lastFiredMs < interval
        ) {
          return
        }
      }
      st.lastFiredMs = now()
      // Secret header values are read from the secret store only to be sent; dry runs keep the placeholders.
      const filled = action.kind === 'http' ? withHeaderSecrets(rule.id, action, secrets) : null
      const rendered = renderAction(filled?.action ?? action, status, ctxOf(rt, w, status, before))
      rendered.errors.forEach((e) => reportError(rt, e))
      let sent = rendered.action
      if (filled?.missing.length && sent.kind === 'http') sent = { ...sent, missingSecrets: filled.missing }
      jobs.push({
        alertId: null,
        alertEventId: null,
        ruleId: rule.id,
        rule: rule.name,
        actionIndex: index,
        rendered: sent,
        emptyPlaceholders: rendered.emptyPlaceholders,
      })
    })
    return jobs
  }

  function processOne(message: MessageRow) {
    const receivedAtMs = Date.parse(message.receivedAt)
    // Per message, not per rule: 100 rules read the same values.
    const dateMs = Date.parse(message.date)
    const nowMs = now()
    const command: MessageCommand = {
      entity: message.entity,
      type: message.type,
      source: message.source,
      severity: message.severity,
      message: message.message,
      date: message.date,
      tags: message.tags,
    }
    for (const rt of rules.values()) {
      if (!rt.compiled.rule.enabled) continue
      try {
        if (!passesFilter(rt, command, receivedAtMs)) continue
        const { key, tags } = windowKeyOf(rt.compiled.rule, command)
        let w = rt.windows.get(key)
        if (!w) rt.windows.set(key, (w = newWindow(command, message.id, receivedAtMs)))
        w.last = command
        w.lastMessageId = message.id
        w.lastReceivedAtMs = receivedAtMs
        addEntry(w, rt.compiled.window, { id: message.id, dateMs }, nowMs)
        markDirty(rt.compiled.id, key)
        evaluateWindow(rt, key, w, tags)
      } catch (err) {
        reportError(rt, (err as Error).message)
      }
    }
  }

  async function flush() {
    if (dirty.size === 0 && lastFired.size === 0) return
    const fired = [...lastFired]
    lastFired.clear()
    const work = [...dirty.entries()].map(([ruleId, keys]) => {
      const rt = rules.get(ruleId)
      return { ruleId, items: [...keys].map((k) => ({ key: k, state: rt?.windows.get(k) ?? null })) }
    })
    dirty.clear()
    const at = now()
    await store.writer.write(() => {
      for (const [ruleId, firedAt] of fired) store.rules.markFired(ruleId, firedAt)
      for (const { ruleId, items } of work) {
        if (!rules.has(ruleId)) continue
        for (const { key, state } of items) {
          if (state) store.rules.saveWindow(ruleId, key, persistedWindow(state), at)
          else store.rules.deleteWindow(ruleId, key)
        }
      }
    }, 'background')
  }

  /** Messages submitted since the current slice began: the receiver is busy. */
  let arrivals = 0
  const sliceBudget = () => {
    const busy = arrivals > 0 && tasks.length < MAX_BUSY_BACKLOG
    arrivals = 0
    return busy ? BUSY_SLICE_MS : SLICE_MS
  }

  /**
   * Runs queued steps in time slices, yielding to the event loop between slices: a burst of messages through
   * many rules never holds the receiver's acknowledgements back. While messages keep arriving the slices are
   * short, so the rules take the CPU the receiver leaves (and lag behind a burst) until the backlog reaches
   * MAX_BUSY_BACKLOG steps; then they get full slices again.
   */
  async function pump() {
    if (pumping) return
    pumping = true
    try {
      let sliceStart = performance.now()
      let budget = sliceBudget()
      while (tasks.length > 0) {
        const task = tasks.shift()!
        try {
          await task.run()
        } catch (err) {
          log.error({ err }, 'rule engine step failed')
        }
        task.done()
        if (performance.now() - sliceStart > budget) {
          await new Promise<void>((resolve) => setImmediate(resolve))
          sliceStart = performance.now()
          budget = sliceBudget()
        }
      }
    } finally {
      pumping = false
    }
  }
  const enqueue = (run: () => void | Promise<void>) =>
    new Promise<void>((done) => {
      tasks.push({ run, done })
      void pump()
    })

  const tickTimer = setInterval(() => void engine.tick(), tickMs)
  tickTimer.unref()
  const flushTimer = setInterval(() => {
    flush().catch((err: unknown) => log.error({ err }, 'window flush failed'))
  }, flushMs)
  flushTimer.unref()

  function loadRule(stored: StoredRule): RuleRuntime | null {
    try {
      const compiled = compileRule(stored.id, stored.definition, {
        createdAt: new Date(stored.createdAtMs).toISOString(),
        updatedAt: new Date(stored.updatedAtMs).toISOString(),
      })
      return { compiled, windows: new Map(), lastError: null }
    } catch (err) {
      log.warn(
        { rule: stored.definition.name, problem: (err as Error).message },
        'stored rule does not compile; skipped',
      )
      return null
    }
  }

  const engine: RuleEngine = {
    load() {
      rules.clear()
      for (const stored of store.rules.list()) {
        const rt = loadRule(stored)
        if (!rt) continue
        for (const { key, state } of store.rules.loadWindows(stored.id)) {
          if (state && typeof state === 'object')
            rt.windows.set(key, restoredWindow(state as WindowState, commandOfMessage))
        }
        rules.set(stored.id, rt)
      }
    },
    submit(message, duplicateOf) {
      // A redelivered Telegram update (same update_id) is stored and shown, but never processed twice.
      if (duplicateOf !== null) return
      arrivals++
      void enqueue(() => processOne(message))
    },
    tick() {
      return enqueue(async () => {
        for (const rt of rules.values()) {
          if (rt.compiled.window.kind !== 'time' || !rt.compiled.rule.enabled) continue
          for (const [key, w] of rt.windows) {
            const left = expire(w, rt.compiled.window, now())
            if (left === 0) continue
            markDirty(rt.compiled.id, key)
            if (rt.compiled.rule.leavingEvents)
              evaluateWindow(rt, key, w, windowKeyOf(rt.compiled.rule, w.last).tags)
            if (w.entries.length === 0 && w.status === 'CANCEL') rt.windows.delete(key)
          }
        }
      })
    },
    ruleChanged(stored) {
      return enqueue(async () => {
        const previous = rules.get(stored.id)
        const rt = loadRule(stored)
        if (!rt) return
        const prevRule = previous?.compiled.rule
        const same =
          prevRule &&
          SEMANTIC_FIELDS.every((f) => JSON.stringify(prevRule[f]) === JSON.stringify(rt.compiled.rule[f]))
        if (previous && same) rt.windows = previous.windows
        else if (previous) await discardWindows(previous)
        rules.set(stored.id, rt)
      })
    },
    ruleDeleted(id) {
      return enqueue(async () => {
        const rt = rules.get(id)
        rules.delete(id)
        dirty.delete(id)
        if (rt) await discardWindows(rt)
      })
    },
    alertClosedByHand(alertId) {
      for (const rt of rules.values()) {
        for (const [key, w] of rt.windows) {
          if (w.alertId !== alertId) continue
          // Closing by hand resets the window: the next true condition opens a new alert.
          w.status = 'CANCEL'
          w.alertId = null
          w.repeatCount = 0
          markDirty(rt.compiled.id, key)
        }
      }
    },
    test(compiled, command, messageId, receivedAtMs) {
      const rt: RuleRuntime = { compiled, windows: new Map(), lastError: null }
      const filterResult = compiled.filter
        ? evaluate(compiled.filter, { command, nowMs: now(), receivedAtMs })
        : ({ ok: true, value: true } as const)
      const filter = filterResult.ok
        ? { value: isTruthy(filterResult.value), error: null }
        : { value: false, error: filterResult.error.message }
      const result: RuleTestResult = {
        filter,
        windowKey: null,
        condition: null,
        status: null,
        previousStatus: null,
        warnings: refireWarnings(compiled.rule),
        actions: [],
      }
      if (!filter.value) return result
      const { key } = windowKeyOf(compiled.rule, command)
      result.windowKey = key
      const existing = rules.get(compiled.id)?.windows.get(key)
      const w: WindowState = existing
        ? structuredClone(existing)
        : newWindow(command, messageId ?? 0, receivedAtMs)
      w.last = command
      w.lastReceivedAtMs = receivedAtMs
      addEntry(w, compiled.window, { id: messageId ?? 0, dateMs: Date.parse(command.date) }, now())
      const cond = evaluate(compiled.condition, ctxOf(rt, w))
      result.condition = cond.ok
        ? { value: cond.value, error: null }
        : { value: null, error: cond.error.message }
      // A window this command would start has no status before it (not CANCEL: nothing was closed).
      result.previousStatus = existing ? w.status : null
      const next = cond.ok ? transitionOf(w.status, isTruthy(cond.value)) : null
      result.status = next
      const before = w.status
      if (next === 'OPEN') w.openTimeMs = now()
      if (next === 'REPEAT') w.repeatCount++
      result.actions = compiled.rule.actions.map((action, index) => {
        const status = next ?? 'OPEN'
        const r = renderAction(action, status, ctxOf(rt, w, status, before))
        return {
          index,
          kind: action.kind,
          fires: next !== null && action.enabled && action.on.includes(next),
          texts: r.texts,
          emptyPlaceholders: r.emptyPlaceholders,
          errors: r.errors,
        }
      })
      return result
    },
    lastError: (id) => rules.get(id)?.lastError ?? null,
    pendingLastFired: (id) => lastFired.get(id),
    idle: async () => {
      while (tasks.length > 0 || pumping || inFlight.size > 0) {
        await Promise.all([...inFlight])
        if (tasks.length > 0 || pumping) await new Promise<void>((resolve) => setImmediate(resolve))
      }
      await flush()
    },
    flush: () => enqueue(flush),
    async close() {
      clearInterval(tickTimer)
      clearInterval(flushTimer)
      await enqueue(flush)
    },
  }

  async function discardWindows(rt: RuleRuntime) {
    // ATSD-BEHAVIOUR §5: changing filter, grouping or condition discards windows without firing On Cancel.
    const open = [...rt.windows.values()].map((w) => w.alertId).filter((id): id is number => id !== null)
    const at = now()
    const closed = await store.writer.write(() => {
      store.rules.clearWindows(rt.compiled.id)
      return open.map((id) => store.alerts.cancel(id, at, 'rule_changed', null).alert)
    }, 'background')
    rt.windows.clear()
    for (const alert of closed) bus.emit({ type: 'alert.changed', alert, transition: 'CANCEL' })
  }

  return engine
}
