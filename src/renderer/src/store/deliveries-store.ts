import { create } from 'zustand'
import type { Delivery } from '@shared/alerts'
import { client } from '../api/client'
import { createListSlice, initialListState, type ListSlice } from './list-slice'

/** Deliveries have no filter in Diagnostics: the view is the live, newest-first log of outgoing calls. */
type NoFilter = Record<string, never>

export type DeliveriesState = ListSlice<Delivery, NoFilter>

export const initialDeliveriesState = { ...initialListState, filter: {} } satisfies Partial<DeliveriesState>

export const useDeliveriesStore = create<DeliveriesState>()((set, get) =>
  createListSlice<Delivery, NoFilter>(
    set,
    get,
    {
      fetchPage: (_filter, cursor) => client().call('listDeliveries', { limit: 100, cursor }),
      isUnfiltered: () => true,
      sameFilter: () => true,
    },
    {},
  ),
)

export const selectDelivery = (id: number) => (s: DeliveriesState) => s.byId[id]
