import { createHash, randomUUID } from 'node:crypto'
import type { ImportResult, RuleSummary } from '@shared/rules-api'
import type { Alert, RuleTestResult } from '@shared/alerts'
import { AppError } from '@shared/errors'
import type { MessageCommand } from '@shared/message'
import type { RuleInput } from '@shared/rules'
import type { EventBus } from '../events'
import type { SecretStore } from '../settings'
import type { Store, StoredRule } from '../store'
import { actionTemplates, checkActionUrls, compileRule, type CompiledRule } from './compile'
import type { RuleEngine } from './engine'
import { collectTagNames, parseTemplate, type Expr } from './expr'
import {
  headerSecretNames,
  maskHeaderSecrets,
  planEndpointHeaderSecrets,
  planHeaderSecrets,
  withEndpointHeaderSecrets,
} from './header-secrets'
import { parseXmlOffThread } from './parse-xml-off-thread'
import { exportAtsdRulesXml, importAtsdRoot, type ImportedEndpoint } from './xml'

const botSecretName = (id: string) => `bot:${id}`
/** A stable id for a bot token that is not the token: the first 12 hex digits of its SHA-256. */
export const botIdOf = (token: string) =>
  `bot-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`

export interface RulesServiceDeps {
  store: Store
  engine: RuleEngine
  bus: EventBus
  secrets: SecretStore
  now: () => number
}

/**
 * Rules CRUD, ATSD XML import/export, dry runs, and acknowledging or closing alerts by hand. Every save
 * compiles first: nothing invalid is stored.
 */
