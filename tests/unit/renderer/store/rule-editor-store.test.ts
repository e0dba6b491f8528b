import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { RuleInput, type RuleAction } from '@shared/rules'
import { setClient } from '@renderer/api/client'
import { draftToInput } from '@renderer/lib/rule-draft'
import { initialRuleEditorState, useRuleEditorStore } from '@renderer/store/rule-editor-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { ruleSummary, testResult } from '../workbench-factories'

const store = () => useRuleEditorStore.getState()
let client: FakeClient

beforeEach(() => {
  useRuleEditorStore.setState(initialRuleEditorState)
  client = createFakeClient({
    getRule: ({ id }) => ruleSummary(id, { condition: 'count() > 1' }),
    createRule: (input) => ({
      rule: { ...ruleSummary('new-id'), ...(input as object) },
      warnings: ["No stored message has a tag named 'message.chat.idd'"],
    }),
    updateRule: (input) => ({ rule: { ...ruleSummary(input.id), ...input }, warnings: [] }),
    testRuleDraft: () => testResult(),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('rule editor store', () => {
  it('finds test messages by text beyond the newest 50 (the picker search asks the core)', async () => {
    client.handlers.listMessages = () => ({ items: [], total: 0, next: null })
    await store().loadMessages('  /start  ')
    await store().loadMessages('')
    expect(client.callsOf('listMessages')).toEqual([{ limit: 50, text: '/start' }, { limit: 50 }])
    expect(store().messagesLoad).toBe('ready')
  })

  it('opens a stored rule as a draft', async () => {
    await store().open('r1', null)
    expect(store().load).toBe('ready')
    expect(store().draft.condition).toBe('count() > 1')
    expect(store().ruleId).toBe('r1')
  })

  it('prefills a new rule from a stored message the core renders for it', async () => {
    client.handlers.testRuleDraft = (input) => {
      const rule = (input as { rule: { name: string } }).rule
      return rule.name === 'probe'
        ? testResult({
            actions: [
              {
                index: 0,
                kind: 'telegram',
                fires: true,
                texts: { text: 'telegram', chatId: '42' },
                emptyPlaceholders: [],
                errors: [],
              },
            ],
          })
        : testResult()
    }
    await store().open(null, 9)
    expect(store().draft.filter).toBe("entity = 'telegram'")
    expect(store().draft.actions[0]).toMatchObject({ kind: 'telegram', chatId: '${tags.message.chat.id}' })
    expect(store().testMessageId).toBe(9)
  })

  it('creates a rule, keeps its warnings, and keeps them when the window moves to its address', async () => {
    await store().open(null, null)
    store().edit({ name: 'Greet' })
    expect(await store().save()).toBe('new-id')
    expect(client.callsOf('createRule')[0]).toMatchObject({ name: 'Greet', window: 'length(1)' })
    expect(store().warnings).toHaveLength(1)
    await store().open('new-id', null)
    expect(client.callsOf('getRule')).toHaveLength(0)
    expect(store().warnings).toHaveLength(1)
  })

  it("keeps the core's refusal with its field, line and column, and clears it on the next edit", async () => {
    await store().open('r1', null)
    client.handlers.updateRule = () => {
      throw new AppError('syntax', "condition: Expected an expression but found '>='", {
        where: [{ path: ['condition'], line: 1, column: 8 }],
        field: 'condition',
        line: 1,
        column: 8,
      })
    }
    expect(await store().save()).toBeNull()
    expect(store().error).toMatchObject({ field: 'condition', line: 1, column: 8 })
    store().edit({ condition: 'count() >= 3' })
    expect(store().error).toBeNull()
  })

  it('checks the draft against a blank command until a message is chosen, then against the message', async () => {
    await store().open('r1', null)
    await store().check()
    expect(client.callsOf('testRuleDraft')[0]).toMatchObject({
      rule: { id: 'r1' },
      command: { entity: 'hookbench' },
    })
    expect(store().test).toBeNull()
    await store().chooseMessage(5)
    expect(client.callsOf('testRuleDraft')[1]).toMatchObject({ messageId: 5 })
    expect(store().test?.status).toBe('OPEN')
  })

  it('shows a live syntax error from the check, and drops answers to older drafts', async () => {
    await store().open(null, null)
    let answer!: (value: unknown) => void
    client.handlers.testRuleDraft = () =>
      new Promise((_resolve, reject) => {
        answer = reject
      })
    const older = store().check()
    const olderAnswer = answer
    client.handlers.testRuleDraft = () => testResult()
    await store().check()
    olderAnswer(new AppError('syntax', 'stale'))
    await older
    expect(store().liveError).toBeNull()
  })

  it('adds, edits and removes actions', async () => {
    await store().open(null, null)
    store().addAction('http')
    store().addAction('desktop')
    store().editAction(0, { headersText: 'X-A: 1' })
    store().removeAction(1)
    expect(store().draft.actions.map((a) => a.kind)).toEqual(['http'])
    store().edit({ name: 'n' })
    await store().save()
    expect(client.callsOf('createRule')[0]).toMatchObject({
      actions: [{ kind: 'http', headers: { 'X-A': '1' } }],
    })
  })

  it('shows a secret header value typed before a save as the placeholder the core stored', async () => {
    client.handlers.createRule = (input) => {
      const rule = RuleInput.parse(input)
      const actions = rule.actions.map((a) => ({ ...a, id: 'a-1', headers: { Authorization: 'Bearer ***' } }))
      return { rule: { ...ruleSummary('new-id'), ...rule, actions: actions as RuleAction[] }, warnings: [] }
    }
    await store().open(null, null)
    store().addAction('http')
    store().editAction(0, { headersText: 'Authorization: Bearer s3cr3t' })
    store().edit({ name: 'n' })
    await store().save()
    expect(client.callsOf('createRule')[0]).toMatchObject({
      actions: [{ headers: { Authorization: 'Bearer s3cr3t' } }],
    })
    expect(store().draft.actions[0]).toMatchObject({ id: 'a-1', headersText: 'Authorization: Bearer ***' })
  })

  it('groups a new rule by chat when a Telegram action is added', async () => {
    await store().open(null, null)
    store().addAction('telegram')
    expect(draftToInput(store().draft)).toMatchObject({
      groupTags: ['message.chat.id'],
      actions: [{ kind: 'telegram', on: ['OPEN', 'REPEAT'], repeat: { all: true } }],
    })
  })
})
