import { createBotApiPlugin } from './bot-api-plugin'
import { createControl } from './control'
import { createFaults } from './faults'
import type { Simulator, SimulatorDeps } from './index'
import { BOT_METHODS, isAllowedInWebhookAnswer } from './methods'
import { paramReader, readParams } from './params'
import { createSimContext, type SimContext } from './sim-context'
import type { PostOutcome } from './webhook/webhook-post'
import { webhookView } from './webhook/webhook-view'

/**
 * A method call in a 2xx webhook answer runs like a request (TELEGRAM.md §4), except get*, setWebhook,
 * deleteWebhook, close and logOut; the bot never sees its result.
 */
async function runWebhookAnswer(ctx: SimContext, botId: number, answer: Extract<PostOutcome, { ok: true }>) {
  if (answer.body.length === 0) return
  const p = paramReader(await readParams('', answer.contentType, answer.body))
  const name = p.str('method')
  const method = name && isAllowedInWebhookAnswer(name) ? BOT_METHODS.get(name.toLowerCase()) : undefined
  const bot = ctx.repo.bot(botId)
  if (!method || !bot) return
  await method({ bot, p, ctx, signal: new AbortController().signal })
}

/** Builds the simulator: its state in SQLite, the Bot API plugin and the control API methods. */
export function createSimulator(deps: SimulatorDeps): Simulator {
  const ctx: SimContext = createSimContext(deps, (botId, answer) => {
    runWebhookAnswer(ctx, botId, answer).catch((err: unknown) =>
      ctx.log.debug({ err, botId }, 'simulator ignored a failed method call in a webhook answer'),
    )
  })
  const control = createControl(ctx, deps.connectedBotToken)
  const faults = createFaults(ctx)
  const botApi = createBotApiPlugin(ctx, faults)
  return {
    plugin: async (app, options) => {
      await botApi(app, options)
      // Updates left pending before a restart go out once the server (maybe their own target) listens.
      app.addHook('onListen', (done) => {
        ctx.delivery.resume()
        done()
      })
    },
    createBot: async (token) => {
      const bot = await control.createBot(token)
      return { id: bot.id, username: bot.username }
    },
    setBotPrivacy: control.setBotPrivacy,
    webhook: async (input) => webhookView(ctx, input),
    createChat: control.createChat,
    listChats: control.listChats,
    sendMessage: control.sendMessage,
    sendFile: control.sendFile,
    file: async (fileId) => control.file(fileId),
    pressButton: control.pressButton,
    transcript: control.transcript,
    blockChat: control.blockChat,
    sendInlineQuery: control.sendInlineQuery,
    getInlineQuery: control.getInlineQuery,
    chooseResult: control.chooseResult,
    listUpdates: control.listUpdates,
    changeMember: control.changeMember,
    faults,
    close: async () => {
      ctx.longPoll.close()
      ctx.delivery.close()
    },
  }
}
