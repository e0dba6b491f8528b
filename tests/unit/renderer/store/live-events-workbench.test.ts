import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '@renderer/api/client'
import { initialAlertsState, useAlertsStore } from '@renderer/store/alerts-store'
import { startLiveEvents } from '@renderer/store/live-events'
import { initialRulesState, useRulesStore } from '@renderer/store/rules-store'
import { initialSimulatorState, useSimulatorStore } from '@renderer/store/simulator-store'
import { initialStatusState, useStatusStore } from '@renderer/store/status-store'
import { initialTelegramState, useTelegramStore } from '@renderer/store/telegram-store'
import { createFakeClient, settled, type FakeClient } from '../fake-client'
import { page, status } from '../factories'
import { alert, connection, item, ruleSummary, simChat } from '../workbench-factories'

let client: FakeClient
let frames: (() => void)[]
let stop: () => void
const scheduleFrame = (flush: () => void) => void frames.push(flush)
const runFrame = () => frames.splice(0).forEach((flush) => flush())

beforeEach(async () => {
  useAlertsStore.setState(initialAlertsState)
  useRulesStore.setState(initialRulesState)
  useSimulatorStore.setState(initialSimulatorState)
  useTelegramStore.setState(initialTelegramState)
  useStatusStore.setState({ ...initialStatusState, status })
  frames = []
  client = createFakeClient({
    listAlerts: () => page([]),
    listRules: () => ({ items: [ruleSummary('a')], total: 1 }),
    listSimChats: () => ({ items: [simChat(1)], total: 1 }),
    getSimTranscript: () => ({ items: [] }),
    getStatus: () => status,
    listRequests: () => page([]),
    listMessages: () => page([]),
    listIncidents: () => page([]),
    listDeliveries: () => page([]),
    getTelegram: () => connection(),
  })
  setClient(client)
  await useAlertsStore.getState().loadTab('open')
  await useRulesStore.getState().fetch()
  await useSimulatorStore.getState().fetchChats()
  await useSimulatorStore.getState().select(1)
  stop = startLiveEvents(client, { scheduleFrame })
})
afterEach(() => {
  stop()
  setClient(null)
})

describe('live events for rules, alerts, the connect flow and the simulator', () => {
  it('routes each event to its store once per frame', async () => {
    client.emit({ type: 'alert.changed', alert: alert(1), transition: 'OPEN' })
    client.emit({ type: 'telegram.changed', connection: connection({ step: 'done' }) })
    client.emit({ type: 'simulator.message', chatId: 1, item: item(1, { from: 'bot' }) })
    client.emit({ type: 'rules.changed' })
    expect(useAlertsStore.getState().open.ids).toEqual([])
    runFrame()
    expect(useAlertsStore.getState().open.ids).toEqual([1])
    expect(useTelegramStore.getState().connection?.step).toBe('done')
    expect(useSimulatorStore.getState().transcripts[1]).toHaveLength(1)
    await settled()
    // One refetch of the rules list for both the alert and the rules change.
    expect(client.callsOf('listRules')).toHaveLength(2)
  })
})
