import { RuleInput, type RuleAction } from '@shared/rules'
import { assembleChildren, parseExtra } from './extras'
import { entityFilterClause, unfoldFilter } from './filter-fold'
import { atsdIntervalElement } from './strategy'
import { webNotificationElement } from './web-notification-export'
import { textOf, type XmlElement } from './xml-tree'
import { branch, comment, indentLine, leaf, serializePretty } from './xml-write'

type Rule = ReturnType<typeof RuleInput.parse>
type Extras = Record<string, string>

const words = (text: string): string[] => text.trim().split(/\s+/)

// ATSD's element order (XStream field order), as its exports show.
const RULE_ORDER = words(`
  name metric tags tagsGroupingStrategy expression window filter severity alertOpenMessage
  alertMessage alertMessageAsOpen alertCancellationMessage alertCancellationMessageAsOpen
  alertStrategy userExpressions lastUpdated enabled disableEntityGrouping leavingEvents loadHistory
  scriptAsOpen alertCancellationScriptAsOpen logOutput owner description actionStrategy entityFilter
  timeFilter discardPreviousValues emailNotification webNotification ruleTable alertLoggerName
  derivedCommand derivedCommandEnabled derivedCommandStrategy alertOpenMessageEnabled
  alertMessageEnabled alertCancellationMessageEnabled alertOpenScriptEnabled scriptEnabled
  alertCancellationScriptEnabled
`)
// Written from the rule's own fields (or chosen from extras below); never copied blindly from atsdExtra.
const RULE_RESERVED = new Set(
  words(`
  name metric tags tagsGroupingStrategy expression window filter severity enabled
  disableEntityGrouping leavingEvents description entityFilter timeFilter
`),
)
const GROUPING = { none: 'NO_TAGS', all: 'ALL_TAGS' } as const

/** Takes a readable extra out of `extras` (it is then the caller's to write). */
function takeExtra(extras: Extras, name: string): XmlElement[] | undefined {
  const raw = extras[name]
  const elements = raw === undefined ? undefined : parseExtra(name, raw)
  if (elements) delete extras[name]
  return elements
}

/** The entity filter comes back out of the filter expression it was folded into on import. */
function splitFilter(rule: Rule, extras: Extras, written: Map<string, XmlElement[]>): string {
  const elements = takeExtra(extras, 'entityFilter')
  const first = elements?.[0]
  if (!elements || !first) return rule.filter
  const clause = entityFilterClause(textOf(first))
  const original = clause === undefined ? rule.filter : unfoldFilter(clause, rule.filter)
  // The clause was edited away in Hookbench: the entity filter no longer applies, so it is not written.
  if (original !== undefined) written.set('entityFilter', elements)
  return original ?? rule.filter
}

function ruleFields(rule: Rule, extras: Extras): Map<string, XmlElement[]> {
  const written = new Map<string, XmlElement[]>()
  const set = (name: string, element: XmlElement | undefined): void => {
    if (element) written.set(name, [element])
  }
  const filter = splitFilter(rule, extras, written)
  const metric = takeExtra(extras, 'metric')
  const enabled = metric ? takeExtra(extras, 'enabled') : undefined
  // A tag list is ATSD's DEFINED_TAGS; otherwise an unused list kept from the import goes back as it was.
  const tags = Array.isArray(rule.groupTags)
    ? [leaf('tags', rule.groupTags.join(','))]
    : takeExtra(extras, 'tags')
  written.set('metric', metric ?? [leaf('metric', 'message')])
  written.set('enabled', enabled ?? [leaf('enabled', String(rule.enabled))])
  set('name', leaf('name', rule.name))
  if (tags) written.set('tags', tags)
  set(
    'tagsGroupingStrategy',
    leaf('tagsGroupingStrategy', Array.isArray(rule.groupTags) ? 'DEFINED_TAGS' : GROUPING[rule.groupTags]),
  )
  set('expression', leaf('expression', rule.condition, { cdata: true }))
  set('window', leaf('window', rule.window))
  set('filter', filter === '' ? undefined : leaf('filter', filter))
  set('severity', leaf('severity', rule.severity))
  set('disableEntityGrouping', leaf('disableEntityGrouping', String(!rule.groupByEntity)))
  set('leavingEvents', leaf('leavingEvents', String(rule.leavingEvents)))
  set(
    'description',
    rule.description === '' ? undefined : leaf('description', rule.description, { cdata: true }),
  )
  const timeFilter = rule.timeFilter
    ? [atsdIntervalElement('timeFilter', rule.timeFilter)]
    : takeExtra(extras, 'timeFilter')
  if (timeFilter) written.set('timeFilter', timeFilter)
  return written
}

function actionElements(rule: Rule, notes: string[]): XmlElement[] {
  return rule.actions.flatMap((action: RuleAction, index) => {
    const label = `Rule "${rule.name}", action ${index + 1} (${action.kind})`
    if (action.kind !== 'http') {
      notes.push(`${label} has no ATSD equivalent and was not exported.`)
      return []
    }
    if (!action.endpoint) {
      notes.push(
        `${label} has no ATSD endpoint and was not exported; create a web notification for it in ATSD.`,
      )
      return []
    }
    const { element, refused } = webNotificationElement(action, action.endpoint, rule.name)
    for (const name of refused)
      notes.push(`${label}: kept element <${name}> is not valid XML for it and was not exported.`)
    return [element]
  })
}

function ruleLines(input: RuleInput, position: number): string[] {
  const parsed = RuleInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? `${issue.path.join('.') || 'rule'}: ${issue.message}` : 'invalid'
    return [
      indentLine(
        comment(`Hookbench: rule #${position + 1} is not valid (${where}) and was not exported.`),
        1,
      ),
    ]
  }
  const rule = parsed.data
  const extras: Extras = { ...rule.atsdExtra }
  const notes: string[] = []
  const written = ruleFields(rule, extras)
  const notifications = actionElements(rule, notes)
  if (notifications.length > 0) written.set('webNotification', notifications)
  const { children, refused } = assembleChildren(RULE_ORDER, written, extras, RULE_RESERVED)
  for (const name of refused)
    notes.push(`Rule "${rule.name}": kept element <${name}> is not valid XML for it and was not exported.`)
  const comments = notes.map((note) => indentLine(comment(`Hookbench: ${note}`), 1))
  return [...comments, serializePretty(branch('rule', children), 1)]
}

/**
 * Writes rules as ATSD rules XML (`<rules><rule>…</rule></rules>`) in ATSD's element order, with CDATA for
 * the condition and description as ATSD does. Elements kept in `atsdExtra` are written back, and the
 * entity filter folded into `filter` on import is split out again, so importing the result (with the same
 * endpoints) yields the same rules. An HTTP action is written as a `<webNotification>` of its `endpoint`
 * with its `params`; its URL, headers, body and texts are not (ATSD keeps them on the endpoint, see
 * `exportAtsdEndpointsXml`). What ATSD cannot represent (Telegram and desktop actions, HTTP actions
 * without an endpoint, invalid rules or extras) is left out with an XML comment saying so, never silently.
 */
export function exportAtsdRulesXml(rules: RuleInput[]): string {
  const lines = rules.flatMap((rule, position) => ruleLines(rule, position))
  return ['<?xml version="1.0" encoding="UTF-8"?><rules>', ...lines, '</rules>', ''].join('\n')
}
