import { create } from 'zustand'
import type { Input } from '@shared/api'
import type { AppErrorShape } from '@shared/errors'
import type { SimChat, SimFileContent, TranscriptItem } from '@shared/simulator'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { readUpload } from '../lib/file-upload'
import type { LoadState } from './list-slice'

/** One live transcript item, as `simulator.message` carries it. */
export interface SimMessageEvent {
  chatId: number
  item: TranscriptItem
}

/** A group member the window knows of: the chat's first user and those who joined here. */
export interface SimMember {
  id: number
  firstName: string
}

export interface SimulatorState {
  chatIds: number[]
  chats: Record<number, SimChat>
  load: LoadState
  error: AppErrorShape | null
  selectedId: number | null
  /** Each opened chat's messages in order (by message id). */
  transcripts: Record<number, TranscriptItem[]>
  transcriptLoad: LoadState
  transcriptError: AppErrorShape | null
  creating: boolean
  createError: AppErrorShape | null
  sending: boolean
  /** A failed send, edit or button press; a 503 means the simulator is not available yet. */
  sendError: AppErrorShape | null
  fetchChats(): Promise<void>
  select(chatId: number | null): Promise<void>
  createChat(input: Input<'createSimChat'>): Promise<SimChat | null>
  send(text: string, options?: { editMessageId?: number; replyToMessageId?: number }): Promise<boolean>
  press(messageId: number, data: string): Promise<boolean>
  /** The user sends a picked file (images as a photo, others as a document) with `caption`. */
  sendFile(file: File, caption: string): Promise<boolean>
  /** Stored files' bytes by file_id, loaded when a message shows or saves one. */
  files: Record<string, SimFileContent>
  fileErrors: Record<string, AppErrorShape>
  loadFile(fileId: string): Promise<SimFileContent | null>
  applyMessages(batch: readonly SimMessageEvent[]): void
  /** Groups: members joined from this window, by chat (the chat's first user is always one). */
  joined: Record<number, SimMember[]>
  /** Groups: who writes and presses, by chat (default the chat's first user). */
  writeAs: Record<number, number>
  memberError: AppErrorShape | null
  join(firstName: string): Promise<void>
  leave(userId: number): Promise<void>
  setWriteAs(userId: number): void
  /** Switches the selected chat's bot's privacy mode (every chat of that bot shows it). */
  setPrivacy(privacy: boolean): Promise<void>
}

export const initialSimulatorState = {
  chatIds: [],
  chats: {},
  load: 'idle' as LoadState,
  error: null,
  selectedId: null,
  transcripts: {},
  transcriptLoad: 'idle' as LoadState,
  transcriptError: null,
  creating: false,
  createError: null,
  sending: false,
  sendError: null,
  joined: {},
  writeAs: {},
  memberError: null,
  files: {},
  fileErrors: {},
} satisfies Partial<SimulatorState>

