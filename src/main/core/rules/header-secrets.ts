import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/errors'
import type { RuleAction, RuleActionInput } from '@shared/rules'
import { headerPlaceholder, isHeaderPlaceholder, isSecretHeaderOf } from '@shared/secret-mask'
import type { SecretStore } from '../settings'
import type { Store, StoredRule } from '../store'

// Issue 18 item 13: an HTTP action's secret header values (Authorization, X-Api-Key, names with token, secret,
// password…, and the names in `secretHeaders`) live in the secret store; the rule keeps a placeholder
// (@shared/secret-mask headerPlaceholder), which is all the database, the rules API and the editor see.

type HttpAction = Extract<RuleAction, { kind: 'http' }>
type Secrets = Pick<SecretStore, 'get'>

/**
 * Where one secret header value lives in the secret store: by rule id, action id and the header's name in
 * lower case, so renaming the rule, reordering its actions or changing a name's case keeps the value.
 */
export const headerSecretName = (ruleId: string, actionId: string, header: string) =>
  `header:${ruleId}:${actionId}:${header.toLowerCase()}`

/** An imported ATSD endpoint's secret header value (the stored endpoint keeps its placeholder). */
const endpointHeaderSecretName = (endpoint: string, header: string) =>
  `endpoint:${endpoint}:header:${header.toLowerCase()}`

/**
 * An imported endpoint's headers as stored (its own secret headers, GitHub's `Authorization: token …`, as
 * placeholders) and the values to keep in the secret store.
 */
export function planEndpointHeaderSecrets(
  endpoint: string,
  headers: Record<string, string>,
): { headers: Record<string, string>; values: Map<string, string> } {
  const values = new Map<string, string>()
  const stored: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeaderOf(name) || value === '') stored[name] = value
    else {
      values.set(endpointHeaderSecretName(endpoint, name), value)
      stored[name] = headerPlaceholder(name, value)
    }
  }
  return { headers: stored, values }
}

/** A stored endpoint's headers with their secret values back from the secret store. */
export function withEndpointHeaderSecrets(
  endpoint: string,
  headers: Record<string, string>,
  secrets: Secrets,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      (isHeaderPlaceholder(name, value) && secrets.get(endpointHeaderSecretName(endpoint, name))) || value,
    ]),
  )
}

const newActionId = () => `a-${randomUUID().slice(0, 8)}`

const isSecretOf = (action: { secretHeaders?: string[] | undefined }, name: string) =>
  isSecretHeaderOf(name, action.secretHeaders)

/** The secret-store names a stored rule's HTTP actions refer to (to delete them with the rule). */
export function headerSecretNames(ruleId: string, actions: readonly RuleActionInput[] = []): string[] {
  return actions.flatMap((a) =>
    a.kind === 'http' && a.id
      ? Object.entries(a.headers ?? {})
          .filter(([name, value]) => isSecretOf(a, name) && isHeaderPlaceholder(name, value))
          .map(([name]) => headerSecretName(ruleId, a.id!, name))
      : [],
  )
}

/** A rule's actions as stored (placeholders) and the secret values to store under their names. */
export interface HeaderSecretsPlan<A> {
  actions: A[]
  values: Map<string, string>
}

/**
 * Takes a rule's secret header values out of its actions before it is stored. Each HTTP action gets an id
 * when it has none (or shares one with an earlier action, as a copied action does). Per secret header: a
 * placeholder (`Bearer ***`) keeps the value stored for it, an empty value stays empty (nothing stored), any
 * other value is the new one. A header no longer secret (unmarked) gets its stored value back in clear. A
 * placeholder with nothing stored (a renamed header, an action copied from another rule) is refused with
 * its place, or, for `orphans: 'keep'` (the start-up migration), kept as it is.
 */
