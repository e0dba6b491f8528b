import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { initialRulesState, useRulesStore } from '@renderer/store/rules-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { ruleSummary } from '../workbench-factories'

const store = () => useRulesStore.getState()
let client: FakeClient
let rules = [ruleSummary('a'), ruleSummary('b')]

beforeEach(async () => {
  useRulesStore.setState(initialRulesState)
  rules = [ruleSummary('a'), ruleSummary('b')]
  client = createFakeClient({
    listRules: () => ({ items: rules, total: rules.length }),
    updateRule: (input) => ({
      rule: { ...ruleSummary(input.id), enabled: input.enabled as boolean },
      warnings: [],
    }),
    deleteRule: () => ({ deleted: true }),
    exportRules: () => '<rules/>',
    importRules: () => ({ rules: [], endpoints: [], warnings: [] }),
  })
  setClient(client)
  await store().fetch()
})
afterEach(() => setClient(null))

describe('rules store', () => {
  it('lists rules by id in order', () => {
    expect(store().ids).toEqual(['a', 'b'])
    expect(store().byId.a?.name).toBe('rule a')
  })

  it('switches a rule with updateRule, sending the rule without what the engine adds', async () => {
    await store().setEnabled('a', false)
    const [input] = client.callsOf('updateRule') as Record<string, unknown>[]
    expect(input).toMatchObject({ id: 'a', enabled: false, name: 'rule a' })
    expect(input).not.toHaveProperty('openAlerts')
    expect(input).not.toHaveProperty('createdAt')
    expect(store().byId.a?.enabled).toBe(false)
    expect(store().toggling).toEqual([])
  })

  it('puts the switch back when the core refuses', async () => {
    client.handlers.updateRule = () => {
      throw new AppError('invalid_input', "condition: Unknown field 'value'")
    }
    await store().setEnabled('b', false)
    expect(store().byId.b?.enabled).toBe(true)
    expect(store().actionError?.message).toBe("condition: Unknown field 'value'")
  })

  it('exports the selection, or everything when nothing is selected', async () => {
    expect(await store().exportXml()).toBe('<rules/>')
    store().setSelected(['b'])
    await store().exportXml()
    expect(client.callsOf('exportRules')).toEqual([{}, { ids: 'b' }])
  })

  it('imports XML text, keeps the report with its file name, and reloads', async () => {
    rules = [...rules, ruleSummary('c')]
    await store().importXml('rules.xml', '<rules></rules>')
    expect(client.callsOf('importRules')).toEqual([{ text: '<rules></rules>' }])
    expect(store().importReport?.fileName).toBe('rules.xml')
    expect(store().ids).toEqual(['a', 'b', 'c'])
  })

  it('keeps an import that does not parse as an error with its place', async () => {
    client.handlers.importRules = () => {
      throw new AppError('syntax', 'Rules XML: unclosed tag', { line: 3, column: 1 })
    }
    await store().importXml('bad.xml', '<rules>')
    expect(store().importError).toMatchObject({ kind: 'syntax', line: 3 })
    expect(store().importReport).toBeNull()
  })

  it('deletes a rule and forgets its selection', async () => {
    store().setSelected(['a', 'b'])
    expect(await store().remove('a')).toBe(true)
    expect(store().ids).toEqual(['b'])
    expect(store().selected).toEqual(['b'])
  })
})
