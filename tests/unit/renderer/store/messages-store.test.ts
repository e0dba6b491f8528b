import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { initialMessagesState, selectTagNames, useMessagesStore } from '@renderer/store/messages-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'
import { messageRow, page } from '../factories'

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
