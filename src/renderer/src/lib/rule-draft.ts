import { isHeaderPlaceholder, isSecretHeader, isSecretHeaderOf } from '@shared/secret-mask'
import type { z } from 'zod'
import type { Severity } from '@shared/message'
import { quote, TELEGRAM_REPLY_ACTION, telegramReplyRule } from '@shared/rule-defaults'
import {
  DesktopAction,
  HttpAction,
  IntervalUnit,
  RuleInput,
  TelegramAction,
  type RepeatStrategy,
  type Rule,
  type RuleAction,
} from '@shared/rules'

export type ActionKind = RuleAction['kind']
export type RepeatMode = 'all' | 'every' | 'interval'
export type GroupTagsMode = 'none' | 'all' | 'list'
export type WindowKind = 'length' | 'time'
type Unit = z.infer<typeof IntervalUnit>

/** Number inputs are kept as typed (text), so a half-typed value never jumps; the core judges them on save. */
interface RepeatDraft {
  repeatMode: RepeatMode
  repeatEvery: string
  repeatIntervalCount: string
  repeatIntervalUnit: Unit
}
type Base<T> = Omit<T, 'repeat'> & RepeatDraft
export type TelegramActionDraft = Base<z.output<typeof TelegramAction>>
/**
 * Headers as `Name: value` lines, secret values as the core's placeholders (`Bearer ***`); `newSecretValues`
 * holds replacements typed in password fields (by header name), so the lines never show them.
 */
export type HttpActionDraft = Omit<Base<z.output<typeof HttpAction>>, 'headers'> & {
  headersText: string
  newSecretValues: Record<string, string>
}
export type DesktopActionDraft = Base<z.output<typeof DesktopAction>>
export type ActionDraft = TelegramActionDraft | HttpActionDraft | DesktopActionDraft

/** The rule editor's form: a rule with its window, grouping and repeat strategies split into inputs. */
export interface RuleDraft {
  name: string
  enabled: boolean
  description: string
  filter: string
  condition: string
  windowKind: WindowKind
  windowCount: string
  windowUnit: Unit
  groupByEntity: boolean
  groupTagsMode: GroupTagsMode
  groupTagsText: string
  severity: Severity
  timeFilter: string
  leavingEvents: boolean
  actions: ActionDraft[]
  atsdExtra?: Record<string, string>
}

export const INTERVAL_UNITS: readonly Unit[] = IntervalUnit.options

/** A rule with the contract's defaults and no name yet. */
export function emptyDraft(): RuleDraft {
  const defaults = RuleInput.parse({ name: 'x' })
  return { ...draftFromRule({ ...defaults, id: '', createdAt: '', updatedAt: '' }), name: '' }
}

export function draftFromRule(rule: Rule): RuleDraft {
  const window = parseWindowText(rule.window)
  const groupTags = rule.groupTags
  return {
    name: rule.name,
    enabled: rule.enabled,
    description: rule.description,
    filter: rule.filter,
    condition: rule.condition,
    windowKind: window.kind,
    windowCount: String(window.count),
    windowUnit: window.unit,
    groupByEntity: rule.groupByEntity,
    groupTagsMode: Array.isArray(groupTags) ? 'list' : groupTags,
    groupTagsText: Array.isArray(groupTags) ? groupTags.join(', ') : '',
    severity: rule.severity,
    timeFilter: rule.timeFilter ?? '',
    leavingEvents: rule.leavingEvents,
    actions: rule.actions.map(actionDraftOf),
    ...(rule.atsdExtra && { atsdExtra: rule.atsdExtra }),
  }
}

