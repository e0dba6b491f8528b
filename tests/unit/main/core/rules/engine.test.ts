import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RuleInput } from '@shared/rules'
import {
  INLINE_LAST_COMMAND_LIMIT,
  newWindow,
  persistedWindow,
  restoredWindow,
} from '../../../../../src/main/core/rules/window-state'
import { engineHarness, MINUTE, recordAll, SECOND, type EngineHarness } from './engine-harness'

let h: EngineHarness
beforeEach(() => {
  h = engineHarness()
})
afterEach(() => h.close())

describe('rule engine: status transitions', () => {
  it('opens on false→true, repeats on true→true, cancels on true→false and fires nothing on false→false', async () => {
    const rule = await h.addRule({ name: 'up-down', condition: "message != 'down'", actions: [recordAll()] })
    for (const message of ['up', 'up', 'up', 'down', 'down', 'up']) await h.send({ message })
    expect(h.fired()).toEqual(['OPEN 0 1', 'REPEAT 1 1', 'REPEAT 2 1', 'CANCEL 2 1', 'OPEN 0 1'])
    const [first, second] = h.alerts(rule.id)
    expect(first).toMatchObject({
      status: 'CANCEL',
      open: false,
      closedBy: 'cancel',
      count: 2,
      windowKey: 'box',
    })
    expect(h.store.alerts.events(first!.id).map((e) => e.status)).toEqual([
      'OPEN',
      'REPEAT',
      'REPEAT',
      'CANCEL',
    ])
    expect(second).toMatchObject({ status: 'OPEN', open: true, count: 0 })
  })

  it('skips commands that fail the filter: they create no window and no alert', async () => {
    const rule = await h.addRule({ name: 'alarms', filter: "type = 'alarm'", actions: [recordAll()] })
    await h.send({ type: 'webhook' })
    await h.engine.flush()
    expect(h.store.rules.loadWindows(rule.id)).toEqual([])
    expect(h.alerts()).toEqual([])
    await h.send({ type: 'alarm' })
    await h.engine.flush()
    expect(h.store.rules.loadWindows(rule.id).map((w) => w.key)).toEqual(['box'])
    expect(h.fired()).toEqual(['OPEN 0 1'])
  })

  it('ignores a disabled rule', async () => {
    await h.addRule({ name: 'off', enabled: false, actions: [recordAll()] })
    await h.send()
    expect(h.alerts()).toEqual([])
  })

  it('does not process a message marked as a duplicate of an earlier Telegram update', async () => {
    await h.addRule({ name: 'every-message', actions: [recordAll()] })
    const first = await h.send({ message: 'hi' })
    await h.send({ message: 'hi' }, { duplicateOf: first })
    await h.send({ message: 'again' })
    expect(h.fired()).toEqual(['OPEN 0 1', 'REPEAT 1 1'])
  })

  it('takes the alert severity from the rule, or from the message when the rule says UNDEFINED', async () => {
    const own = await h.addRule({ name: 'own', severity: 'MAJOR' })
    const inherit = await h.addRule({ name: 'inherit' })
    await h.send({ severity: 'CRITICAL' })
    expect(h.alerts(own.id)[0]!.severity).toBe('MAJOR')
    expect(h.alerts(inherit.id)[0]!.severity).toBe('CRITICAL')
  })
})

describe('rule engine: time filter', () => {
  it('drops commands whose time is further from now than the time filter', async () => {
    const rule = await h.addRule({ name: 'recent-only', timeFilter: '1 minute', actions: [recordAll()] })
    await h.send({ date: new Date(h.now() - 2 * MINUTE).toISOString() })
    await h.send({ date: new Date(h.now() + 2 * MINUTE).toISOString() })
    expect(h.alerts(rule.id)).toEqual([])
    await h.send({ date: new Date(h.now() - 30 * SECOND).toISOString() })
    expect(h.fired()).toEqual(['OPEN 0 1'])
  })
})

