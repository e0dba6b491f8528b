import { create } from 'zustand'
import type { MessageRow } from '@shared/domain'
import { client } from '../api/client'
import { isEmptyFilter, sameFilter, type MessageFilter } from '../lib/filter-url'
import { tagNamesOf } from '../lib/tags'
import { createListSlice, initialListState, type ListSlice } from './list-slice'

export type MessagesState = ListSlice<MessageRow, MessageFilter>

export const initialMessagesState = { ...initialListState, filter: {} } satisfies Partial<MessagesState>

export const useMessagesStore = create<MessagesState>()((set, get) =>
  createListSlice<MessageRow, MessageFilter>(
    set,
    get,
    {
      fetchPage: (filter, cursor) => client().call('listMessages', { ...filter, limit: 100, cursor }),
      isUnfiltered: isEmptyFilter,
      sameFilter,
    },
    {},
  ),
)

export const selectMessage = (id: number) => (s: MessagesState) => s.byId[id]

// Memoised on the byId object, so the chooser does not re-render per unrelated store change.
let tagNamesCache: { byId: MessagesState['byId']; names: string[] } | null = null
/** Tag names seen on the messages in view: what the column chooser offers. */
export const selectTagNames = (s: MessagesState): string[] => {
  if (tagNamesCache?.byId !== s.byId)
    tagNamesCache = { byId: s.byId, names: tagNamesOf(Object.values(s.byId)) }
  return tagNamesCache.names
}