/** The draft as the API takes it (createRule, updateRule, testRuleDraft). */
export function draftToInput(draft: RuleDraft): RuleInput {
  const { windowKind, windowCount, windowUnit, groupTagsMode, groupTagsText, timeFilter, actions, ...rest } =
    draft
  const count = windowCount.trim()
  const tags = groupTagsText.split(/[\s,]+/).filter(Boolean)
  return {
    ...rest,
    window: windowKind === 'length' ? `length(${count})` : `time(${count} ${windowUnit})`,
    groupTags: groupTagsMode === 'list' ? tags : groupTagsMode,
    ...(timeFilter.trim() && { timeFilter: timeFilter.trim() }),
    actions: actions.map(actionInputOf),
  }
}

function actionDraftOf(action: RuleAction): ActionDraft {
  const { repeat, ...rest } = action
  const interval =
    'interval' in repeat ? parseInterval(repeat.interval) : { count: 5, unit: 'minute' as Unit }
  const repeatDraft: RepeatDraft = {
    repeatMode: 'all' in repeat ? 'all' : 'every' in repeat ? 'every' : 'interval',
    repeatEvery: 'every' in repeat ? String(repeat.every) : '2',
    repeatIntervalCount: String(interval.count),
    repeatIntervalUnit: interval.unit,
  }
  if (rest.kind === 'http') {
    const { headers, ...http } = rest
    return { ...http, ...repeatDraft, headersText: headersToText(headers), newSecretValues: {} }
  }
  return { ...rest, ...repeatDraft }
}

function actionInputOf(action: ActionDraft): RuleAction {
  const { repeatMode, repeatEvery, repeatIntervalCount, repeatIntervalUnit, ...rest } = action
  const repeat: RepeatStrategy =
    repeatMode === 'all'
      ? { all: true }
      : repeatMode === 'every'
        ? { every: Number(repeatEvery.trim() || NaN) }
        : { interval: `${repeatIntervalCount.trim()} ${repeatIntervalUnit}` }
  if (rest.kind === 'http') {
    const { headersText, newSecretValues, ...http } = rest
    return { ...http, repeat, headers: withNewSecretValues(textToHeaders(headersText), newSecretValues) }
  }
  return { ...rest, repeat }
}

/**
 * A new action with the contract's defaults; a Telegram one answers the chat the message came from, on OPEN
 * and every REPEAT (@shared/rule-defaults).
 */
export function newAction(kind: ActionKind): ActionDraft {
  if (kind === 'telegram') return actionDraftOf(TelegramAction.parse(TELEGRAM_REPLY_ACTION))
  if (kind === 'http') return actionDraftOf(HttpAction.parse({ kind, url: 'https://' }))
  return actionDraftOf(DesktopAction.parse({ kind }))
}

/** What "New rule from this message" knows about the message. */
export interface MessageFacts {
  entity: string
  /** The Telegram chat the message came from, when it has one. */
  chatId: string | null
}

/**
 * Prefill for `#/rules/new?fromMessage=ID`: a filter on the message's entity and, for a Telegram chat, the
 * shared reply rule (one window per chat, a reply on OPEN and REPEAT: @shared/rule-defaults).
 */
export function prefillFromMessage(draft: RuleDraft, facts: MessageFacts): RuleDraft {
  const name = draft.name || `Reply to ${facts.entity}`
  if (facts.chatId === null) return { ...draft, name, filter: `entity = ${quote(facts.entity)}` }
  const reply = telegramReplyRule(facts.entity)
  const base = draftFromRule({ ...RuleInput.parse(reply), id: '', createdAt: '', updatedAt: '' })
  return {
    ...draft,
    name,
    filter: base.filter,
    groupByEntity: base.groupByEntity,
    groupTagsMode: base.groupTagsMode,
    groupTagsText: base.groupTagsText,
    actions: [...base.actions, ...draft.actions],
  }
}

export { quote }

export function parseWindowText(text: string): { kind: WindowKind; count: number; unit: Unit } {
  const length = /^length\(\s*(\d+)\s*\)$/i.exec(text.trim())
  if (length) return { kind: 'length', count: Number(length[1]), unit: 'minute' }
  const time = /^time\(\s*(.+?)\s*\)$/i.exec(text.trim())
  if (time) return { kind: 'time', ...parseInterval(time[1] ?? '') }
  return { kind: 'length', count: 1, unit: 'minute' }
}

