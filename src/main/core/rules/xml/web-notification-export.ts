import type { RuleAction } from '@shared/rules'
import { assembleChildren } from './extras'
import { atsdStrategyElement } from './strategy'
import { STATUS_PREFIXES } from './web-notification'
import type { XmlElement } from './xml-tree'
import { branch, leaf } from './xml-write'

type HttpActionValue = Extract<RuleAction, { kind: 'http' }>

const NOTIFICATION_ORDER = [
  'disabled',
  'rule-name',
  'repeat-interval',
  'name',
  'use-in-threshold-only',
  ...['details', 'screenshot', 'portal-ids'].flatMap((what) =>
    STATUS_PREFIXES.map(([prefix]) => `${prefix}-${what}`),
  ),
  'repeat-as-open',
  'cancel-as-open',
  'webNotificationConfigName',
  ...STATUS_PREFIXES.map(([prefix]) => `${prefix}WebConfigParameters`),
  ...STATUS_PREFIXES.map(([prefix]) => `${prefix}-enabled`),
]
// Written from the action itself; a kept extra of the same name would contradict it.
const NOTIFICATION_RESERVED = new Set([
  'disabled',
  'rule-name',
  'repeat-interval',
  'webNotificationConfigName',
  ...STATUS_PREFIXES.flatMap(([prefix]) => [`${prefix}WebConfigParameters`, `${prefix}-enabled`]),
])

/** `<webNotification>` for an HTTP action bound to an ATSD endpoint; `refused` lists unusable extras. */
export function webNotificationElement(
  action: HttpActionValue,
  endpoint: string,
  ruleName: string,
): { element: XmlElement; refused: string[] } {
  const written = new Map<string, XmlElement[]>([
    ['disabled', [leaf('disabled', String(!action.enabled))]],
    ['rule-name', [leaf('rule-name', ruleName)]],
    ['repeat-interval', [atsdStrategyElement('repeat-interval', action.repeat)]],
    ['webNotificationConfigName', [leaf('webNotificationConfigName', endpoint)]],
  ])
  for (const [prefix, status] of STATUS_PREFIXES) {
    const values = Object.entries(action.params?.[status] ?? {})
    const name = `${prefix}WebConfigParameters`
    written.set(
      name,
      values.map(([key, value]) => branch(name, [leaf('key', key), leaf('value', value)])),
    )
    written.set(`${prefix}-enabled`, [leaf(`${prefix}-enabled`, String(action.on.includes(status)))])
  }
  const { children, refused } = assembleChildren(
    NOTIFICATION_ORDER,
    written,
    action.atsdExtra,
    NOTIFICATION_RESERVED,
  )
  return { element: branch('webNotification', children), refused }
}
