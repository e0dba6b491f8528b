import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '@shared/alerts'
import { setClient } from '@renderer/api/client'
import { initialAlertsState, selectSelectedDetail, useAlertsStore } from '@renderer/store/alerts-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'
import { page } from '../factories'
import { alert } from '../workbench-factories'

const store = () => useAlertsStore.getState()
let client: FakeClient
let open: Alert[]

beforeEach(() => {
  useAlertsStore.setState(initialAlertsState)
  open = [alert(2), alert(1)]
  client = createFakeClient({
    listAlerts: ({ status }) =>
      status === 'open' ? page(open) : page([alert(3, { open: false, status: 'CANCEL' }), ...open]),
    getAlert: ({ id }) => ({ ...alert(Number(id)), events: [], deliveries: [] }),
    acknowledgeAlert: ({ id }) => alert(Number(id), { acknowledgedAt: '2024-05-29T12:01:00.000Z' }),
    closeAlert: ({ id }) =>
      alert(Number(id), { open: false, closedBy: 'manual', closedAt: '2024-05-29T12:01:00.000Z' }),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('alerts store', () => {
  it('loads open alerts and the whole history separately', async () => {
    await store().loadTab('open')
    await store().loadTab('history')
    expect(client.callsOf('listAlerts')).toEqual([
      { status: 'open', limit: 100, cursor: undefined },
      { status: 'all', limit: 100, cursor: undefined },
    ])
    expect(store().open.ids).toEqual([2, 1])
    expect(store().history.ids).toEqual([3, 2, 1])
  })

  it('follows live changes: a new alert on top, a cancelled one out of the open list, into history', async () => {
    await store().loadTab('open')
    await store().loadTab('history')
    store().applyChanges([
      { alert: alert(4), transition: 'OPEN' },
      { alert: alert(2, { status: 'REPEAT', count: 1 }), transition: 'REPEAT' },
      { alert: alert(1, { open: false, status: 'CANCEL' }), transition: 'CANCEL' },
    ])
    expect(store().open.ids).toEqual([4, 2])
    expect(store().open.total).toBe(2)
    expect(store().history.ids).toEqual([4, 3, 2, 1])
    expect(store().byId[2]?.count).toBe(1)
    expect(store().lastChange?.transition).toBe('CANCEL')
  })

  it('acknowledges and closes through the core, applying the answer', async () => {
    await store().loadTab('open')
    await store().acknowledge(1)
    expect(store().byId[1]?.acknowledgedAt).not.toBeNull()
    await store().close(2)
    expect(store().open.ids).toEqual([1])
    expect(store().busy).toEqual([])
  })

  it('loads the selected alert and refreshes it when it changes or a delivery for it arrives', async () => {
    await store().select(1)
    expect(selectSelectedDetail(store())?.id).toBe(1)
    store().applyDeliveries([])
    store().applyChanges([{ alert: alert(1, { status: 'REPEAT' }), transition: 'REPEAT' }])
    await settled()
    expect(client.callsOf('getAlert')).toHaveLength(2)
    await store().select(null)
    expect(selectSelectedDetail(store())).toBeNull()
  })
})
