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

  it('lists the members the server gave with the chat, once each, and drops one who leaves', async () => {
    const member = { id: 3, firstName: 'Cy', lastName: null, username: null }
    const group = { ...simChat(11), type: 'group' as const, members: [member] }
    useSimulatorStore.setState({
      ...initialSimulatorState,
      chats: { 11: group },
      chatIds: [11],
      selectedId: 11,
    })
    expect(membersOf(group, [{ id: 3, firstName: 'Cy' }]).map((m) => m.id)).toEqual([group.user.id, 3])
    client.handlers.changeSimMember = () => ({ userId: 3, updateId: 1 })
    await useSimulatorStore.getState().leave(3)
    expect(membersOf(useSimulatorStore.getState().chats[11]!, undefined).map((m) => m.id)).toEqual([
      group.user.id,
    ])
  })

  it("switches the bot's privacy mode for every chat of that bot", async () => {
    const a = { ...simChat(12), type: 'group' as const }
    const b = { ...simChat(13), botId: a.botId }
    useSimulatorStore.setState({
      ...initialSimulatorState,
      chats: { 12: a, 13: b },
      chatIds: [12, 13],
      selectedId: 12,
    })
    client.handlers.setSimBotPrivacy = () => ({ id: a.botId, privacy: false, inlineFeedback: false })
    await useSimulatorStore.getState().setPrivacy(false)
    expect(client.callsOf('setSimBotPrivacy')).toEqual([{ id: a.botId, privacy: false }])
    const chats = useSimulatorStore.getState().chats
    expect([chats[12]!.botPrivacy, chats[13]!.botPrivacy]).toEqual([false, false])
  })
})