describe('rule engine: windows', () => {
  it('keeps the last N commands in length(N)', async () => {
    await h.addRule({ name: 'pairs', window: 'length(2)', condition: 'count() >= 2', actions: [recordAll()] })
    for (let i = 0; i < 4; i++) await h.send()
    expect(h.fired()).toEqual(['OPEN 0 2', 'REPEAT 1 2', 'REPEAT 2 2'])
  })

  it('opens count() >= 3 in time(1 minute) on the third message and cancels when the tick lets the first leave', async () => {
    const rule = await h.addRule({
      name: 'burst',
      window: 'time(1 minute)',
      condition: 'count() >= 3',
      actions: [recordAll()],
    })
    await h.send()
    h.advance(10 * SECOND)
    await h.send()
    expect(h.alerts()).toEqual([])
    h.advance(10 * SECOND)
    await h.send()
    expect(h.fired()).toEqual(['OPEN 0 3'])

    h.advance(40 * SECOND) // T0 + 60 s: the first is exactly one minute old, still inside
    await h.tick()
    expect(h.fired()).toEqual(['OPEN 0 3'])
    h.advance(1 * SECOND)
    await h.tick()
    expect(h.fired()).toEqual(['OPEN 0 3', 'CANCEL 0 2'])
    expect(h.alerts(rule.id)[0]).toMatchObject({ open: false, closedBy: 'cancel' })

    // Once every command has left a cancelled window, the window itself is gone (also from storage).
    h.advance(MINUTE)
    await h.tick()
    await h.engine.flush()
    expect(h.store.rules.loadWindows(rule.id)).toEqual([])
    expect(h.fired()).toHaveLength(2)
  })

  it('does not re-check the condition as commands leave when leavingEvents is off; the next arrival does', async () => {
    await h.addRule({
      name: 'no-leaving',
      window: 'time(1 minute)',
      condition: 'count() >= 2',
      leavingEvents: false,
      actions: [recordAll()],
    })
    await h.send()
    await h.send()
    h.advance(2 * MINUTE)
    await h.tick()
    expect(h.fired()).toEqual(['OPEN 0 2'])
    await h.send()
    expect(h.fired()).toEqual(['OPEN 0 2', 'CANCEL 0 1'])
  })
})

describe('rule engine: the time window timer', () => {
  it('expires time windows on its own timer, without a new arrival or a tick() call', async () => {
    await h.close()
    h = engineHarness({ tickMs: 5 })
    const rule = await h.addRule({
      name: 'timer',
      window: 'time(30 second)',
      condition: 'count() > 0',
      actions: [recordAll()],
    })
    await h.send()
    expect(h.alerts(rule.id)[0]!.open).toBe(true)
    h.advance(31 * SECOND)
    await expect.poll(() => h.alerts(rule.id)[0]!.open).toBe(false)
    await h.settle()
    expect(h.fired()).toEqual(['OPEN 0 1', 'CANCEL 0 0'])
  })
})

describe('rule engine: grouping', () => {
  it('keeps one window per entity, or one for all entities when grouping by entity is off', async () => {
    const perEntity = await h.addRule({ name: 'per-entity', window: 'length(5)', condition: 'count() >= 2' })
    const shared = await h.addRule({
      name: 'shared',
      window: 'length(5)',
      condition: 'count() >= 2',
      groupByEntity: false,
    })
    await h.send({ entity: 'a' })
    await h.send({ entity: 'b' })
    expect(h.alerts(perEntity.id)).toEqual([])
    expect(h.alerts(shared.id)).toMatchObject([{ windowKey: '*', entity: 'b', status: 'OPEN' }])
    await h.send({ entity: 'a' })
    expect(h.alerts(perEntity.id)).toMatchObject([{ windowKey: 'a', entity: 'a', status: 'OPEN' }])
  })

  it('keys windows by no tags, all tags, or a listed set of tags', async () => {
    const base = { window: 'length(5)', condition: 'count() >= 2' } satisfies Partial<RuleInput>
    const none = await h.addRule({ name: 'tags-none', ...base })
    const all = await h.addRule({ name: 'tags-all', ...base, groupTags: 'all' })
    const listed = await h.addRule({ name: 'tags-chat', ...base, groupTags: ['chat'] })
    await h.send({ tags: { chat: '1', user: 'x' } })
    await h.send({ tags: { chat: '2', user: 'y' } })
    expect(h.alerts(none.id)).toMatchObject([{ windowKey: 'box', tags: {} }])
    expect(h.alerts(listed.id)).toEqual([])
    await h.send({ tags: { chat: '1', user: 'z' } })
    expect(h.alerts(listed.id)).toMatchObject([{ windowKey: 'box {chat=1}', tags: { chat: '1' } }])
    expect(h.alerts(all.id)).toEqual([])
    await h.send({ tags: { user: 'z', chat: '1' } })
    expect(h.alerts(all.id)).toMatchObject([
      { windowKey: 'box {chat=1, user=z}', tags: { chat: '1', user: 'z' } },
    ])
  })
})