export function createRulesService({ store, engine, bus, secrets, now }: RulesServiceDeps) {
  function summary(stored: StoredRule, openCounts?: Map<string, number>): RuleSummary {
    const compiled = compileRule(stored.id, stored.definition, {
      createdAt: new Date(stored.createdAtMs).toISOString(),
      updatedAt: new Date(stored.updatedAtMs).toISOString(),
    })
    return {
      ...compiled.rule,
      openAlerts: (openCounts ?? store.alerts.openCountByRule()).get(stored.id) ?? 0,
      lastFiredAt: lastFiredOf(stored),
      lastError: engine.lastError(stored.id),
    }
  }

  const lastFiredOf = (stored: StoredRule): string | null => {
    const ms = engine.pendingLastFired(stored.id) ?? stored.lastFiredAtMs
    return ms === null ? null : new Date(ms).toISOString()
  }

  /** Bot tokens move to the secret store; the rule keeps only the bot's id. */
  function withoutSecrets(input: unknown): unknown {
    if (!input || typeof input !== 'object' || !Array.isArray((input as RuleInput).actions)) return input
    const rule = input as RuleInput
    return {
      ...rule,
      actions: rule.actions!.map((a) => {
        if (a.kind !== 'telegram' || !a.botToken) return a
        const id = botIdOf(a.botToken)
        secrets.set(botSecretName(id), a.botToken)
        const { botToken: _t, ...rest } = a
        return { ...rest, botId: id }
      }),
    }
  }

  /** Tag names the rule reads that no stored message has carried (a likely typo). */
  function unknownTagWarnings(c: CompiledRule): string[] {
    const names = new Set<string>()
    const exprs: Expr[] = [c.condition, ...(c.filter ? [c.filter] : [])]
    for (const action of c.rule.actions) {
      for (const [, text] of actionTemplates(action)) {
        for (const part of parseTemplate(text)) if (part.kind === 'expr' && part.expr) exprs.push(part.expr)
      }
    }
    for (const e of exprs) collectTagNames(e).forEach((n) => names.add(n.toLowerCase()))
    if (!store.messages.any()) return []
    return [...names]
      .filter((n) => !store.messages.recentlyCarried(n))
      .map(
        (n) =>
          `No stored message has carried tag "${n}" yet: check the name (it renders empty until one does).`,
      )
  }

  async function save(id: string, input: unknown) {
    const clean = withoutSecrets(input)
    const compiled = compileRule(id, clean)
    checkActionUrls(compiled.rule)
    const clash = store.rules.byName(compiled.rule.name)
    if (clash && clash.id !== id) {
      throw new AppError('conflict', `A rule named "${compiled.rule.name}" already exists.`, {
        where: [{ path: ['name'] }],
        field: 'name',
      })
    }
    const { id: _id, createdAt: _c, updatedAt: _u, ...rule } = compiled.rule
    // Secret header values go to the secret store before the rule that points at them is written, the ones
    // it no longer points at (a header or action removed, a value cleared) are deleted after.
    const plan = planHeaderSecrets(id, rule.actions, secrets)
    const before = headerSecretNames(id, store.rules.get(id)?.definition.actions)
    for (const [name, value] of plan.values) if (secrets.get(name) !== value) secrets.set(name, value)
    const definition = { ...rule, actions: plan.actions }
    await store.writer.write(() => store.rules.upsert(id, definition, now()))
    for (const name of before) if (!plan.values.has(name)) secrets.delete(name)
    const stored = store.rules.get(id)!
    await engine.ruleChanged(stored)
    bus.emit({ type: 'rules.changed' })
    return { rule: summary(stored), warnings: unknownTagWarnings(compiled) }
  }

  function get(id: string): StoredRule {
    const stored = store.rules.get(id)
    if (!stored) throw new AppError('not_found', `No rule with id ${id}.`, { where: [{ path: ['id'] }] })
    return stored
  }

  function commandFor(input: { messageId?: number | undefined; command?: MessageCommand | undefined }) {
    if (input.command) return { command: input.command, messageId: null, receivedAtMs: now() }
    const m = store.messages.get(input.messageId!)
    if (!m)
      throw new AppError('not_found', `No message with id ${input.messageId}.`, {
        where: [{ path: ['messageId'] }],
      })
    const { id, requestId: _r, receivedAt, ...command } = m
    return { command, messageId: id, receivedAtMs: Date.parse(receivedAt) }
  }

  return {
    list(): RuleSummary[] {
      const counts = store.alerts.openCountByRule()
      return store.rules.list().map((r) => summary(r, counts))
    },
    get: (id: string) => summary(get(id)),
    create: (input: unknown) => save(randomUUID(), input),
    update: (id: string, input: unknown) => {
      get(id)
      return save(id, input)
    },
    async delete(id: string) {
      const secretNames = headerSecretNames(id, store.rules.get(id)?.definition.actions)
      const deleted = await store.writer.write(() => store.rules.delete(id))
      if (deleted) {
        secretNames.forEach((name) => secrets.delete(name))
        await engine.ruleDeleted(id)
        bus.emit({ type: 'rules.changed' })
      }
      return { deleted }
    },
    test(
      id: string,
      input: { messageId?: number | undefined; command?: MessageCommand | undefined },
    ): RuleTestResult {
      const stored = get(id)
      const { command, messageId, receivedAtMs } = commandFor(input)
      return engine.test(compileRule(stored.id, stored.definition), command, messageId, receivedAtMs)
    },
    testDraft(
      rule: unknown,
      input: { messageId?: number | undefined; command?: MessageCommand | undefined },
    ): RuleTestResult {
      const { command, messageId, receivedAtMs } = commandFor(input)
      const id = typeof (rule as { id?: unknown })?.id === 'string' ? (rule as { id: string }).id : 'draft'
      const compiled = compileRule(id, withoutSecrets(rule))
      // A draft may carry a secret header value just typed: its dry run shows the placeholder, as a saved one.
      const masked = {
        ...compiled,
        rule: { ...compiled.rule, actions: maskHeaderSecrets(compiled.rule.actions) },
      }
      return engine.test(masked, command, messageId, receivedAtMs)
    },
    /**
     * Every rule's verdict on one stored message now (the inspector's "which rules matched"), without side
     * effects, beside what the rules did when it arrived (`recorded`, from alert history).
     */
    matchMessage(messageId: number) {
      const { command, receivedAtMs } = commandFor({ messageId })
      const items = store.rules.list().map((stored) => {
        const compiled = compileRule(stored.id, stored.definition)
        return {
          ruleId: stored.id,
          rule: compiled.rule.name,
          enabled: compiled.rule.enabled,
          result: engine.test(compiled, command, messageId, receivedAtMs),
        }
      })
      return { items, recorded: store.alerts.outcomesOfMessage(messageId) }
    },
    async importXml(xml: string): Promise<ImportResult> {
      const parsed = importAtsdRoot(await parseXmlOffThread(xml), { endpoints: loadEndpoints() })
      if (!parsed.ok) {
        const e = parsed.error
        // The place once, at the top level (where[] would repeat it); none when the error has no position.
        throw new AppError('syntax', `Rules XML: ${e.message}`, {
          ...(e.line !== undefined && { line: e.line }),
          ...(e.column !== undefined && { column: e.column }),
        })
      }
      const { rules, endpoints, report } = parsed.value
      if (endpoints.length > 0) {
        // The secrets (password, secret headers) go to the secret store before the endpoints that point at them
        // are written, and outside the write, which may run twice (writer.ts).
        const stored = endpoints.map((ep) => {
          const { password, ...rest } = ep
          if (password) secrets.set(`endpoint:${ep.name}`, password)
          const plan = planEndpointHeaderSecrets(ep.name, ep.headers)
          for (const [name, value] of plan.values) secrets.set(name, value)
          return {
            name: ep.name,
            definition: JSON.stringify({ ...rest, headers: plan.headers, password: '' }),
          }
        })
        await store.writer.write(() => {
          for (const ep of stored) {
            store.db
              .prepare(
                'INSERT INTO endpoints (name, definition) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET definition = excluded.definition',
              )
              .run(ep.name, ep.definition)
          }
        })
      }
      const results: ImportResult['rules'] = []
      // The importer's report lists every <rule>, skipped ones included; `rules` holds only the importable.
      const reported = report.rules.filter((r) => r.status !== 'skipped')
      for (const [i, rule] of rules.entries()) {
        const rep = reported[i] ?? { name: rule.name, status: 'imported' as const, fields: [] }
        const existing = store.rules.byName(rule.name)
        try {
          const saved = await save(existing?.id ?? randomUUID(), rule)
          results.push({
            name: rule.name,
            status: existing ? 'replaced' : rep.status,
            id: saved.rule.id,
            fields: rep.fields,
            error: null,
          })
        } catch (err) {
          results.push({
            name: rule.name,
            status: 'skipped',
            id: null,
            fields: rep.fields,
            error: (err as Error).message,
          })
        }
      }
      for (const rep of report.rules.filter((r) => r.status === 'skipped')) {
        const why =
          rep.fields.find((f) => f.outcome === 'ignored')?.detail ?? 'not representable in Hookbench'
        results.push({ name: rep.name, status: 'skipped', id: null, fields: rep.fields, error: why })
      }
      return { rules: results, endpoints: report.endpoints, warnings: report.warnings }
    },
    exportXml(ids?: string[]): string {
      const chosen = store.rules.list().filter((r) => !ids || ids.includes(r.id))
      return exportAtsdRulesXml(chosen.map((r) => r.definition))
    },
    /** The token of a stored bot (by id), for the notifier. */
    botToken: (id: string) => secrets.get(botSecretName(id)),
    /** Acknowledges an alert (it stays open) at the injected clock's time; null when there is no such alert. */
    async acknowledgeAlert(id: number): Promise<Alert | null> {
      // Background, as the engine's alert writes are: after the transitions queued before it.
      const alert = await store.writer.write(() => store.alerts.acknowledge(id, now()), 'background')
      if (alert) bus.emit({ type: 'alert.changed', alert, transition: 'ACKNOWLEDGED' })
      return alert
    },
    /** Closes an alert by hand; its window starts over, so the next true condition opens a new alert. */
    async closeAlert(id: number): Promise<Alert | null> {
      const alert = await store.writer.write(() => store.alerts.closeByHand(id, now()), 'background')
      if (alert) {
        engine.alertClosedByHand(id)
        bus.emit({ type: 'alert.changed', alert, transition: 'CLOSED' })
      }
      return alert
    },
  }

  function loadEndpoints() {
    return (store.db.prepare('SELECT definition FROM endpoints').all() as { definition: string }[]).map(
      (r) => {
        const ep = JSON.parse(r.definition) as ImportedEndpoint
        const headers = withEndpointHeaderSecrets(ep.name, ep.headers, secrets)
        return { ...ep, headers, password: secrets.get(`endpoint:${ep.name}`) ?? '' }
      },
    )
  }
}
export type RulesService = ReturnType<typeof createRulesService>
