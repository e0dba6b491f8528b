import type { RuleInput } from '@shared/rules'
import { ENDPOINT_ELEMENT, importEndpointList, MAX_ENDPOINTS } from './endpoints'
import { importRule } from './rule-import'
import type { AtsdImportResult, ImportedEndpoint, ImportReport } from './types'
import { childElements, parseXmlDocument, type XmlElement, type XmlParse } from './xml-tree'

/** Most rules one document may hold. */
export const MAX_RULES = 2000

function importRules(root: XmlElement, endpoints: ImportedEndpoint[], report: ImportReport): RuleInput[] {
  const binding = {
    endpoints: new Map(endpoints.map((endpoint) => [endpoint.name, endpoint])),
    missing: new Set<string>(),
  }
  const rules: RuleInput[] = []
  const names = new Set<string>()
  childElements(root).forEach((child, position) => {
    if (child.name !== 'rule') {
      report.warnings.push(`<${child.name}> under <rules> is not a rule; ignored and not kept`)
      return
    }
    const { rule, report: ruleReport, warnings } = importRule(child, position, binding)
    report.warnings.push(...warnings)
    if (rule && names.has(rule.name)) {
      ruleReport.status = 'skipped'
      ruleReport.fields.unshift({
        field: 'name',
        outcome: 'ignored',
        detail: 'skipped: another rule has this name',
      })
      report.warnings.push(`Rule "${rule.name}" appears twice; the first one is imported.`)
    } else if (rule) {
      names.add(rule.name)
      rules.push(rule)
    }
    report.rules.push(ruleReport)
  })
  for (const name of binding.missing) {
    report.warnings.push(
      `Endpoint "${name}" is used by rules but was not supplied: import its WebNotificationConfig XML first, ` +
        'then import the rules again so their HTTP actions get its URL, headers and body.',
    )
  }
  return rules
}

function countOf(root: XmlElement, name: string): number {
  return childElements(root).filter((child) => child.name === name).length
}

/**
 * Imports an ATSD export: a `<rules>` document (rules XML) or a `<list>` of WebNotificationConfig
 * endpoints, told apart by the root element. Pure and total: refusals (malformed XML with line/column,
 * DOCTYPE/ENTITY declarations, more than 5 MiB or {@link MAX_RULES} rules, another root) are returned as
 * an error, never thrown.
 *
 * Rules map per ATSD-BEHAVIOUR §8; the report lists every element of every rule as imported, mapped or
 * ignored. `webNotification` blocks become HTTP actions bound to their endpoint by name: with the
 * endpoint in `opts.endpoints`, its method, URL, headers and body are copied into the action; without it
 * the action's URL is `atsd-endpoint:NAME` and the report asks for the endpoint.
 */
export function importAtsdXml(xml: string, opts: { endpoints?: ImportedEndpoint[] } = {}): AtsdImportResult {
  if (typeof xml !== 'string') return { ok: false, error: { message: 'The XML must be text.' } }
  return importAtsdRoot(parseXmlDocument(xml), opts)
}

/** {@link importAtsdXml} of a document already parsed (off the event loop, for large imports). */
export function importAtsdRoot(
  parsed: XmlParse,
  opts: { endpoints?: ImportedEndpoint[] } = {},
): AtsdImportResult {
  if (!parsed.ok) return parsed
  const root = parsed.value
  const report: ImportReport = { rules: [], endpoints: [], warnings: [] }
  if (root.name === 'rules') {
    const count = countOf(root, 'rule')
    if (count > MAX_RULES) {
      return {
        ok: false,
        error: { message: `The document holds ${count} rules; at most ${MAX_RULES} are imported at once.` },
      }
    }
    const rules = importRules(root, opts.endpoints ?? [], report)
    return { ok: true, value: { rules, endpoints: [], report } }
  }
  if (root.name === 'list') {
    const count = countOf(root, ENDPOINT_ELEMENT)
    if (count > MAX_ENDPOINTS) {
      const message = `The document holds ${count} endpoints; at most ${MAX_ENDPOINTS} are imported at once.`
      return { ok: false, error: { message } }
    }
    const endpoints = importEndpointList(root, report)
    return { ok: true, value: { rules: [], endpoints, report } }
  }
  const message =
    `The root element is <${root.name}>: expected <rules> (an ATSD rules export) or <list> ` +
    '(an ATSD web notification endpoints export).'
  return { ok: false, error: { message } }
}