describe('rule engine: repeat strategies', () => {
  it('fires each action by its own strategy: every REPEAT, every N-th, at most once per interval; OPEN and CANCEL once', async () => {
    const rule = await h.addRule({
      name: 'strategies',
      condition: "message != 'stop'",
      actions: [
        recordAll({ on: ['REPEAT'], repeat: { all: true } }),
        recordAll({ on: ['REPEAT'], repeat: { every: 2 } }),
        recordAll({ on: ['REPEAT'], repeat: { interval: '5 minute' } }),
        recordAll({ on: ['OPEN', 'CANCEL'] }),
      ],
    })
    await h.send()
    for (let minute = 1; minute <= 6; minute++) {
      h.advance(MINUTE)
      await h.send()
    }
    await h.send({ message: 'stop' })
    await h.send({ message: 'stop' })
    expect(h.fired(rule.id, 0)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `REPEAT ${n} 1`))
    expect(h.fired(rule.id, 1)).toEqual(['REPEAT 2 1', 'REPEAT 4 1', 'REPEAT 6 1'])
    expect(h.fired(rule.id, 2)).toEqual(['REPEAT 1 1', 'REPEAT 6 1']) // minutes 1 and 6
    expect(h.fired(rule.id, 3)).toEqual(['OPEN 0 1', 'CANCEL 6 1'])
    expect(h.deliveries().every((d) => d.outcome === 'recorded' && d.kind === 'desktop')).toBe(true)
  })

  it('gives every REPEAT of a burst its event and its actions, with one alert write per group commit', async () => {
    const rule = await h.addRule({
      name: 'burst',
      condition: "message != 'stop'",
      actions: [recordAll({ on: ['OPEN', 'REPEAT', 'CANCEL'] })],
    })
    const changes: string[] = []
    h.bus.onType('alert.changed', (e) => changes.push(`${e.transition} ${e.alert.count}`))
    const ids = await h.burst([
      ...Array.from({ length: 30 }, (_, i) => ({ message: `go ${i}` })),
      { message: 'stop' },
    ])
    expect(h.fired(rule.id)).toEqual([
      'OPEN 0 1',
      ...Array.from({ length: 29 }, (_, i) => `REPEAT ${i + 1} 1`),
      'CANCEL 29 1',
    ])
    const [alert] = h.alerts(rule.id)
    expect(alert).toMatchObject({ status: 'CANCEL', count: 29, lastMessage: 'go 29' })
    const events = h.store.alerts.events(alert!.id)
    expect(events.map((e) => e.status)).toEqual(['OPEN', ...Array(29).fill('REPEAT'), 'CANCEL'])
    expect(events.map((e) => e.messageId)).toEqual(ids)
    // Each delivery points at its own event, in order.
    const linked = h.store.db.prepare('SELECT alert_event_id AS id FROM deliveries ORDER BY id').all()
    expect(linked.map((r) => r.id)).toEqual(events.map((e) => e.id))
    // REPEATs were written together (one alert.changed carrying the newest count), not one by one: fewer
    // changes than the 31 transitions. How many fewer depends on the engine's time slices, i.e. the CPU.
    expect(changes[0]).toBe('OPEN 0')
    expect(changes.at(-1)).toBe('CANCEL 29')
    expect(changes.length).toBeLessThan(31)
  })

  it('starts the repeat count over when an alert opens again', async () => {
    await h.addRule({
      name: 'reopen',
      condition: "message != 'stop'",
      actions: [recordAll({ on: ['REPEAT'], repeat: { every: 2 } })],
    })
    for (const message of ['go', 'go', 'stop', 'go', 'go', 'go']) await h.send({ message })
    // REPEAT 1 of the first alert is not the 2nd; after reopening, REPEAT 2 of the new alert is.
    expect(h.fired()).toEqual(['REPEAT 2 1'])
  })
})

