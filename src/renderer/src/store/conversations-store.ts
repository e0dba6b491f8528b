import { create } from 'zustand'
import type { ConversationChat, ForwardAttempt, ForwardedUpdate, TimelineItem } from '@shared/bot-loop'
import type { AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import {
  chatOfEvent,
  mergeTimeline,
  requestOfItem,
  toTimelineItem,
  type TimelineEvent,
} from '../lib/timeline'
import type { LoadState } from './list-slice'

/** The Conversations page's filter besides the chat (mirrored in the URL). */
export interface ConversationFilter {
  method?: string
  errorsOnly?: boolean
}

/** What a request's Conversation tab shows: the update it carried, its delivery attempts, the bot's answers. */
export interface RequestConversation {
  requestId: number
  load: LoadState
  error: AppErrorShape | null
  update: ForwardedUpdate | null
  attempts: ForwardAttempt[]
  /** The bot calls answering this request's update (from its chat's timeline). */
  calls: TimelineItem[]
}

export interface ConversationsState {
  chats: ConversationChat[]
  chatsLoad: LoadState
  chatsError: AppErrorShape | null
  selectedChat: number | null
  filter: ConversationFilter
  /** The selected chat's timeline, oldest first. */
  items: TimelineItem[]
  timelineLoad: LoadState
  timelineError: AppErrorShape | null
  request: RequestConversation | null
  fetchChats(): Promise<void>
  /** Shows one chat's timeline with a filter (null: none); asks again only when something changed. */
  open(chat: number | null, filter?: ConversationFilter): Promise<void>
  reloadTimeline(): Promise<void>
  loadRequest(requestId: number): Promise<void>
  /** Live entries in arrival order (the live-events flush calls this once per frame). */
  applyLive(batch: readonly TimelineEvent[]): void
}

/** The newest entries a live timeline keeps (the core's default page). */
export const TIMELINE_MAX = 500

export const initialConversationsState = {
  chats: [],
  chatsLoad: 'idle' as LoadState,
  chatsError: null,
  selectedChat: null,
  filter: {},
  items: [],
  timelineLoad: 'idle' as LoadState,
  timelineError: null,
  request: null,
} satisfies Partial<ConversationsState>

const isFiltered = (filter: ConversationFilter) => Boolean(filter.method) || Boolean(filter.errorsOnly)
const sameFilter = (a: ConversationFilter, b: ConversationFilter) =>
  (a.method ?? '') === (b.method ?? '') && Boolean(a.errorsOnly) === Boolean(b.errorsOnly)

export const useConversationsStore = create<ConversationsState>()((set, get) => {
  // Answers to an older selection or filter are dropped.
  let timelineRun = 0
  let requestRun = 0
  // Live entries of the selected chat that arrive while its timeline loads: the answer may predate them.
  let arrivedDuringLoad: TimelineItem[] = []

  return {
    ...initialConversationsState,

    async fetchChats() {
      if (get().chatsLoad !== 'ready') set({ chatsLoad: 'loading', chatsError: null })
      try {
        const { items } = await client().call('listConversations', {})
        const newest = [...items].sort((a, b) => b.lastTime.localeCompare(a.lastTime))
        set({ chats: newest, chatsLoad: 'ready', chatsError: null })
      } catch (error) {
        set({ chatsLoad: 'error', chatsError: toErrorShape(error) })
      }
    },

    async open(chat, filter = {}) {
      const { selectedChat, filter: current, timelineLoad } = get()
      const unchanged = chat === selectedChat && sameFilter(filter, current)
      if (unchanged && (timelineLoad === 'ready' || timelineLoad === 'loading')) return
      set({ selectedChat: chat, filter, ...(chat !== selectedChat && { items: [] }) })
      await get().reloadTimeline()
    },

    async reloadTimeline() {
      const run = ++timelineRun
      const { selectedChat: chat, filter } = get()
      if (chat === null) {
        set({ items: [], timelineLoad: 'idle', timelineError: null })
        return
      }
      if (get().timelineLoad !== 'ready') set({ timelineLoad: 'loading', timelineError: null })
      arrivedDuringLoad = []
      try {
        const { items } = await client().call('getConversation', {
          chat,
          ...(filter.method && { method: filter.method }),
          ...(filter.errorsOnly && { errorsOnly: true }),
          limit: TIMELINE_MAX,
        })
        if (run !== timelineRun) return
        const live = isFiltered(filter) ? [] : arrivedDuringLoad
        arrivedDuringLoad = []
        set({ items: mergeTimeline(items, live, TIMELINE_MAX), timelineLoad: 'ready', timelineError: null })
      } catch (error) {
        if (run === timelineRun) set({ timelineLoad: 'error', timelineError: toErrorShape(error) })
      }
    },

    async loadRequest(requestId) {
      const run = ++requestRun
      const empty = { update: null, attempts: [], calls: [] }
      set({ request: { requestId, load: 'loading', error: null, ...empty } })
      try {
        const { update, items: attempts } = await client().call('listForwards', { requestId })
        // listBotCalls has no request filter: the update's chat timeline, narrowed to this request.
        const chat = update?.chatId ?? attempts.find((a) => a.chatId !== null)?.chatId ?? null
        const timeline = chat === null ? [] : (await client().call('getConversation', { chat })).items
        const calls = timeline.filter((item) => item.kind === 'call' && requestOfItem(item) === requestId)
        if (run !== requestRun) return
        set({ request: { requestId, load: 'ready', error: null, update, attempts, calls } })
      } catch (error) {
        if (run !== requestRun) return
        set({ request: { requestId, load: 'error', error: toErrorShape(error), ...empty } })
      }
    },

    applyLive(batch) {
      if (batch.length === 0) return
      const { selectedChat, filter, timelineLoad, chatsLoad, request } = get()
      const mine = batch.filter((event) => selectedChat !== null && chatOfEvent(event) === selectedChat)
      if (mine.length > 0 && timelineLoad === 'loading') arrivedDuringLoad.push(...mine.map(toTimelineItem))
      if (mine.length > 0 && timelineLoad === 'ready') {
        // A filtered view asks the core again instead of re-implementing the filter here (STYLE §4).
        if (isFiltered(filter)) void get().reloadTimeline()
        else set((s) => ({ items: mergeTimeline(s.items, mine.map(toTimelineItem), TIMELINE_MAX) }))
      }
      if (chatsLoad === 'ready' && batch.some((event) => chatOfEvent(event) !== null)) void get().fetchChats()
      if (
        request?.load === 'ready' &&
        batch.some((event) => requestOfItem(toTimelineItem(event)) === request.requestId)
      ) {
        void get().loadRequest(request.requestId)
      }
    },
  }
})

export const selectSelectedConversation = (s: ConversationsState): ConversationChat | null =>
  s.chats.find((chat) => chat.chatId === s.selectedChat) ?? null
