import { create } from 'zustand'
import type { Incident } from '@shared/domain'
import { client } from '../api/client'
import { createListSlice, initialListState, type ListSlice } from './list-slice'

/** Security incidents have no filter yet: the view is always the live, newest-first list. */
type NoFilter = Record<string, never>

export type IncidentsState = ListSlice<Incident, NoFilter>

export const initialIncidentsState = { ...initialListState, filter: {} } satisfies Partial<IncidentsState>

export const useIncidentsStore = create<IncidentsState>()((set, get) =>
  createListSlice<Incident, NoFilter>(
    set,
    get,
    {
      fetchPage: (_filter, cursor) => client().call('listIncidents', { limit: 100, cursor }),
      isUnfiltered: () => true,
      sameFilter: () => true,
    },
    {},
  ),
)
