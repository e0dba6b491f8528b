import { create } from 'zustand'
import type { Output } from '@shared/api'
import type { RecordedOutcome } from '@shared/alerts'
import type { MessageRow } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { isEmptyFilter, sameFilter, type MessageFilter } from '../lib/filter-url'
import { tagNamesOf } from '../lib/tags'
import { createListSlice, initialListState, type ListSlice } from './list-slice'

/** One rule's verdict on a stored message (`matchMessage`). */
export type RuleMatch = Output<'matchMessage'>['items'][number]

export interface RuleMatchesState {
  messageId: number
  /** Null until the first answer; kept while a refresh is in flight. */
  items: RuleMatch[] | null
  /** What the rules did when the message arrived (alert events it caused); null until the first answer. */
  recorded: RecordedOutcome[] | null
  loading: boolean
  error: AppErrorShape | null
}

export interface MessagesState extends ListSlice<MessageRow, MessageFilter> {
  /** Which rules match one message: the request detail's Rules tab. */
  matches: RuleMatchesState | null
  /** Asks every rule about the message again (rules change between looks). */
  loadMatches(messageId: number): Promise<void>
  /** The request a stored message came from (links to a message open its request); null when it is gone. */
  requestOf(messageId: number): Promise<number | null>
}

export const initialMessagesState = {
  ...initialListState,
  filter: {},
  matches: null,
} satisfies Partial<MessagesState>

export const useMessagesStore = create<MessagesState>()((set, get) => ({
  ...createListSlice<MessageRow, MessageFilter>(
    set,
    get,
    {
      fetchPage: (filter, cursor) => client().call('listMessages', { ...filter, limit: 100, cursor }),
      isUnfiltered: isEmptyFilter,
      sameFilter,
    },
    {},
  ),
  matches: null,

  async requestOf(messageId) {
    const known = get().byId[messageId]
    if (known) return known.requestId
    try {
      return (await client().call('getMessage', { id: messageId })).requestId
    } catch {
      return null
    }
  },

  async loadMatches(messageId) {
    const previous = get().matches
    const kept = previous?.messageId === messageId ? previous : { items: null, recorded: null }
    const { items, recorded } = kept
    set({ matches: { messageId, items, recorded, loading: true, error: null } })
    try {
      const answer = await client().call('matchMessage', { id: messageId })
      if (get().matches?.messageId === messageId)
        set({
          matches: { messageId, items: answer.items, recorded: answer.recorded, loading: false, error: null },
        })
    } catch (error) {
      if (get().matches?.messageId === messageId)
        set({ matches: { messageId, items, recorded, loading: false, error: toErrorShape(error) } })
    }
  },
}))

export const selectMessage = (id: number) => (s: MessagesState) => s.byId[id]

// Memoised on the byId object, so the chooser does not re-render per unrelated store change.
let tagNamesCache: { byId: MessagesState['byId']; names: string[] } | null = null
/** Tag names seen on the messages in view: what the column chooser offers. */
export const selectTagNames = (s: MessagesState): string[] => {
  if (tagNamesCache?.byId !== s.byId)
    tagNamesCache = { byId: s.byId, names: tagNamesOf(Object.values(s.byId)) }
  return tagNamesCache.names
}