export function planHeaderSecrets<A extends RuleActionInput>(
  ruleId: string,
  actions: readonly A[],
  secrets: Secrets,
  orphans: 'refuse' | 'keep' = 'refuse',
): HeaderSecretsPlan<A> {
  const values = new Map<string, string>()
  const ids = new Set<string>()
  const out = actions.map((action, index): A => {
    if (action.kind !== 'http') return action
    const given = action.id
    const id = given && !ids.has(given) ? given : newActionId()
    ids.add(id)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(action.headers ?? {})) {
      const stored = given === undefined ? undefined : secrets.get(headerSecretName(ruleId, given, name))
      const kept = stored !== undefined && value === headerPlaceholder(name, stored)
      if (!isSecretOf(action, name)) {
        headers[name] = kept ? stored : value
      } else if (value === '' || (!kept && isHeaderPlaceholder(name, value))) {
        if (value !== '' && orphans === 'refuse') throw orphanPlaceholder(name, index)
        headers[name] = value
      } else {
        const secret = kept ? stored : value
        values.set(headerSecretName(ruleId, id, name), secret)
        headers[name] = headerPlaceholder(name, secret)
      }
    }
    return { ...action, id, headers }
  })
  return { actions: out, values }
}

function orphanPlaceholder(name: string, index: number): AppError {
  return new AppError(
    'invalid_input',
    `Header ${name} of action ${index + 1} shows the masked placeholder, but no value is stored for it ` +
      '(was the header renamed, or the action copied from another rule?): type its value again.',
    { where: [{ path: ['actions', index, 'headers', name] }] },
  )
}

/**
 * The action with its secret header values filled in from the secret store, to be sent. `missing` names the
 * headers whose stored value is gone (a secret store replaced or moved aside): they keep the placeholder.
 */
export function withHeaderSecrets(
  ruleId: string,
  action: HttpAction,
  secrets: Secrets,
): { action: HttpAction; missing: string[] } {
  const missing: string[] = []
  if (!action.id) return { action, missing }
  const headers = { ...action.headers }
  for (const [name, value] of Object.entries(action.headers)) {
    if (!isSecretOf(action, name) || !isHeaderPlaceholder(name, value)) continue
    const stored = secrets.get(headerSecretName(ruleId, action.id, name))
    if (stored === undefined) missing.push(name)
    else headers[name] = stored
  }
  return { action: { ...action, headers }, missing }
}

/** The actions with every secret header value replaced by its placeholder (a draft's dry run shows no more). */
export function maskHeaderSecrets<A extends RuleActionInput>(actions: readonly A[]): A[] {
  return actions.map((a) =>
    a.kind !== 'http' || !a.headers
      ? a
      : {
          ...a,
          headers: Object.fromEntries(
            Object.entries(a.headers).map(([name, value]) => [
              name,
              isSecretOf(a, name) && value !== '' ? headerPlaceholder(name, value) : value,
            ]),
          ),
        },
  )
}

/** An HTTP action stored before this: no id, or a secret header value in clear. */
const isOldFormat = (a: RuleActionInput) =>
  a.kind === 'http' &&
  (!a.id ||
    Object.entries(a.headers ?? {}).some(
      ([name, value]) => isSecretOf(a, name) && value !== '' && !isHeaderPlaceholder(name, value),
    ))

/**
 * Rules stored before secret header values moved out of the definition: their values go to the secret store
 * and the definition keeps placeholders (at start, before the engine loads the rules; running it again finds
 * nothing to do). `updated_at` stays: the rule did not change. Returns how many rules were rewritten.
 */
export async function migrateHeaderSecrets(store: Store, secrets: SecretStore): Promise<number> {
  const changed: { stored: StoredRule; actions: RuleActionInput[] }[] = []
  for (const stored of store.rules.list()) {
    const actions = stored.definition.actions ?? []
    if (!actions.some(isOldFormat)) continue
    const plan = planHeaderSecrets(stored.id, actions, secrets, 'keep')
    // Before the definitions lose their values: a crash in between leaves values to move on the next start.
    for (const [name, value] of plan.values) if (secrets.get(name) !== value) secrets.set(name, value)
    changed.push({ stored, actions: plan.actions })
  }
  if (changed.length === 0) return 0
  await store.writer.write(() => {
    for (const { stored, actions } of changed) {
      store.rules.upsert(stored.id, { ...stored.definition, actions }, stored.updatedAtMs)
    }
  })
  return changed.length
}
