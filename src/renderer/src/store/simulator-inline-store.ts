import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { SimChat, SimInlineQuery, SimUpdateEntry } from '@shared/simulator'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { selectSelectedChat, useSimulatorStore } from './simulator-store'

/**
 * The open chat's inline mode (`@bot query` → results above the composer), the bot's settings a user can
 * change there (block, add/remove, inline feedback), and each update's delivery ("why didn't my bot get
 * this?"). Kept beside simulator-store: it reads the selected chat from there.
 */
export interface SimInlineState {
  /** The newest inline query typed in the open chat, with the bot's results once it answered. */
  inline: SimInlineQuery | null
  inlineChatId: number | null
  inlineBusy: boolean
  inlineError: AppErrorShape | null
  /** Each chat's update log (newest 200), by chat id. */
  deliveries: Record<number, SimUpdateEntry[]>
  botError: AppErrorShape | null
  /** Sends `query` as an inline query of the open chat and waits (up to the timeout) for the answer. */
  runInline(query: string): Promise<void>
  chooseInline(resultId: string): Promise<boolean>
  clearInline(): void
  fetchDeliveries(chatId: number): Promise<void>
  setBlocked(blocked: boolean): Promise<void>
  /** Adds the bot to the open group or removes it (my_chat_member). */
  setBotInGroup(inGroup: boolean): Promise<void>
  setInlineFeedback(on: boolean): Promise<void>
}

/** `@botusername query` (or just `@botusername `) typed in the composer: the query, else null. */
export function inlineQueryOf(text: string, botUsername: string): string | null {
  // Telegram starts inline mode once a space follows the bot's username.
  const match = /^@([A-Za-z0-9_]+)\s([\s\S]*)$/.exec(text)
  if (!match || match[1]!.toLowerCase() !== botUsername.toLowerCase()) return null
  return match[2]!.trimStart().slice(0, 256)
}

const patchChat = (chatId: number, patch: Partial<SimChat>) =>
  useSimulatorStore.setState((s) => {
    const chat = s.chats[chatId]
    return chat ? { chats: { ...s.chats, [chatId]: { ...chat, ...patch } } } : {}
  })

/** How long the UI waits for answerInlineQuery (the simulator's own timeout is 10 s). */
const INLINE_WAIT_MS = 10_000

export const useSimInlineStore = create<SimInlineState>()((set, get) => {
  let latest = 0
  return {
    inline: null,
    inlineChatId: null,
    inlineBusy: false,
    inlineError: null,
    deliveries: {},
    botError: null,

    async runInline(query) {
      const chat = selectSelectedChat(useSimulatorStore.getState())
      if (!chat) return
      const mine = ++latest
      set({ inlineBusy: true, inlineError: null, inlineChatId: chat.id })
      try {
        const writeAs = useSimulatorStore.getState().writeAs[chat.id]
        const result = await client().call('sendSimInlineQuery', {
          id: chat.id,
          query,
          waitMs: INLINE_WAIT_MS,
          ...(writeAs !== undefined && { fromUserId: writeAs }),
        })
        if (mine === latest) set({ inline: result, inlineBusy: false })
      } catch (error) {
        if (mine === latest) set({ inlineBusy: false, inlineError: toErrorShape(error) })
      }
      void get().fetchDeliveries(chat.id)
    },

    async chooseInline(resultId) {
      const q = get().inline
      if (!q) return false
      try {
        await client().call('chooseSimInlineResult', { queryId: q.id, resultId })
        latest++
        set({ inline: null, inlineError: null, inlineBusy: false })
        void get().fetchDeliveries(q.chatId)
        return true
      } catch (error) {
        set({ inlineError: toErrorShape(error) })
        return false
      }
    },

    clearInline() {
      latest++
      set({ inline: null, inlineBusy: false, inlineError: null })
    },

    async fetchDeliveries(chatId) {
      try {
        const { items } = await client().call('listSimUpdates', { id: chatId })
        set((s) => ({ deliveries: { ...s.deliveries, [chatId]: items } }))
      } catch {
        // The marker lines are an aid; the chat works without them.
      }
    },

    async setBlocked(blocked) {
      const chat = selectSelectedChat(useSimulatorStore.getState())
      if (!chat) return
      set({ botError: null })
      try {
        await client().call('blockSimChat', { id: chat.id, blocked })
        patchChat(chat.id, { blocked })
        void get().fetchDeliveries(chat.id)
      } catch (error) {
        set({ botError: toErrorShape(error) })
      }
    },

    async setBotInGroup(inGroup) {
      const chat = selectSelectedChat(useSimulatorStore.getState())
      if (!chat) return
      set({ botError: null })
      try {
        await client().call('changeSimMember', {
          id: chat.id,
          action: inGroup ? 'join' : 'leave',
          user: { id: chat.botId },
        })
        patchChat(chat.id, {
          botStatus: inGroup ? 'member' : chat.type === 'supergroup' ? 'kicked' : 'left',
        })
        void get().fetchDeliveries(chat.id)
      } catch (error) {
        set({ botError: toErrorShape(error) })
      }
    },

    async setInlineFeedback(on) {
      const chat = selectSelectedChat(useSimulatorStore.getState())
      if (!chat) return
      set({ botError: null })
      try {
        await client().call('setSimBotPrivacy', { id: chat.botId, inlineFeedback: on })
        useSimulatorStore.setState((s) => ({
          chats: Object.fromEntries(
            Object.entries(s.chats).map(([id, c]) => [
              id,
              c.botId === chat.botId ? { ...c, botInlineFeedback: on } : c,
            ]),
          ),
        }))
      } catch (error) {
        set({ botError: toErrorShape(error) })
      }
    },
  }
})
