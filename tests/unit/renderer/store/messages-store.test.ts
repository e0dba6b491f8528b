import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { initialMessagesState, selectTagNames, useMessagesStore } from '@renderer/store/messages-store'
import { createFakeClient, deferred, settled, type FakeClient } from '../fake-client'
import { messageRow, page, ruleResult } from '../factories'

const store = () => useMessagesStore.getState()
let client: FakeClient

beforeEach(() => {
  useMessagesStore.setState(initialMessagesState)
  client = createFakeClient({
    listMessages: () =>
      page([messageRow(2, { 'message.chat.id': '5', b: '1' }), messageRow(1, { a: 'x' })], 2),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('messages store', () => {
  it('queries with the entity/type/source/tag filter', async () => {
    await store().setFilter({ entity: 'bot', tag: 'chat.type=private' })
    expect(client.callsOf('listMessages')).toEqual([
      { entity: 'bot', tag: 'chat.type=private', limit: 100, cursor: undefined },
    ])
  })

  it('offers the tag names seen on the messages in view, and the same array while nothing changes', async () => {
    await store().setFilter({})
    const names = selectTagNames(store())
    expect(names).toEqual(['a', 'b', 'message.chat.id'])
    expect(selectTagNames(store())).toBe(names)
  })

  it('re-queries a filtered view on live messages instead of guessing whether they match', async () => {
    await store().setFilter({ tag: 'a=x' })
    store().applyLive([messageRow(3, { a: 'y' })])
    await settled()
    expect(client.callsOf('listMessages')).toHaveLength(2)
    expect(store().byId[3]).toBeUndefined()
  })
})

describe('messages store: rule matches', () => {
  it('asks the rules about one message and keeps the answer under its id', async () => {
    client.handlers.matchMessage = ({ id }) => ({
      items: [{ ruleId: 'r1', rule: 'Echo', enabled: true, result: ruleResult({ windowKey: `w${id}` }) }],
      recorded: [
        {
          alertId: 3,
          ruleId: 'r1',
          rule: 'Echo',
          status: 'OPEN',
          time: '2024-05-29T12:00:00.000Z',
          delivered: 1,
          failed: 0,
        },
      ],
    })
    await useMessagesStore.getState().loadMatches(4)
    const matches = useMessagesStore.getState().matches
    expect(matches?.messageId).toBe(4)
    expect(matches?.loading).toBe(false)
    expect(matches?.items?.[0]?.result.windowKey).toBe('w4')
    expect(matches?.recorded).toEqual([expect.objectContaining({ alertId: 3, status: 'OPEN' })])
  })

  it('drops an answer for a message that is no longer shown', async () => {
    const slow = deferred<{ items: []; recorded: [] }>()
    client.handlers.matchMessage = ({ id }) => (Number(id) === 1 ? slow.promise : { items: [], recorded: [] })
    const first = useMessagesStore.getState().loadMatches(1)
    await useMessagesStore.getState().loadMatches(2)
    slow.resolve({ items: [], recorded: [] })
    await first
    expect(useMessagesStore.getState().matches?.messageId).toBe(2)
  })

  it('keeps the last answer while a refresh fails, with the error', async () => {
    client.handlers.matchMessage = () => ({ items: [], recorded: [] })
    await useMessagesStore.getState().loadMatches(3)
    client.handlers.matchMessage = () => {
      throw new AppError('not_found', 'No message with id 3.')
    }
    await useMessagesStore.getState().loadMatches(3)
    expect(useMessagesStore.getState().matches).toMatchObject({
      items: [],
      error: { kind: 'not_found', message: 'No message with id 3.' },
    })
  })

  it('finds the request a message came from (alert timeline links), or null once it is gone', async () => {
    client.handlers.getMessage = ({ id }) => {
      if (id === 9) return { ...messageRow(9), requestId: 41 }
      throw new AppError('not_found', `No message with id ${id}.`)
    }
    expect(await store().requestOf(9)).toBe(41)
    expect(await store().requestOf(10)).toBeNull()
  })
})