describe('rule engine: rule changes', () => {
  it.each<[string, Partial<RuleInput>]>([
    ['filter', { filter: "entity = 'box'" }],
    ['condition', { condition: "message != 'halt'" }],
    ['window', { window: 'length(3)' }],
    ['groupTags', { groupTags: 'all' }],
  ])(
    'changing the %s discards the windows and closes open alerts without firing On Cancel',
    async (_field, change) => {
      const input: RuleInput = {
        name: 'changing',
        condition: "message != 'stop'",
        actions: [recordAll({ on: ['OPEN', 'CANCEL'] })],
      }
      const rule = await h.addRule(input)
      await h.send()
      await h.engine.flush()
      expect(h.store.rules.loadWindows(rule.id)).toHaveLength(1)
      await h.rules.update(rule.id, { ...input, ...change })
      await h.settle()
      const [closed] = h.alerts(rule.id)
      expect(closed).toMatchObject({ open: false, closedBy: 'rule_changed' })
      expect(h.store.alerts.events(closed!.id).map((e) => e.status)).toEqual(['OPEN', 'CLOSED'])
      expect(h.store.rules.loadWindows(rule.id)).toEqual([])
      expect(h.fired()).toEqual(['OPEN 0 1'])
      // The window starts again from CANCEL: the next true opens a new alert.
      await h.send()
      expect(h.fired()).toEqual(['OPEN 0 1', 'OPEN 0 1'])
      expect(h.alerts(rule.id)).toHaveLength(2)
    },
  )

  it('keeps windows and open alerts when only the actions or the name change', async () => {
    const input: RuleInput = { name: 'stable', actions: [recordAll()] }
    const rule = await h.addRule(input)
    await h.send()
    await h.rules.update(rule.id, {
      ...input,
      name: 'stable, renamed',
      actions: [recordAll({ title: '${status}!' })],
    })
    await h.send()
    expect(h.fired()).toEqual(['OPEN 0 1', 'REPEAT! 1 1'])
    expect(h.alerts(rule.id)).toMatchObject([{ status: 'REPEAT', open: true, count: 1 }])
  })

  it('closes the open alerts of a deleted rule without firing On Cancel', async () => {
    const rule = await h.addRule({ name: 'doomed', actions: [recordAll()] })
    await h.send()
    await h.rules.delete(rule.id)
    await h.settle()
    expect(h.alerts(rule.id)).toMatchObject([{ open: false, closedBy: 'rule_changed' }])
    expect(h.fired()).toEqual(['OPEN 0 1'])
    await h.send()
    expect(h.fired()).toEqual(['OPEN 0 1'])
  })
})

describe('rule engine: errors', () => {
  it('reports an evaluation error on its rule and keeps evaluating other rules and later messages', async () => {
    const broken = await h.addRule({ name: 'broken', condition: 'tags.n * 2 > 1', actions: [recordAll()] })
    const healthy = await h.addRule({ name: 'healthy', actions: [recordAll()] })
    await h.send({ tags: { n: 'abc' } })
    expect(h.rules.get(broken.id).lastError).toMatchObject({
      message: expect.stringMatching(/^condition: .*needs numbers/),
      at: '2024-05-29T16:00:00.000Z',
    })
    expect(h.rules.get(healthy.id).lastError).toBeNull()
    expect(h.fired(healthy.id)).toEqual(['OPEN 0 1'])
    expect(h.alerts(broken.id)).toEqual([])
    await h.send({ tags: { n: '3' } })
    expect(h.fired(broken.id)).toEqual(['OPEN 0 1'])
    expect(h.logs.join('')).toContain('rule evaluation failed')
  })

  it('reports a filter that fails to evaluate and treats the command as not matching', async () => {
    const rule = await h.addRule({
      name: 'bad-filter',
      filter: '10 / toNumber(tags.d) > 1',
      actions: [recordAll()],
    })
    await h.send({ tags: { d: '0' } })
    expect(h.alerts(rule.id)).toEqual([])
    expect(h.rules.get(rule.id).lastError?.message).toMatch(/^filter: .*Division by zero/)
    await h.send({ tags: { d: '2' } })
    expect(h.fired(rule.id)).toEqual(['OPEN 0 1'])
  })

  it('leaves a placeholder that fails to evaluate in the text, reports it, and still delivers', async () => {
    const rule = await h.addRule({
      name: 'bad-text',
      actions: [recordAll({ title: '${status}', text: 'n=${tags.n * 2}' })],
    })
    await h.send({ tags: { n: 'abc' } })
    expect(h.fired(rule.id)).toEqual(['OPEN n=${tags.n * 2}'])
    expect(h.rules.get(rule.id).lastError?.message).toMatch(/^text: .*needs numbers/)
  })
})

describe('rule engine: deliveries', () => {
  it('records on each delivery which placeholders rendered empty', async () => {
    await h.addRule({
      name: 'empties',
      actions: [recordAll({ text: '${tags.missing}/${message}/${entity}' })],
    })
    await h.send({ message: null })
    const [d] = h.deliveries()
    expect(d!.request.body).toBe('OPEN\n//box')
    expect(d!.emptyPlaceholders.sort()).toEqual(['message', 'tags.missing'])
  })
})

