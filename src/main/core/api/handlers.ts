import type { MethodName } from '@shared/api-names'
import type { Output, ParsedInput } from '@shared/api'
import type { RequestDetail, Status } from '@shared/domain'
import { toHar, toJsonExport } from './request-export'
import { AppError } from '@shared/errors'
import type { EventBus } from '../events'
import type { Forwarding } from '../forwarding'
import type { Replayer, UsersService } from '../receiver'
import type { RulesService } from '../rules'
import type { ScenarioService } from '../scenarios'
import type { Simulator } from '../simulator'
import type { ConnectFlow } from '../telegram'
import type { SettingsService } from '../settings'
import type { Store } from '../store'

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<Output<M>> }

export interface HandlerDeps {
  store: Store
  settings: SettingsService
  users: UsersService
  bus: EventBus
  status: () => Status
  rules: RulesService
  simulator: Simulator
  telegram: ConnectFlow
  replayer: Replayer
  forwarding: Forwarding
  scenarios: ScenarioService
  /** The public origin exported URLs use (the receiver's base URL). */
  origin: () => string
}

/** Plain functions over core services, one per contract method (src/shared/api.ts). */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, settings, users, bus, status, rules, simulator, telegram, replayer, forwarding, scenarios } =
    deps
  const alertOr404 = <T>(id: number, value: T | null): T => {
    if (value === null)
      throw new AppError('not_found', `No alert with id ${id}.`, { where: [{ path: ['id'] }] })
    return value
  }
  return {
    listRequests: async (q) => store.requests.list(q),
    getRequest: async ({ id }) => {
      const found = store.requests.get(id)
      if (!found) throw new AppError('not_found', `No request with id ${id}.`, { where: [{ path: ['id'] }] })
      return found
    },
    clearRequests: async () => {
      const deleted = await store.writer.write(() => store.requests.deleteWhere(''))
      bus.emit({ type: 'requests.cleared', deleted })
      return { deleted }
    },
    exportRequests: async ({ format, ids, ...q }) => {
      const wanted = ids ? ids.split(',').map(Number).filter(Number.isSafeInteger) : null
      const summaries = wanted ? wanted.slice(0, q.limit).map((id) => ({ id })) : store.requests.list(q).items
      const details = summaries
        .map((r) => store.requests.get(r.id))
        .filter((r): r is RequestDetail => r !== null)
      const loopOf = (requestId: number) => ({
        forwards: store.botLoop.attemptsOf(requestId),
        botCalls: store.botLoop.callsOfRequest(requestId),
      })
      return format === 'har' ? toHar(details, deps.origin(), '0.1.0', loopOf) : toJsonExport(details, loopOf)
    },
    replayRequest: async ({ id, ...edit }) => ({ id: await replayer.replay(id, edit) }),
    sendSampleRequest: async () => ({ id: await replayer.sendSample(Date.now()) }),
    listMessages: async (q) => store.messages.list(q),
    getMessage: async ({ id }) => {
      const found = store.messages.get(id)
      if (!found) throw new AppError('not_found', `No message with id ${id}.`, { where: [{ path: ['id'] }] })
      return found
    },
    listIncidents: async (q) => store.incidents.list(q),
    listUsers: async () => {
      const items = users.list()
      return { items, total: items.length }
    },
    createUser: (input) => users.create(input),
    updateUser: (input) => users.update(input),
    deleteUser: ({ name }) => users.delete(name),
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
    getStatus: async () => status(),

    listRules: async () => {
      const items = rules.list()
      return { items, total: items.length }
    },
    getRule: async ({ id }) => rules.get(id),
    createRule: (input) => rules.create(input),
    updateRule: ({ id, ...input }) => rules.update(id, input),
    deleteRule: ({ id }) => rules.delete(id),
    importRules: ({ text }) => rules.importXml(text),
    exportRules: async ({ ids }) => rules.exportXml(ids ? ids.split(',').filter(Boolean) : undefined),
    testRule: async ({ id, messageId, command }) => rules.test(id, { messageId, command }),
    testRuleDraft: async ({ rule, messageId, command }) => rules.testDraft(rule, { messageId, command }),
    matchMessage: async ({ id }) => rules.matchMessage(id),
    listTagNames: async ({ prefix, limit }) => ({ items: store.messages.tagNames(prefix ?? '', limit) }),
    listAlerts: async (q) => store.alerts.list(q),
    getAlert: async ({ id }) => {
      const alert = alertOr404(id, store.alerts.get(id))
      return {
        ...alert,
        events: store.alerts.events(id),
        deliveries: store.alerts.deliveries({ alertId: id, limit: 500 }).items,
      }
    },
    // The rules service stamps these with the core's injected clock, like every other alert time.
    acknowledgeAlert: async ({ id }) => alertOr404(id, await rules.acknowledgeAlert(id)),
    closeAlert: async ({ id }) => alertOr404(id, await rules.closeAlert(id)),
    listDeliveries: async (q) => store.alerts.deliveries(q),

    createSimChat: (input) => simulator.createChat(input),
    listSimChats: async () => {
      const items = await simulator.listChats()
      return { items, total: items.length }
    },
    sendSimMessage: (input) => simulator.sendMessage(input),
    sendSimFile: (input) => simulator.sendFile(input),
    getSimFile: ({ fileId }) => simulator.file(fileId),
    pressSimButton: (input) => simulator.pressButton(input),
    getSimTranscript: async ({ id }) => ({ items: await simulator.transcript(id) }),
    changeSimMember: (input) => simulator.changeMember(input),
    setSimBotPrivacy: (input) => simulator.setBotPrivacy(input),
    getSimWebhook: (input) => simulator.webhook(input),
    addSimFault: (input) => simulator.faults.add(input),
    listSimFaults: async () => ({ items: simulator.faults.list() }),
    deleteSimFault: async ({ id }) => ({ deleted: await simulator.faults.remove(id) }),
    clearSimFaults: async ({ botId }) => ({ deleted: await simulator.faults.clear(botId) }),
    blockSimChat: ({ id, blocked }) => simulator.blockChat(id, blocked),
    sendSimInlineQuery: (input) => simulator.sendInlineQuery(input),
    getSimInlineQuery: ({ queryId }) => simulator.getInlineQuery(queryId),
    chooseSimInlineResult: (input) => simulator.chooseResult(input),
    listSimUpdates: async ({ id, limit }) => ({ items: await simulator.listUpdates(id, limit) }),

    getTelegram: async () => telegram.state(),
    connectBot: ({ token }) => telegram.connect(token),
    setReachability: (input) => telegram.setReachability(input),
    prepareWebhook: (input) => telegram.prepareWebhook(input),
    registerWebhook: (input) => telegram.register(input),
    checkWebhook: () => telegram.check(),
    disconnectTelegram: ({ restorePrevious }) => telegram.disconnect(restorePrevious),
    useSimulator: () => telegram.useSimulator(),

    listBotCalls: async ({ from, to, ...q }) =>
      store.botLoop.listCalls({
        ...q,
        ...(from !== undefined && { fromMs: Date.parse(from) }),
        ...(to !== undefined && { toMs: Date.parse(to) }),
      }),
    getBotCall: async ({ id }) => {
      const found = store.botLoop.getCall(id)
      if (!found) throw new AppError('not_found', `No bot call with id ${id}.`, { where: [{ path: ['id'] }] })
      return found
    },
    listForwards: async ({ requestId, updateId }) => {
      const update =
        requestId !== undefined
          ? store.botLoop.updateOfRequest(requestId)
          : updateId !== undefined
            ? store.botLoop.updateById(updateId)
            : null
      const items = update?.requestId ? store.botLoop.attemptsOf(update.requestId) : []
      return { update, items }
    },
    getForwarding: async () => forwarding.state(),
    setForwarding: (input) => forwarding.setByUser(input),
    listConversations: async () => ({ items: store.botLoop.chats() }),
    getConversation: async (q) => ({ items: store.botLoop.conversation(q) }),
    listScenarios: () => scenarios.list(),
    getScenario: ({ path }) => scenarios.get(path),
    saveScenario: ({ path, text }) => scenarios.save(path, text),
    deleteScenario: async ({ path }) => ({ deleted: await scenarios.remove(path) }),
    runScenarios: ({ paths }) => scenarios.run(paths),
    listScenarioRuns: async ({ limit }) => ({ items: scenarios.runs(limit) }),
    getScenarioRun: async ({ id }) => scenarios.getRun(id),
    recordScenario: ({ chatId, action, name }) => scenarios.record(chatId, action, name),
    getScenarioRecording: async ({ id }) => scenarios.recording(id),
    listScenarioRecordings: async () => ({ items: scenarios.recordings() }),
    scenarioFromConversation: async (q) => scenarios.fromConversation(q),
  }
}
