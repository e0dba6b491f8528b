import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { initialDeliveriesState, useDeliveriesStore } from '@renderer/store/deliveries-store'
import { startLiveEvents } from '@renderer/store/live-events'
import { createFakeClient, type FakeClient } from '../fake-client'
import { delivery, page } from '../factories'

const store = () => useDeliveriesStore.getState()
let client: FakeClient

beforeEach(() => {
  useDeliveriesStore.setState(initialDeliveriesState)
  client = createFakeClient({
    listDeliveries: ({ cursor }) =>
      cursor === 'c2' ? page([delivery(1)], 3) : page([delivery(3), delivery(2)], 3, 'c2'),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('deliveries store', () => {
  it('loads the newest deliveries and pages on', async () => {
    await store().setFilter({})
    expect(store().ids).toEqual([3, 2])
    await store().loadMore()
    expect(store().ids).toEqual([3, 2, 1])
    expect(client.callsOf('listDeliveries')).toEqual([
      { limit: 100, cursor: undefined },
      { limit: 100, cursor: 'c2' },
    ])
  })

  it('puts a delivery.recorded event on top at the next frame', async () => {
    await store().setFilter({})
    const frames: (() => void)[] = []
    const stop = startLiveEvents(client, { scheduleFrame: (flush) => void frames.push(flush) })
    client.emit({ type: 'delivery.recorded', delivery: delivery(9, { outcome: 'retrying', attempt: 2 }) })
    expect(store().ids).toEqual([3, 2])
    frames.splice(0).forEach((flush) => flush())
    expect(store().ids).toEqual([9, 3, 2])
    expect(store().byId[9]?.outcome).toBe('retrying')
    expect(store().total).toBe(4)
    stop()
  })
})
