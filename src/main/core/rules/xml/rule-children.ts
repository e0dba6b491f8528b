import { WindowSpec, type RuleActionInput, type RuleInput } from '@shared/rules'
import { parseSeverity } from '../../convert/severity'
import { KEPT_FOR_EXPORT, outcome, parseAtsdBoolean, type ExtraElements } from './fields'
import { entityFilterClause } from './filter-fold'
import { describeStrategy, readAtsdInterval, readAtsdStrategy } from './strategy'
import type { FieldOutcome } from './types'
import { readWebNotification, type EndpointBinding } from './web-notification'
import { childElements, textOf, type XmlElement } from './xml-tree'

type Draft = Partial<Omit<RuleInput, 'actions' | 'atsdExtra'>>

/** What reading a `<rule>`'s children gathers, before the rule is assembled. */
export interface RuleState {
  draft: Draft
  fields: FieldOutcome[]
  extras: ExtraElements
  fatal: string[]
  warnings: string[]
  actions: RuleActionInput[]
  metric?: string
  enabled?: { element: XmlElement; index: number }
  grouping?: { strategy: string; index: number }
  tags?: { element: XmlElement; index: number }
  entityClause?: string
  webNotifications: { total: number; read: number }
  binding: EndpointBinding
}

type Handler = (element: XmlElement, state: RuleState) => FieldOutcome

const LOG_TEXTS = /^alert(Open|Cancellation)?Message(Enabled|AsOpen)?$/
const LOG_TEXT_DETAIL = 'Hookbench has no alert logger; texts kept for export'
// Maps, not object literals: element names such as `toString` must not find Object.prototype members.
const STRATEGY_USERS: ReadonlyMap<string, string> = new Map([
  ['alertStrategy', 'the alert log, which Hookbench does not have'],
  ['actionStrategy', 'script and command actions, which Hookbench does not have'],
  ['derivedCommandStrategy', 'derived commands, which Hookbench does not send'],
])

function flagHandler(apply: (flag: boolean, state: RuleState) => string): Handler {
  return (element, state) => {
    const flag = parseAtsdBoolean(textOf(element))
    if (flag === undefined)
      return outcome(element.name, 'ignored', `"${textOf(element)}" is not true/false; default used`)
    return outcome(
      element.name,
      element.name === 'disableEntityGrouping' ? 'mapped' : 'imported',
      apply(flag, state),
    )
  }
}

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    name: (element, state) => {
      state.draft.name = textOf(element).trim()
      return outcome('name', 'imported', '')
    },
    metric: (element, state) => {
      const metric = textOf(element).trim()
      if (metric.toLowerCase() === 'message') return outcome('metric', 'imported', 'message rule')
      state.metric = metric
      state.extras.add(element)
      const detail = `data type "${metric}" is not message: Hookbench only evaluates message rules, so the rule is imported disabled; kept for export`
      return outcome('metric', 'mapped', detail)
    },
    enabled: flagHandler((flag, state) => {
      state.draft.enabled = flag
      return ''
    }),
    description: (element, state) => {
      state.draft.description = textOf(element)
      return outcome('description', 'imported', '')
    },
    filter: (element, state) => {
      state.draft.filter = textOf(element)
      return outcome('filter', 'imported', '')
    },
    expression: (element, state) => {
      state.draft.condition = textOf(element)
      if (state.draft.condition.trim() === '')
        state.fatal.push('expression is empty: a rule needs a condition')
      return outcome('expression', 'mapped', 'condition')
    },
    window: (element, state) => {
      const parsed = WindowSpec.safeParse(textOf(element))
      if (parsed.success) state.draft.window = parsed.data
      else state.fatal.push(`window "${textOf(element).trim()}" is not length(N) or time(N unit)`)
      return outcome('window', parsed.success ? 'imported' : 'ignored', parsed.success ? '' : 'unreadable')
    },
    tagsGroupingStrategy: (element, state) => {
      state.grouping = { strategy: textOf(element).trim().toUpperCase(), index: state.fields.length }
      return outcome('tagsGroupingStrategy', 'mapped', '')
    },
    tags: (element, state) => {
      state.tags = { element, index: state.fields.length }
      return outcome('tags', 'mapped', '')
    },
    disableEntityGrouping: flagHandler((flag, state) => {
      state.draft.groupByEntity = !flag
      return `groupByEntity = ${!flag}`
    }),
    severity: (element, state) => {
      const text = textOf(element).trim()
      const severity = parseSeverity(text)
      if (severity === undefined) state.fatal.push(`severity "${text}" is unknown`)
      else state.draft.severity = severity
      if (severity === undefined) return outcome('severity', 'ignored', 'unknown severity')
      return outcome('severity', severity === text ? 'imported' : 'mapped', severity === text ? '' : severity)
    },
    timeFilter: (element, state) => {
      const interval = readAtsdInterval(element)
      if (!interval.ok) {
        state.extras.add(element)
        state.warnings.push(`time filter not applied: ${interval.reason}`)
        return outcome('timeFilter', 'ignored', `${interval.reason}; not applied, kept for export`)
      }
      if (interval.text === undefined) return outcome('timeFilter', 'mapped', 'count 0: no time filter')
      state.draft.timeFilter = interval.text
      return outcome('timeFilter', 'mapped', `timeFilter = "${interval.text}"`)
    },
    leavingEvents: flagHandler((flag, state) => {
      state.draft.leavingEvents = flag
      return ''
    }),
    entityFilter: (element, state) => {
      state.extras.add(element)
      const clause = entityFilterClause(textOf(element))
      if (clause !== undefined) {
        state.entityClause = clause
        return outcome('entityFilter', 'mapped', `folded into the filter: ${clause} AND (filter)`)
      }
      if (textOf(element).trim() === '') return outcome('entityFilter', 'ignored', 'empty: no entity filter')
      state.warnings.push('entity filter not applied: a name holds both quote characters')
      return outcome(
        'entityFilter',
        'ignored',
        'a name holds both quote characters; not applied, kept for export',
      )
    },
    webNotification: readNotification,
  } satisfies Record<string, Handler>),
)

