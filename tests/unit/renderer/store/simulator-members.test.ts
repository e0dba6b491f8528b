import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { initialSimulatorState, membersOf, useSimulatorStore } from '@renderer/store/simulator-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { simChat } from '../workbench-factories'

let client: FakeClient
beforeEach(() => {
  client = createFakeClient({})
  setClient(client)
})
afterEach(() => setClient(null))

describe('simulator store, group members', () => {
  it('joins a member, writes as them (fromUserId), and forgets them after they leave', async () => {
    const group = {
      ...simChat(10),
      type: 'group' as const,
      user: { id: 1, firstName: 'Ada', lastName: null, username: null },
    }
    useSimulatorStore.setState({
      ...initialSimulatorState,
      chats: { 10: group },
      chatIds: [10],
      selectedId: 10,
    })
    client.handlers.changeSimMember = () => ({ userId: 2, updateId: 1 })
    client.handlers.sendSimMessage = () => ({ updateId: 2, messageId: 3 })
    const sim = () => useSimulatorStore.getState()
    await sim().join('Bob')
    expect(membersOf(group, sim().joined[10])).toEqual([
      { id: 1, firstName: 'Ada' },
      { id: 2, firstName: 'Bob' },
    ])
    sim().setWriteAs(2)
    await sim().send('hi')
    expect(client.callsOf('sendSimMessage')).toEqual([{ id: 10, text: 'hi', fromUserId: 2 }])
    await sim().leave(2)
    expect(client.callsOf('changeSimMember')[1]).toEqual({ id: 10, action: 'leave', user: { id: 2 } })
    expect(sim().writeAs[10]).toBeUndefined()
    expect(membersOf({ ...group, type: 'private' }, [])).toEqual([])
  })
})
