import { RuleInput } from '@shared/rules'
import { createExtraElements, outcome } from './fields'
import { foldFilter } from './filter-fold'
import { readRuleChildren, type RuleState } from './rule-children'
import type { RuleReport } from './types'
import type { EndpointBinding } from './web-notification'
import { childElements, textOf, type XmlElement } from './xml-tree'

const GROUPING: Readonly<Record<string, 'none' | 'all'>> = { NO_TAGS: 'none', ALL_TAGS: 'all' }

function resolveGrouping(state: RuleState): void {
  const { grouping, tags } = state
  const tagNames = tags ? [...new Set(textOf(tags.element).split(/[\s,]+/))].filter((tag) => tag !== '') : []
  const defined = grouping?.strategy === 'DEFINED_TAGS'
  if (grouping) {
    let detail = `unknown strategy "${grouping.strategy}": grouped by no tags`
    const simple = GROUPING[grouping.strategy]
    if (simple) {
      state.draft.groupTags = simple
      detail = `groupTags = '${simple}'`
    } else if (defined && tagNames.length > 0) {
      state.draft.groupTags = tagNames
      detail = `groupTags = ${JSON.stringify(tagNames)} (from tags)`
    } else if (defined) detail = 'DEFINED_TAGS without tag names: grouped by no tags'
    const known = simple !== undefined || (defined && tagNames.length > 0)
    state.fields[grouping.index] = outcome('tagsGroupingStrategy', known ? 'mapped' : 'ignored', detail)
  }
  if (!tags) return
  if (defined && tagNames.length > 0) {
    state.fields[tags.index] = outcome('tags', 'mapped', 'grouping tag names')
    return
  }
  state.extras.add(tags.element)
  state.fields[tags.index] = outcome('tags', 'ignored', 'only used with DEFINED_TAGS; kept for export')
}

/** A rule of another data type stays in Hookbench switched off; ATSD's own flag is kept for export. */
function disableForeignRule(state: RuleState): void {
  state.draft.enabled = false
  if (!state.enabled) return
  state.extras.add(state.enabled.element)
  state.fields[state.enabled.index] = outcome(
    'enabled',
    'mapped',
    "false: Hookbench cannot evaluate this rule; ATSD's value kept for export",
  )
}

function newState(rule: XmlElement, binding: EndpointBinding): RuleState {
  const total = childElements(rule).filter((child) => child.name === 'webNotification').length
  return {
    draft: {},
    fields: [],
    extras: createExtraElements(),
    fatal: [],
    warnings: [],
    actions: [],
    webNotifications: { total, read: 0 },
    binding,
  }
}

/**
 * Maps one `<rule>` (ATSD-BEHAVIOUR §8). `warnings` are document-level notes for the report; a rule that
 * cannot be represented comes back without `rule` and with status `skipped`.
 */
export function importRule(
  element: XmlElement,
  position: number,
  binding: EndpointBinding,
): { rule?: RuleInput; report: RuleReport; warnings: string[] } {
  const state = newState(element, binding)
  readRuleChildren(element, state)
  resolveGrouping(state)
  const foreign = state.metric !== undefined
  if (foreign) disableForeignRule(state)
  if (state.entityClause !== undefined)
    state.draft.filter = foldFilter(state.entityClause, state.draft.filter ?? '')
  if ((state.draft.name ?? '') === '') state.fatal.push('name is missing')
  if (state.draft.condition === undefined) state.fatal.push('expression is missing: a rule needs a condition')
  const name = state.draft.name || `(rule #${position + 1})`
  const atsdExtra = state.extras.toRecord()
  const candidate = { ...state.draft, actions: state.actions, ...(atsdExtra ? { atsdExtra } : {}) }
  // Schema limits (lengths, counts) are checked once the XML-level problems are known to be none.
  const parsed = state.fatal.length === 0 ? RuleInput.safeParse(candidate) : undefined
  for (const issue of parsed?.error?.issues ?? []) {
    state.fatal.push(`${issue.path.join('.') || 'rule'}: ${issue.message}`)
  }
  const warnings = state.warnings.map((warning) => `Rule "${name}": ${warning}`)
  if (!parsed?.success) {
    const reasons = state.fatal.map((reason) => outcome('rule', 'ignored', `skipped: ${reason}`))
    return { report: { name, status: 'skipped', fields: [...reasons, ...state.fields] }, warnings }
  }
  const status = foreign ? 'imported_disabled' : 'imported'
  return { rule: parsed.data, report: { name, status, fields: state.fields }, warnings }
}
