import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { timelineKey } from '@renderer/lib/timeline'
import { initialConversationsState, useConversationsStore } from '@renderer/store/conversations-store'
import { initialForwardingState, useForwardingStore } from '@renderer/store/forwarding-store'
import { startLiveEvents } from '@renderer/store/live-events'
import { initialStatusState, useStatusStore } from '@renderer/store/status-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'
import { status } from '../factories'
import {
  botCall,
  conversationChat,
  forwardAttempt,
  forwardedUpdate,
  forwardingState,
} from '../bot-loop-factories'

let client: FakeClient
let frames: (() => void)[]
let stop: () => void
const scheduleFrame = (flush: () => void) => void frames.push(flush)
const runFrame = () => frames.splice(0).forEach((flush) => flush())

beforeEach(async () => {
  useConversationsStore.setState(initialConversationsState)
  useForwardingStore.setState(initialForwardingState)
  useStatusStore.setState({ ...initialStatusState, status })
  frames = []
  client = createFakeClient({
    listConversations: () => ({ items: [conversationChat(1)] }),
    getConversation: () => ({ items: [] }),
    getForwarding: () => forwardingState(),
  })
  setClient(client)
  await useConversationsStore.getState().fetchChats()
  await useConversationsStore.getState().open(1)
  stop = startLiveEvents(client, { scheduleFrame })
})
afterEach(() => {
  stop()
  setClient(null)
})

describe('live events for the bot in the loop', () => {
  it('routes updates, attempts and calls of the selected chat to its timeline once per frame', async () => {
    client.emit({ type: 'update.queued', update: forwardedUpdate(1, { chatId: 1 }) })
    client.emit({ type: 'forward.attempted', attempt: forwardAttempt(2, { chatId: 1 }) })
    client.emit({ type: 'botcall.recorded', call: botCall(3, { chatId: 1, text: 'Hi' }) })
    client.emit({ type: 'botcall.recorded', call: botCall(4, { chatId: 99 }) })
    client.emit({ type: 'forwarding.changed', forwarding: forwardingState({ pendingCount: 2 }) })
    expect(useConversationsStore.getState().items).toEqual([])
    runFrame()
    expect(useConversationsStore.getState().items.map(timelineKey)).toEqual([
      'update-1',
      'forward-2',
      'call-3',
    ])
    expect(useForwardingStore.getState().forwarding?.pendingCount).toBe(2)
    await settled()
    // One refresh of the chat list for the whole frame.
    expect(client.callsOf('listConversations')).toHaveLength(2)
  })

  it('asks again for the open conversation after a reconnect', async () => {
    client.handlers.getStatus = () => status
    client.handlers.listRequests = () => ({ items: [], total: 0, next: null })
    client.setConnection('disconnected')
    client.setConnection('connected')
    await settled()
    expect(client.callsOf('getConversation')).toHaveLength(2)
    expect(client.callsOf('listConversations')).toHaveLength(2)
  })
})
