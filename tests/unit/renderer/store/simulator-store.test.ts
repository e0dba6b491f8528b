import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import {
  initialSimulatorState,
  mergeItems,
  selectTranscript,
  useSimulatorStore,
} from '@renderer/store/simulator-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'
import { item, simChat } from '../workbench-factories'

const store = () => useSimulatorStore.getState()
let client: FakeClient

beforeEach(() => {
  useSimulatorStore.setState(initialSimulatorState)
  client = createFakeClient({
    listSimChats: () => ({
      items: [simChat(1, '2024-05-29T12:00:00.000Z'), simChat(2, '2024-05-29T13:00:00.000Z')],
      total: 2,
    }),
    getSimTranscript: () => ({ items: [item(1), item(2, { from: 'bot' })] }),
    createSimChat: () => simChat(3),
    sendSimMessage: () => ({ updateId: 200, messageId: 3 }),
    pressSimButton: () => ({ updateId: 201 }),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('simulator store', () => {
  it('lists chats newest first and opens one with its transcript', async () => {
    await store().fetchChats()
    expect(store().chatIds).toEqual([2, 1])
    await store().select(1)
    expect(selectTranscript(store()).map((i) => i.messageId)).toEqual([1, 2])
  })

  it('creates a chat and puts it first', async () => {
    await store().fetchChats()
    expect((await store().createChat({ firstName: 'Ada' }))?.id).toBe(3)
    expect(store().chatIds).toEqual([3, 2, 1])
  })

  it('sends, edits and presses in the open chat', async () => {
    await store().select(1)
    expect(await store().send('/start')).toBe(true)
    expect(await store().send('fixed', { editMessageId: 1 })).toBe(true)
    expect(await store().press(2, 'yes')).toBe(true)
    expect(client.callsOf('sendSimMessage')).toEqual([
      { id: 1, text: '/start' },
      { id: 1, text: 'fixed', editMessageId: 1 },
    ])
    expect(client.callsOf('pressSimButton')).toEqual([{ id: 1, messageId: 2, data: 'yes' }])
  })

  it('sends a picked image as a photo and any other file as a document, with the caption', async () => {
    client.handlers.sendSimFile = () => ({ updateId: 300, messageId: 4, fileId: 'AgACx' })
    await store().select(1)
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cat.png', { type: 'image/png' })
    expect(await store().sendFile(png, '  my cat ')).toBe(true)
    expect(await store().sendFile(new File(['hi'], 'notes.txt', { type: 'text/plain' }), '')).toBe(true)
    expect(client.callsOf('sendSimFile')).toEqual([
      {
        id: 1,
        kind: 'photo',
        fileName: 'cat.png',
        mimeType: 'image/png',
        base64: 'iVBORw==',
        caption: 'my cat',
      },
      { id: 1, kind: 'document', fileName: 'notes.txt', mimeType: 'text/plain', base64: 'aGk=' },
    ])
  })

  it('loads a file once and keeps a failure per file', async () => {
    const content = {
      kind: 'photo' as const,
      fileId: 'A',
      fileName: null,
      mimeType: 'image/png',
      size: 1,
      width: 1,
      height: 1,
      base64: 'AA==',
    }
    client.handlers.getSimFile = ({ fileId }) => {
      if (fileId === 'A') return content
      throw new AppError('not_found', `The simulator has no file ${fileId}`)
    }
    expect(await store().loadFile('A')).toEqual(content)
    expect(await store().loadFile('A')).toEqual(content)
    expect(client.callsOf('getSimFile')).toEqual([{ fileId: 'A' }])
    expect(await store().loadFile('B')).toBeNull()
    expect(store().fileErrors.B?.message).toBe('The simulator has no file B')
  })

  it('keeps a 503 as the error the chat shows', async () => {
    await store().select(1)
    client.handlers.sendSimMessage = () => {
      throw new AppError('unavailable', 'The simulator is not available yet')
    }
    expect(await store().send('hi')).toBe(false)
    expect(store().sendError?.kind).toBe('unavailable')
  })

  it('adds live messages to open transcripts (an edit replaces its message) and learns new chats', async () => {
    await store().fetchChats()
    await store().select(1)
    store().applyMessages([
      { chatId: 1, item: item(3, { from: 'bot', text: 'Hello, Ada' }) },
      { chatId: 1, item: item(1, { text: 'edited', edited: true }) },
      { chatId: 9, item: item(1) },
    ])
    expect(selectTranscript(store()).map((i) => [i.messageId, i.text])).toEqual([
      [1, 'edited'],
      [2, 'm2'],
      [3, 'Hello, Ada'],
    ])
    expect(store().transcripts[9]).toBeUndefined()
    await settled()
    expect(client.callsOf('listSimChats')).toHaveLength(2)
  })

  it('merges items by message id in order', () => {
    expect(mergeItems([item(2), item(1)], [item(3), item(2, { text: 'x' })]).map((i) => i.text)).toEqual([
      'm1',
      'x',
      'm3',
    ])
  })
})
