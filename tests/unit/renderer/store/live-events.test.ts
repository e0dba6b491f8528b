import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { initialIncidentsState, useIncidentsStore } from '@renderer/store/incidents-store'
import { startLiveEvents } from '@renderer/store/live-events'
import { initialMessagesState, useMessagesStore } from '@renderer/store/messages-store'
import { initialRequestsState, useRequestsStore } from '@renderer/store/requests-store'
import { initialSettingsState, useSettingsStore } from '@renderer/store/settings-store'
import { initialStatusState, useStatusStore } from '@renderer/store/status-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'
import { incident, messageRow, page, settings, status, summary } from '../factories'

let client: FakeClient
let frames: (() => void)[]
let stop: () => void
// A fake requestAnimationFrame: frames run only when the test says so.
const scheduleFrame = (flush: () => void) => void frames.push(flush)
const runFrame = () => frames.splice(0).forEach((flush) => flush())

beforeEach(async () => {
  useRequestsStore.setState(initialRequestsState)
  useMessagesStore.setState(initialMessagesState)
  useIncidentsStore.setState(initialIncidentsState)
  useStatusStore.setState({ ...initialStatusState, status })
  useSettingsStore.setState(initialSettingsState)
  frames = []
  client = createFakeClient({
    listRequests: () => page([summary(1)], 1),
    listMessages: () => page([], 0),
    listIncidents: () => page([], 0),
    getStatus: () => status,
  })
  setClient(client)
  await useRequestsStore.getState().setFilter({})
  await useMessagesStore.getState().setFilter({})
  await useIncidentsStore.getState().setFilter({})
  stop = startLiveEvents(client, { scheduleFrame })
})
afterEach(() => {
  stop()
  setClient(null)
})

describe('live events', () => {
  it('applies a burst once, at the next frame, with one store update per store', () => {
    const updates = { requests: 0, status: 0 }
    const offRequests = useRequestsStore.subscribe(() => updates.requests++)
    const offStatus = useStatusStore.subscribe(() => updates.status++)
    for (let id = 2; id <= 101; id++) client.emit({ type: 'request.received', request: summary(id) })
    expect(frames).toHaveLength(1)
    expect(useRequestsStore.getState().ids).toEqual([1])
    runFrame()
    expect(useRequestsStore.getState().ids).toHaveLength(101)
    expect(useRequestsStore.getState().ids[0]).toBe(101)
    expect(updates).toEqual({ requests: 1, status: 1 })
    expect(useStatusStore.getState().status?.storage.requests).toBe(status.storage.requests + 100)
    offRequests()
    offStatus()
  })

  it('schedules the next frame only for events after a flush', () => {
    client.emit({ type: 'request.received', request: summary(2) })
    runFrame()
    expect(frames).toHaveLength(0)
    client.emit({ type: 'request.received', request: summary(3) })
    expect(frames).toHaveLength(1)
  })

  it('routes each kind of event to its store', () => {
    const changed = { ...settings, theme: 'dark' as const }
    const online = {
      ...status,
      tunnel: { state: 'online' as const, url: 'https://x.ngrok.app', error: null },
    }
    client.emit({ type: 'message.converted', message: messageRow(5, { a: '1' }), duplicateOf: null })
    client.emit({ type: 'incident.recorded', incident: incident(7) })
    client.emit({ type: 'settings.changed', settings: changed })
    client.emit({ type: 'status.changed', status: online })
    runFrame()
    expect(useMessagesStore.getState().ids).toEqual([5])
    expect(useIncidentsStore.getState().ids).toEqual([7])
    expect(useSettingsStore.getState().settings?.theme).toBe('dark')
    expect(useStatusStore.getState().status?.tunnel.state).toBe('online')
  })

  it('drops requests received before a clear in the same frame, and keeps later ones', () => {
    client.emit({ type: 'request.received', request: summary(2) })
    client.emit({ type: 'requests.cleared', deleted: 2 })
    client.emit({ type: 'request.received', request: summary(3) })
    runFrame()
    expect(useRequestsStore.getState().ids).toEqual([3])
    expect(useStatusStore.getState().status?.storage.requests).toBe(0)
  })

  it('does not count twice the requests a status snapshot in the same frame already counts', () => {
    client.emit({ type: 'request.received', request: summary(2) })
    client.emit({ type: 'request.received', request: summary(3) })
    client.emit({
      type: 'status.changed',
      status: { ...status, storage: { ...status.storage, requests: 3 } },
    })
    client.emit({ type: 'request.received', request: summary(4) })
    runFrame()
    expect(useRequestsStore.getState().ids).toEqual([4, 3, 2, 1])
    expect(useStatusStore.getState().status?.storage.requests).toBe(4)
  })

  it('records retention in the status', () => {
    client.emit({ type: 'retention.applied', deleted: 2, at: '2024-05-29T12:00:00.000Z' })
    runFrame()
    expect(useStatusStore.getState().status?.storage).toEqual({
      fault: null,
      requests: 1,
      lastRetention: { at: '2024-05-29T12:00:00.000Z', deleted: 2 },
    })
  })

  it('shows the connection state and catches up from the core after a reconnect', async () => {
    client.setConnection('disconnected')
    expect(useStatusStore.getState().connection).toBe('disconnected')
    client.handlers.listRequests = () => page([summary(4), summary(1)], 2)
    client.setConnection('connected')
    await settled()
    expect(useStatusStore.getState().connection).toBe('connected')
    expect(client.callsOf('getStatus')).toHaveLength(1)
    expect(useRequestsStore.getState().ids).toEqual([4, 1])
  })

  it('stops applying events after stop()', () => {
    client.emit({ type: 'request.received', request: summary(2) })
    stop()
    runFrame()
    client.emit({ type: 'request.received', request: summary(3) })
    expect(useRequestsStore.getState().ids).toEqual([1])
  })
})
