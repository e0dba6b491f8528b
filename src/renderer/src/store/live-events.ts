import type { Delivery } from '@shared/alerts'
import type { Incident, MessageRow, RequestSummary, Status } from '@shared/domain'
import type { CoreEvent } from '@shared/events'
import type { ForwardingState } from '@shared/bot-loop'
import type { ScenarioRecording } from '@shared/scenarios'
import type { SimWebhookAttempt } from '@shared/simulator'
import type { Settings } from '@shared/settings'
import type { TelegramConnection } from '@shared/telegram'
import type { ConnectionState, HookbenchClient } from '../api/client'
import type { ProgressEvent } from '../lib/scenario-progress'
import type { TimelineEvent } from '../lib/timeline'
import { useAlertsStore, type AlertChange } from './alerts-store'
import { useConversationsStore } from './conversations-store'
import { useDeliveriesStore } from './deliveries-store'
import { useForwardingStore } from './forwarding-store'
import { useIncidentsStore } from './incidents-store'
import { useMessagesStore } from './messages-store'
import { useRequestsStore } from './requests-store'
import { useRulesStore } from './rules-store'
import { useScenarioDraftStore } from './scenario-draft-store'
import { useScenariosStore } from './scenarios-store'
import { useSimulatorStore, type SimMessageEvent } from './simulator-store'
import { useSimWebhookStore } from './sim-webhook-store'
import { useTelegramStore } from './telegram-store'
import { useSettingsStore } from './settings-store'
import { useStatusStore } from './status-store'

/** Runs `flush` once, at the next animation frame. */
type FrameScheduler = (flush: () => void) => void

export interface LiveEventsOptions {
  scheduleFrame?: FrameScheduler
}

/**
 * The renderer's one consumer of the event stream (STYLE §4). Events queue up and are applied once per
 * animation frame, one store action per kind, so a burst of webhooks re-renders once, not per request.
 * Returns stop.
 */
export function startLiveEvents(client: HookbenchClient, options: LiveEventsOptions = {}): () => void {
  const scheduleFrame = options.scheduleFrame ?? nextFrame
  let queue: CoreEvent[] = []
  let scheduled = false
  let stopped = false

  const flush = () => {
    scheduled = false
    if (stopped) return
    const events = queue
    queue = []
    applyBatch(events)
  }

  const unsubscribe = client.subscribe((event) => {
    queue.push(event)
    if (scheduled) return
    scheduled = true
    scheduleFrame(flush)
  })

  let last: ConnectionState | null = null
  const unwatch = client.onConnection((state) => {
    useStatusStore.getState().setConnection(state)
    // Events sent while the stream was down are gone: catch up from the core after a reconnect.
    if (state === 'connected' && last === 'disconnected') resync()
    last = state
  })

  return () => {
    stopped = true
    unsubscribe()
    unwatch()
  }
}

