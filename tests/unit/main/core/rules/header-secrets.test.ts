import { afterEach, describe, expect, it } from 'vitest'
import type { RuleActionInput } from '@shared/rules'
import {
  headerSecretName,
  maskHeaderSecrets,
  planHeaderSecrets,
} from '../../../../../src/main/core/rules/header-secrets'
import { createMemorySecretStore } from '../../../../../src/main/core/settings'
import { engineHarness, type EngineHarness } from './engine-harness'

const http = (headers: Record<string, string>, extra: Partial<RuleActionInput> = {}): RuleActionInput =>
  ({ kind: 'http', url: 'http://127.0.0.1:9/', headers, ...extra }) as RuleActionInput
const headersOf = (a: RuleActionInput | undefined) => (a?.kind === 'http' ? a.headers : undefined)

describe('planHeaderSecrets', () => {
  it.each([
    ['Authorization keeps its scheme', { Authorization: 'Bearer abc123' }, { Authorization: 'Bearer ***' }],
    ['X-Api-Key is secret by name', { 'X-Api-Key': 'k-1' }, { 'X-Api-Key': '***' }],
    ['a plain header stays', { Accept: 'text/plain' }, { Accept: 'text/plain' }],
    ['an empty secret stays empty', { Authorization: '' }, { Authorization: '' }],
  ])('%s', (_label, headers, stored) => {
    const plan = planHeaderSecrets('r', [http(headers)], createMemorySecretStore())
    expect(headersOf(plan.actions[0])).toEqual(stored)
  })

  it('stores values under rule id, action id and the lower-case name; a marked header too', () => {
    const plan = planHeaderSecrets(
      'r1',
      [http({ Authorization: 'Bearer abc', 'X-Custom': 's' }, { id: 'a1', secretHeaders: ['x-CUSTOM'] })],
      createMemorySecretStore(),
    )
    expect([...plan.values]).toEqual([
      ['header:r1:a1:authorization', 'Bearer abc'],
      ['header:r1:a1:x-custom', 's'],
    ])
  })

  it('resolves a placeholder by the given id and gives a copied action (same id) its own id and copies', () => {
    const secrets = createMemorySecretStore({ [headerSecretName('r', 'a1', 'Authorization')]: 'Bearer abc' })
    const plan = planHeaderSecrets(
      'r',
      [
        http({ Authorization: 'Bearer ***' }, { id: 'a1' }),
        http({ Authorization: 'Bearer ***' }, { id: 'a1' }),
      ],
      secrets,
    )
    const [first, second] = plan.actions
    expect(first?.id).toBe('a1')
    expect(second?.id).toMatch(/^a-[0-9a-f]{8}$/)
    expect(plan.values.get(`header:r:${second!.id}:authorization`)).toBe('Bearer abc')
  })

  it('gives an unmarked header its stored value back in clear', () => {
    const secrets = createMemorySecretStore({ 'header:r:a1:x-custom': 'not-so-secret' })
    const plan = planHeaderSecrets('r', [http({ 'X-Custom': '***' }, { id: 'a1' })], secrets)
    expect(headersOf(plan.actions[0])).toEqual({ 'X-Custom': 'not-so-secret' })
    expect(plan.values.size).toBe(0)
  })

  it('refuses a placeholder with nothing stored, or keeps it for the start-up migration', () => {
    const action = http({ Authorization: 'Bearer ***' }, { id: 'a1' })
    expect(() => planHeaderSecrets('r', [action], createMemorySecretStore())).toThrow(
      'Header Authorization of action 1 shows the masked placeholder',
    )
    const kept = planHeaderSecrets('r', [action], createMemorySecretStore(), 'keep')
    expect(headersOf(kept.actions[0])).toEqual({ Authorization: 'Bearer ***' })
  })
})

describe('maskHeaderSecrets', () => {
  it('replaces secret values by their placeholders for a dry run', () => {
    const [a] = maskHeaderSecrets([
      http({ Authorization: 'Basic dXNlcjpwdw==', 'X-S': 'v', A: 'b' }, { secretHeaders: ['x-s'] }),
    ])
    expect(headersOf(a)).toEqual({ Authorization: 'Basic ***', 'X-S': '***', A: 'b' })
  })
})

describe('an HTTP action whose stored secret is gone', () => {
  let h: EngineHarness
  afterEach(() => h.close())

  it('is not sent: the delivery fails saying which header to type again', async () => {
    h = engineHarness()
    const rule = await h.addRule({ name: 'lost', actions: [http({ Authorization: 'Bearer abc-secret' })] })
    const action = rule.actions[0]!
    h.secrets.delete(headerSecretName(rule.id, action.id!, 'Authorization'))
    await h.send()
    const [d] = h.deliveries()
    expect(d).toMatchObject({ outcome: 'failed', attempt: 1 })
    expect(d!.error).toBe(
      "Not sent: the stored value of secret header Authorization is gone from the secret store; type it again in the rule's action.",
    )
    expect(d!.request.headers.Authorization).toBe('Bearer ***')
  })
})