describe('rule engine: dry run', () => {
  it('answers against the current window without changing it, its alert or its deliveries', async () => {
    const rule = await h.addRule({
      name: 'dry',
      window: 'length(5)',
      condition: 'count() >= 2',
      actions: [recordAll()],
    })
    const command = {
      entity: 'box',
      type: 'webhook',
      source: 'ci',
      severity: null,
      message: 'probe',
      date: new Date(h.now()).toISOString(),
      tags: {},
    }
    expect(h.rules.test(rule.id, { command })).toMatchObject({
      windowKey: 'box',
      status: null,
      // No window yet for `box`: the dry run would start one, so there is no status before it.
      previousStatus: null,
    })
    await h.send()
    await h.send()
    const before = { alerts: h.alerts(), deliveries: h.deliveries() }
    const result = h.rules.test(rule.id, { command })
    expect(result).toMatchObject({
      condition: { value: true, error: null },
      status: 'REPEAT',
      previousStatus: 'OPEN',
      actions: [{ fires: true, texts: { title: 'REPEAT', text: '1 3' } }],
    })
    await h.settle()
    expect({ alerts: h.alerts(), deliveries: h.deliveries() }).toEqual(before)
    // The real next message still sees two commands before it: the dry run added none.
    await h.send()
    expect(h.fired()).toEqual(['OPEN 0 2', 'REPEAT 1 3'])
  })
})

describe('rule engine: a window whose last command is large', () => {
  it('persists it by reference to its message row and reads it back on load', async () => {
    const rule = await h.addRule({
      name: 'big',
      condition: "message != 'down'",
      actions: [recordAll({ on: ['CANCEL'], text: '${abbreviate(message, 12)}' })],
    })
    const message = 'm'.repeat(INLINE_LAST_COMMAND_LIMIT + 1)
    const command = {
      entity: 'box',
      type: 'webhook',
      source: 'ci',
      severity: null,
      message,
      date: new Date(h.now()).toISOString(),
      tags: { k: 'v' },
    }
    const { messageId } = await h.store.writer.write(() =>
      h.store.requests.insert(
        {
          receivedAtMs: h.now(),
          method: 'POST',
          path: '/x',
          query: '',
          headers: {},
          body: null,
          bodySize: 0,
          bodyTruncated: false,
          contentType: null,
          remoteAddress: '127.0.0.1',
          user: null,
          authOutcome: 'anonymous',
          status: 200,
          entity: 'box',
          messageText: message,
          error: null,
          warnings: [],
          updateId: null,
        },
        command,
      ),
    )
    await h.send(command, { id: messageId! })
    await h.engine.flush()
    const [stored] = h.store.rules.loadWindows(rule.id)
    expect(JSON.stringify(stored!.state).length).toBeLessThan(2000)
    expect(stored!.state).toMatchObject({ lastByReference: true, last: { message: null, tags: {} } })

    // A restart: the window comes back (still OPEN: 'down' cancels it) with its last command read from the message.
    const get = vi.spyOn(h.store.messages, 'get')
    h.engine.load()
    expect(get).toHaveBeenCalledWith(messageId)
    expect(get.mock.results[0]!.value).toMatchObject({ message, tags: { k: 'v' } })
    await h.send({ message: 'down' }, { id: messageId! + 1000 })
    expect(h.fired(rule.id)).toEqual(['CANCEL down'])
  })

  it('keeps what identifies the command when its message row is gone', () => {
    const w = newWindow(
      {
        entity: 'e',
        type: 't',
        source: 's',
        severity: null,
        message: 'x'.repeat(70_000),
        date: 'd',
        tags: {},
      },
      5,
      1,
    )
    const stored = persistedWindow(w)
    expect(stored).toMatchObject({ lastByReference: true, last: { entity: 'e', message: null } })
    expect(restoredWindow(stored, () => null).last).toEqual({ ...w.last, message: null, tags: {} })
    expect(restoredWindow(stored, () => w.last)).toEqual(w)
    const many = newWindow(
      {
        ...w.last,
        message: 'small',
        tags: Object.fromEntries(Array.from({ length: 9000 }, (_, i) => [`tag${i}`, 'value'])),
      },
      5,
      1,
    )
    expect(persistedWindow(many)).toMatchObject({ lastByReference: true })
    const small = newWindow({ ...w.last, message: 'small' }, 5, 1)
    expect(persistedWindow(small)).toBe(small)
  })
})