/** Applies one frame's events in order of kind; only the latest snapshot of settings and status counts. */
function applyBatch(events: readonly CoreEvent[]): void {
  // Rows received before a clear in the same frame are already gone.
  const clearedAt = events.findLastIndex((event) => event.type === 'requests.cleared')
  const requests: RequestSummary[] = []
  const messages: MessageRow[] = []
  const incidents: Incident[] = []
  const deliveries: Delivery[] = []
  let settings: Settings | null = null
  let status: Status | null = null
  let retention: { deleted: number; at: string } | null = null
  const alertChanges: AlertChange[] = []
  const simMessages: SimMessageEvent[] = []
  const webhookAttempts: SimWebhookAttempt[] = []
  let telegram: TelegramConnection | null = null
  let rulesChanged = false
  const botLoop: TimelineEvent[] = []
  let forwarding: ForwardingState | null = null
  const progress: ProgressEvent[] = []
  const recordings: ScenarioRecording[] = []
  let scenariosChanged = false
  for (const [index, event] of events.entries()) {
    switch (event.type) {
      case 'request.received':
        if (index > clearedAt) requests.push(event.request)
        break
      case 'message.converted':
        if (index > clearedAt) messages.push(event.message)
        break
      case 'incident.recorded':
        incidents.push(event.incident)
        break
      case 'settings.changed':
        settings = event.settings
        break
      case 'status.changed':
        status = event.status
        break
      case 'retention.applied':
        retention = { deleted: event.deleted, at: event.at }
        break
      case 'requests.cleared':
        break
      case 'delivery.recorded':
        deliveries.push(event.delivery)
        break
      case 'alert.changed':
        alertChanges.push({ alert: event.alert, transition: event.transition })
        rulesChanged = true // open-alert counts and "last fired" show in the rules list
        break
      case 'rules.changed':
        rulesChanged = true
        break
      case 'telegram.changed':
        telegram = event.connection
        break
      case 'simulator.message':
        simMessages.push({ chatId: event.chatId, item: event.item })
        break
      case 'simulator.webhookAttempted':
        webhookAttempts.push(event.attempt)
        break
      case 'botcall.recorded':
        botLoop.push({ kind: 'call', call: event.call })
        break
      case 'update.queued':
        botLoop.push({ kind: 'update', update: event.update })
        break
      case 'forward.attempted':
        botLoop.push({ kind: 'forward', attempt: event.attempt })
        break
      case 'forwarding.changed':
        forwarding = event.forwarding
        break
      case 'scenario.started':
      case 'scenario.step':
      case 'scenario.finished':
        progress.push(event)
        break
      case 'recording.changed':
        recordings.push(event.recording)
        break
      case 'scenarios.changed':
        scenariosChanged = true
        break
    }
  }

  if (clearedAt !== -1) {
    useRequestsStore.getState().applyCleared()
    useMessagesStore.getState().applyCleared()
  }
  if (requests.length > 0) useRequestsStore.getState().applyLive(requests)
  if (messages.length > 0) useMessagesStore.getState().applyLive(messages)
  if (incidents.length > 0) useIncidentsStore.getState().applyLive(incidents)
  if (deliveries.length > 0) useDeliveriesStore.getState().applyLive(deliveries)
  if (settings) useSettingsStore.getState().applySettings(settings)
  if (alertChanges.length > 0) useAlertsStore.getState().applyChanges(alertChanges)
  if (deliveries.length > 0) useAlertsStore.getState().applyDeliveries(deliveries)
  if (rulesChanged) useRulesStore.getState().applyChanged()
  if (telegram) {
    useTelegramStore.getState().applyConnection(telegram)
    void useStatusStore.getState().load() // the status bar's tunnel and webhook follow the connect flow
  }
  if (simMessages.length > 0) useSimulatorStore.getState().applyMessages(simMessages)
  if (webhookAttempts.length > 0) useSimWebhookStore.getState().applyAttempts(webhookAttempts)
  if (botLoop.length > 0) useConversationsStore.getState().applyLive(botLoop)
  if (forwarding) useForwardingStore.getState().applyForwarding(forwarding)
  if (progress.length > 0) useScenariosStore.getState().applyProgress(progress)
  for (const recording of recordings) useScenarioDraftStore.getState().applyRecording(recording)
  if (scenariosChanged) useScenariosStore.getState().applyChanged()
  const statusStore = useStatusStore.getState()
  if (status) statusStore.applyStatus(status)
  // A status snapshot already counts the requests stored before it: only those after it in this frame add up
  // (a disk-full status arriving mid-stream showed 7 stored beside a list of 4).
  const statusAt = events.findLastIndex((event) => event.type === 'status.changed')
  const receivedAfter = events.filter(
    (event, index) => event.type === 'request.received' && index > Math.max(clearedAt, statusAt),
  ).length
  const retentionAfter =
    events.findLastIndex((event) => event.type === 'retention.applied') > statusAt ? retention : null
  if ((clearedAt !== -1 && clearedAt > statusAt) || receivedAfter > 0 || retention) {
    statusStore.applyCounts({
      cleared: clearedAt !== -1 && clearedAt > statusAt,
      received: receivedAfter,
      deleted: retentionAfter?.deleted ?? 0,
      retentionAt: retention?.at,
    })
  }
}

function resync(): void {
  void useStatusStore.getState().load()
  void useRequestsStore.getState().refreshHead()
  void useMessagesStore.getState().refreshHead()
  void useIncidentsStore.getState().refreshHead()
  void useDeliveriesStore.getState().refreshHead()
  resyncWorkbench()
}

/** Rules, alerts, the connect flow and the simulator ask again for what they show. */
function resyncWorkbench(): void {
  void useTelegramStore.getState().fetch()
  useRulesStore.getState().applyChanged()
  const alerts = useAlertsStore.getState()
  if (alerts.open.load === 'ready') void alerts.loadTab('open')
  if (alerts.history.load === 'ready') void alerts.loadTab('history')
  const simulator = useSimulatorStore.getState()
  if (simulator.load === 'ready') void simulator.fetchChats()
  if (simulator.selectedId !== null) void simulator.select(simulator.selectedId)
  const webhook = useSimWebhookStore.getState()
  if (webhook.botId !== null) void webhook.show(webhook.botId)
  resyncBotLoop()
  useScenariosStore.getState().applyChanged()
}

/** The Conversations page and a request's Conversation tab ask again for what they show. */
function resyncBotLoop(): void {
  const conversations = useConversationsStore.getState()
  if (conversations.chatsLoad === 'ready') void conversations.fetchChats()
  if (conversations.timelineLoad === 'ready') void conversations.reloadTimeline()
  if (conversations.request?.load === 'ready') void conversations.loadRequest(conversations.request.requestId)
  if (useForwardingStore.getState().load === 'ready') void useForwardingStore.getState().fetch()
}

/**
 * requestAnimationFrame, with a timer as a floor: a hidden window gets no frames, and its queue must not
 * grow without bound while it is hidden.
 */
const nextFrame: FrameScheduler = (flush) => {
  let done = false
  const run = () => {
    if (done) return
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    flush()
  }
  const frame = requestAnimationFrame(run)
  const timer = setTimeout(run, 250)
}
