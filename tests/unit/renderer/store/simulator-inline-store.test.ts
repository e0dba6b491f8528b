import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { initialSimulatorState, useSimulatorStore } from '@renderer/store/simulator-store'
import { inlineQueryOf, useSimInlineStore } from '@renderer/store/simulator-inline-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { simChat } from '../workbench-factories'

let client: FakeClient
beforeEach(() => {
  client = createFakeClient({})
  setClient(client)
  useSimulatorStore.setState({ ...initialSimulatorState, chats: { 12: simChat(12) }, selectedId: 12 })
})
afterEach(() => setClient(null))

describe('inlineQueryOf', () => {
  it('is the query once a space follows the bot username (any case), else null', () => {
    expect(inlineQueryOf('@sim_bot hello there', 'sim_bot')).toBe('hello there')
    expect(inlineQueryOf('@SIM_bot ', 'sim_bot')).toBe('')
    expect(inlineQueryOf('@sim_bot', 'sim_bot')).toBeNull()
    expect(inlineQueryOf('@other_bot hi', 'sim_bot')).toBeNull()
    expect(inlineQueryOf('hi @sim_bot x', 'sim_bot')).toBeNull()
  })
})

describe('the bot panel actions', () => {
  it('blocking calls blockSimChat and marks the chat blocked', async () => {
    client.handlers.blockSimChat = () => ({ blocked: true, updateId: 5 })
    client.handlers.listSimUpdates = () => ({ items: [] })
    await useSimInlineStore.getState().setBlocked(true)
    expect(client.callsOf('blockSimChat')).toEqual([{ id: 12, blocked: true }])
    expect(useSimulatorStore.getState().chats[12]?.blocked).toBe(true)
  })

  it('a failed block is shown, and the chat stays as it was', async () => {
    client.handlers.blockSimChat = () => {
      throw Object.assign(new Error('nope'), { kind: 'invalid_input' })
    }
    await useSimInlineStore.getState().setBlocked(true)
    expect(useSimInlineStore.getState().botError).not.toBeNull()
    expect(useSimulatorStore.getState().chats[12]?.blocked).toBe(false)
  })
})