/** `"5 minutes"` → `{ count: 5, unit: 'minute' }`; anything else → 1 minute. */
export function parseInterval(text: string): { count: number; unit: Unit } {
  const match = /^(\d+)\s+([a-z]+?)s?$/i.exec(text.trim())
  const unit = match?.[2]?.toLowerCase()
  const known = INTERVAL_UNITS.find((candidate) => candidate === unit)
  return match && known ? { count: Number(match[1]), unit: known } : { count: 1, unit: 'minute' }
}

/** HTTP headers as `Name: value` lines (the ATSD endpoint format). */
export function headersToText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')
}

/** `Name: value` lines → headers; lines without a name are left out. */
export function textToHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    const name = (colon === -1 ? line : line.slice(0, colon)).trim()
    if (name) headers[name] = colon === -1 ? '' : line.slice(colon + 1).trim()
  }
  return headers
}

/** One line for the rules list: what a rule listens to and when it fires. */
export function ruleSummary(rule: Pick<Rule, 'filter' | 'condition'>): string {
  const filter = rule.filter.trim() || 'every message'
  const condition = rule.condition.trim()
  return condition && condition.toLowerCase() !== 'true' ? `${filter} · when ${condition}` : filter
}

/**
 * One header of an HTTP action for its "secret" check boxes: always secret by name, or marked by the user;
 * `stored` when its value is the core's placeholder for a value in the secret store (it can be replaced).
 */
export interface SecretHeaderRow {
  name: string
  always: boolean
  marked: boolean
  stored: boolean
}

/** The headers named in `headersText`, each with whether its value is a secret (kept in the secret store). */
export function secretHeaderRows(
  headersText: string,
  secretHeaders: readonly string[] = [],
): SecretHeaderRow[] {
  const marked = new Set(secretHeaders.map((n) => n.toLowerCase()))
  return Object.entries(textToHeaders(headersText)).map(([name, value]) => ({
    name,
    always: isSecretHeader(name),
    marked: marked.has(name.toLowerCase()),
    stored: isSecretHeaderOf(name, secretHeaders) && isHeaderPlaceholder(name, value),
  }))
}

/** `newSecretValues` with the replacement typed for `name` (an empty one means: keep the stored value). */
export function setNewSecretValue(
  values: Record<string, string>,
  name: string,
  value: string,
): Record<string, string> {
  const { [name]: _old, ...rest } = values
  return value === '' ? rest : { ...rest, [name]: value }
}

/** Headers with the replacements typed for stored secret values; one for a header no longer there is dropped. */
function withNewSecretValues(headers: Record<string, string>, values: Record<string, string>) {
  const out = { ...headers }
  for (const [name, value] of Object.entries(values)) if (name in out) out[name] = value
  return out
}

/**
 * The draft after a save, from the rule the core answered: each HTTP action takes its id (given on the first
 * save) and its headers as stored, so a value just typed shows as its placeholder and a replacement is done.
 */
export function adoptSavedActions(draft: RuleDraft, rule: Rule): RuleDraft {
  const actions = draft.actions.map((action, i) => {
    const saved = rule.actions[i]
    if (action.kind !== 'http' || saved?.kind !== 'http') return action
    return { ...action, id: saved.id, headersText: headersToText(saved.headers), newSecretValues: {} }
  })
  return { ...draft, actions }
}

/** `secretHeaders` with `name` marked or not (case-insensitive; undefined when none is left). */
export function markSecretHeader(
  secretHeaders: readonly string[] | undefined,
  name: string,
  secret: boolean,
): string[] | undefined {
  const rest = (secretHeaders ?? []).filter((n) => n.toLowerCase() !== name.toLowerCase())
  const next = secret ? [...rest, name] : rest
  return next.length > 0 ? next : undefined
}