function readNotification(element: XmlElement, state: RuleState): FieldOutcome {
  const index = state.webNotifications.read++
  const prefix = state.webNotifications.total > 1 ? `webNotification[${index}]` : 'webNotification'
  const { action, fields, summary } = readWebNotification(element, prefix, state.binding)
  state.fields.push(...fields)
  if (!action) state.extras.add(element)
  else state.actions.push(action)
  return outcome(prefix, action ? 'mapped' : 'ignored', action ? summary : `${summary}; kept for export`)
}

function keepForExport(element: XmlElement, state: RuleState): FieldOutcome {
  state.extras.add(element)
  const { name } = element
  if (LOG_TEXTS.test(name)) return outcome(name, 'ignored', LOG_TEXT_DETAIL)
  const user = STRATEGY_USERS.get(name)
  if (user !== undefined) {
    const strategy = describeStrategy(readAtsdStrategy(element))
    return outcome(name, 'ignored', `repeat strategy (${strategy}) of ${user}; kept for export`)
  }
  if (name === 'emailNotification')
    return outcome(name, 'ignored', 'Hookbench sends no e-mail; kept for export')
  return outcome(name, 'ignored', KEPT_FOR_EXPORT)
}

/** Reads every child in document order; single-valued elements that repeat are reported and dropped. */
export function readRuleChildren(rule: XmlElement, state: RuleState): void {
  const seen = new Set<string>()
  for (const child of childElements(rule)) {
    const handler = HANDLERS.get(child.name)
    if (handler && child.name !== 'webNotification' && seen.has(child.name)) {
      state.fields.push(
        outcome(child.name, 'ignored', 'repeated element: the first one is used, this one dropped'),
      )
      continue
    }
    seen.add(child.name)
    if (child.name === 'enabled') state.enabled = { element: child, index: state.fields.length }
    // A web notification reports its children first, then itself.
    const line = handler ? handler(child, state) : keepForExport(child, state)
    state.fields.push(line)
  }
}
