import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TimelineItem } from '@shared/bot-loop'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { timelineKey } from '@renderer/lib/timeline'
import {
  initialConversationsState,
  selectSelectedConversation,
  useConversationsStore,
} from '@renderer/store/conversations-store'
import { createFakeClient, deferred, settled, type FakeClient } from '../fake-client'
import { botCall, conversationChat, forwardAttempt, forwardedUpdate } from '../bot-loop-factories'

const store = () => useConversationsStore.getState()
const keys = () => store().items.map(timelineKey)
let client: FakeClient

const updateItem = (id: number, patch = {}): TimelineItem => {
  const update = forwardedUpdate(id, patch)
  return { kind: 'update', time: update.time, update }
}
const callItem = (id: number, patch = {}): TimelineItem => {
  const call = botCall(id, patch)
  return { kind: 'call', time: call.time, call }
}

beforeEach(() => {
  useConversationsStore.setState(initialConversationsState)
  client = createFakeClient({
    listConversations: () => ({
      items: [conversationChat(1, { lastTime: '2024-05-29T12:00:01.000Z' }), conversationChat(2)],
    }),
    getConversation: ({ chat }) => ({ items: chat === 1 ? [updateItem(1), callItem(2)] : [] }),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('conversations store', () => {
  it('lists chats newest first and loads the selected chat oldest first', async () => {
    await store().fetchChats()
    expect(store().chats.map((chat) => chat.chatId)).toEqual([2, 1])
    await store().open(1)
    expect(keys()).toEqual(['update-1', 'call-2'])
    expect(selectSelectedConversation(store())?.title).toBe('Chat 1')
    expect(client.callsOf('getConversation')).toEqual([{ chat: 1, limit: 500 }])
  })

  it('passes the method and errors-only filter to the core', async () => {
    await store().open(1, { method: 'sendMessage', errorsOnly: true })
    expect(client.callsOf('getConversation')).toEqual([
      { chat: 1, method: 'sendMessage', errorsOnly: true, limit: 500 },
    ])
    await store().open(1, { method: 'sendMessage', errorsOnly: true })
    expect(client.callsOf('getConversation')).toHaveLength(1)
  })

  it('keeps the load error as the page shows it', async () => {
    client.handlers.getConversation = () => {
      throw new AppError('not_found', 'No such chat')
    }
    await store().open(5)
    expect(store().timelineLoad).toBe('error')
    expect(store().timelineError?.message).toBe('No such chat')
  })

  it('drops the answer for a chat that is no longer selected', async () => {
    const slow = deferred<{ items: TimelineItem[] }>()
    client.handlers.getConversation = ({ chat }) => (chat === 1 ? slow.promise : { items: [callItem(9)] })
    const first = store().open(1)
    await store().open(2)
    slow.resolve({ items: [updateItem(1)] })
    await first
    expect(store().selectedChat).toBe(2)
    expect(keys()).toEqual(['call-9'])
  })

  it('applies live entries of the selected chat only, in time order, and refreshes the chat list', async () => {
    await store().fetchChats()
    await store().open(1)
    store().applyLive([
      { kind: 'forward', attempt: forwardAttempt(3, { chatId: 1 }) },
      { kind: 'call', call: botCall(4, { chatId: 2 }) },
      { kind: 'update', update: forwardedUpdate(1, { state: 'pending' }) },
    ])
    expect(keys()).toEqual(['update-1', 'call-2', 'forward-3'])
    const first = store().items[0]
    expect(first?.kind === 'update' && first.update.state).toBe('pending')
    await settled()
    expect(client.callsOf('listConversations')).toHaveLength(2)
    expect(client.callsOf('getConversation')).toHaveLength(1)
  })

  it('keeps live entries that arrive while the timeline loads', async () => {
    const slow = deferred<{ items: TimelineItem[] }>()
    client.handlers.getConversation = () => slow.promise
    const opening = store().open(1)
    store().applyLive([{ kind: 'call', call: botCall(3, { chatId: 1 }) }])
    slow.resolve({ items: [updateItem(1)] })
    await opening
    expect(keys()).toEqual(['update-1', 'call-3'])
  })

  it('asks the core again when a filtered chat gets live entries', async () => {
    await store().open(1, { errorsOnly: true })
    store().applyLive([{ kind: 'call', call: botCall(5, { chatId: 1 }) }])
    await settled()
    expect(client.callsOf('getConversation')).toHaveLength(2)
    expect(keys()).not.toContain('call-5')
  })

  it("shows a request's forward attempts and the calls answering it", async () => {
    client.handlers.listForwards = () => ({
      update: forwardedUpdate(1, { requestId: 7 }),
      items: [forwardAttempt(3, { requestId: 7 })],
    })
    client.handlers.getConversation = () => ({
      items: [updateItem(1, { requestId: 7 }), callItem(2, { requestId: 7 }), callItem(4, { requestId: 8 })],
    })
    await store().loadRequest(7)
    expect(client.callsOf('listForwards')).toEqual([{ requestId: 7 }])
    expect(client.callsOf('getConversation')).toEqual([{ chat: 1 }])
    const view = store().request
    expect(view?.load).toBe('ready')
    expect(view?.attempts.map((a) => a.id)).toEqual([3])
    expect(view?.calls.map(timelineKey)).toEqual(['call-2'])
  })

  it('does not ask for a timeline when the request carried no update', async () => {
    client.handlers.listForwards = () => ({ update: null, items: [] })
    await store().loadRequest(7)
    expect(store().request).toMatchObject({ load: 'ready', update: null, attempts: [], calls: [] })
    expect(client.callsOf('getConversation')).toEqual([])
  })
})