export const useSimulatorStore = create<SimulatorState>()((set, get) => {
  let selecting = 0

  const sendCall = async (call: () => Promise<unknown>): Promise<boolean> => {
    const { selectedId, sending } = get()
    if (selectedId === null || sending) return false
    set({ sending: true, sendError: null })
    try {
      await call()
      set({ sending: false })
      return true
    } catch (error) {
      set({ sending: false, sendError: toErrorShape(error) })
      return false
    }
  }

  const fromUser = (): { fromUserId?: number } => {
    const { selectedId, writeAs } = get()
    const userId = selectedId === null ? undefined : writeAs[selectedId]
    return userId === undefined ? {} : { fromUserId: userId }
  }

  return {
    ...initialSimulatorState,

    async fetchChats() {
      if (get().load !== 'ready') set({ load: 'loading', error: null })
      try {
        const { items } = await client().call('listSimChats', {})
        const newest = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        set({
          chatIds: newest.map((chat) => chat.id),
          chats: Object.fromEntries(items.map((chat) => [chat.id, chat])),
          load: 'ready',
          error: null,
        })
      } catch (error) {
        set({ load: 'error', error: toErrorShape(error) })
      }
    },

    async select(chatId) {
      const mine = ++selecting
      set({
        selectedId: chatId,
        sendError: null,
        transcriptError: null,
        transcriptLoad: chatId === null ? 'idle' : 'loading',
      })
      if (chatId === null) return
      try {
        const { items } = await client().call('getSimTranscript', { id: chatId })
        if (mine !== selecting) return
        // Live items may have arrived while the transcript loaded: keep the union, in order.
        set((s) => ({
          transcripts: { ...s.transcripts, [chatId]: mergeItems(items, s.transcripts[chatId] ?? []) },
          transcriptLoad: 'ready',
        }))
      } catch (error) {
        if (mine === selecting) set({ transcriptLoad: 'error', transcriptError: toErrorShape(error) })
      }
    },

    async createChat(input) {
      set({ creating: true, createError: null })
      try {
        const chat = await client().call('createSimChat', input)
        set((s) => ({
          creating: false,
          chats: { ...s.chats, [chat.id]: chat },
          chatIds: [chat.id, ...s.chatIds.filter((id) => id !== chat.id)],
          transcripts: { ...s.transcripts, [chat.id]: s.transcripts[chat.id] ?? [] },
        }))
        return chat
      } catch (error) {
        set({ creating: false, createError: toErrorShape(error) })
        return null
      }
    },

    send(text, options = {}) {
      return sendCall(() =>
        client().call('sendSimMessage', { id: get().selectedId as number, text, ...options, ...fromUser() }),
      )
    },

    sendFile(file, caption) {
      return sendCall(async () => {
        const upload = await readUpload(file)
        const text = caption.trim()
        await client().call('sendSimFile', {
          id: get().selectedId as number,
          ...upload,
          ...(text && { caption: text }),
          ...fromUser(),
        })
      })
    },

    async loadFile(fileId) {
      const known = get().files[fileId]
      if (known) return known
      try {
        const content = await client().call('getSimFile', { fileId })
        set((s) => ({ files: { ...s.files, [fileId]: content } }))
        return content
      } catch (error) {
        set((s) => ({ fileErrors: { ...s.fileErrors, [fileId]: toErrorShape(error) } }))
        return null
      }
    },

    press(messageId, data) {
      return sendCall(() =>
        client().call('pressSimButton', { id: get().selectedId as number, messageId, data, ...fromUser() }),
      )
    },

    async join(firstName) {
      const chatId = get().selectedId
      if (chatId === null) return
      set({ memberError: null })
      try {
        const { userId } = await client().call('changeSimMember', {
          id: chatId,
          action: 'join',
          user: { firstName },
        })
        set((s) => ({
          joined: {
            ...s.joined,
            [chatId]: [...(s.joined[chatId] ?? []).filter((m) => m.id !== userId), { id: userId, firstName }],
          },
        }))
      } catch (error) {
        set({ memberError: toErrorShape(error) })
      }
    },

    async leave(userId) {
      const chatId = get().selectedId
      if (chatId === null) return
      set({ memberError: null })
      try {
        await client().call('changeSimMember', { id: chatId, action: 'leave', user: { id: userId } })
        set((s) => {
          const writeAs = { ...s.writeAs }
          if (writeAs[chatId] === userId) delete writeAs[chatId]
          return {
            joined: { ...s.joined, [chatId]: (s.joined[chatId] ?? []).filter((m) => m.id !== userId) },
            chats: withoutMember(s.chats, chatId, userId),
            writeAs,
          }
        })
      } catch (error) {
        set({ memberError: toErrorShape(error) })
      }
    },

    setWriteAs(userId) {
      const chatId = get().selectedId
      if (chatId !== null) set((s) => ({ writeAs: { ...s.writeAs, [chatId]: userId } }))
    },

    async setPrivacy(privacy) {
      const chat = selectSelectedChat(get())
      if (!chat) return
      set({ memberError: null })
      try {
        await client().call('setSimBotPrivacy', { id: chat.botId, privacy })
        set((s) => ({
          chats: Object.fromEntries(
            Object.entries(s.chats).map(([id, c]) => [
              id,
              c.botId === chat.botId ? { ...c, botPrivacy: privacy } : c,
            ]),
          ),
        }))
      } catch (error) {
        set({ memberError: toErrorShape(error) })
      }
    },

    applyMessages(batch) {
      if (batch.length === 0) return
      set((s) => {
        const transcripts = { ...s.transcripts }
        for (const { chatId, item } of batch) {
          // Only chats already shown keep a transcript; others load theirs when opened.
          const items = transcripts[chatId]
          if (items) transcripts[chatId] = mergeItems(items, [item])
        }
        return { transcripts }
      })
      const unknown = batch.some(({ chatId }) => !(chatId in get().chats))
      if (unknown && get().load === 'ready') void get().fetchChats()
    },
  }
})

/** Items of both lists by message id (a later copy wins: an edit replaces the text), in message order. */
export function mergeItems(
  base: readonly TranscriptItem[],
  updates: readonly TranscriptItem[],
): TranscriptItem[] {
  const byId = new Map(base.map((item) => [item.messageId, item]))
  for (const item of updates) byId.set(item.messageId, item)
  return [...byId.values()].sort((a, b) => a.messageId - b.messageId)
}

export const selectSelectedChat = (s: SimulatorState): SimChat | null =>
  s.selectedId === null ? null : (s.chats[s.selectedId] ?? null)
const NO_ITEMS: TranscriptItem[] = []
export const selectFile = (fileId: string) => (s: SimulatorState) => s.files[fileId]
export const selectFileError = (fileId: string) => (s: SimulatorState) => s.fileErrors[fileId]
export const selectTranscript = (s: SimulatorState): TranscriptItem[] =>
  s.selectedId === null ? NO_ITEMS : (s.transcripts[s.selectedId] ?? NO_ITEMS)

/**
 * A group's members: its first user, the members the server listed with the chat, then those joined here since
 * (private chats and channels: none).
 */
export function membersOf(chat: SimChat | null, joined: readonly SimMember[] | undefined): SimMember[] {
  if (!chat || chat.type === 'private' || chat.type === 'channel') return []
  const all: SimMember[] = [
    { id: chat.user.id, firstName: chat.user.firstName },
    ...chat.members.map((m) => ({ id: m.id, firstName: m.firstName })),
    ...(joined ?? []),
  ]
  return all.filter((m, i) => all.findIndex((x) => x.id === m.id) === i)
}

function withoutMember(
  chats: Record<number, SimChat>,
  chatId: number,
  userId: number,
): Record<number, SimChat> {
  const chat = chats[chatId]
  if (!chat) return chats
  return { ...chats, [chatId]: { ...chat, members: chat.members.filter((m) => m.id !== userId) } }
}
