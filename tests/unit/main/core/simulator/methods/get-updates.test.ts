import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEventBus } from '../../../../../../src/main/core/events'
import { createLogger } from '../../../../../../src/main/core/log'
import { BotApiError } from '../../../../../../src/main/core/simulator/bot-api-error'
import { BOT_METHODS } from '../../../../../../src/main/core/simulator/methods'
import { paramReader } from '../../../../../../src/main/core/simulator/params'
import { createSimContext, type SimContext } from '../../../../../../src/main/core/simulator/sim-context'
import { createStore, type Store } from '../../../../../../src/main/core/store'
import { tokenFor } from '../sim-harness'

// Method calls without HTTP: a held getUpdates is registered synchronously, so its ending is deterministic.
let store: Store
let ctx: SimContext
let botId: number
beforeEach(async () => {
  store = createStore(':memory:')
  ctx = createSimContext(
    {
      store,
      bus: createEventBus(() => undefined),
      log: createLogger({ level: 'silent' }),
      now: Date.now,
      strict: () => false,
      connectedBotToken: () => undefined,
    },
    () => undefined,
  )
  const bot = await ctx.createBotForToken(tokenFor(930001))
  if (typeof bot === 'string') throw new Error(bot)
  botId = bot.id
})
afterEach(async () => {
  ctx.longPoll.close()
  ctx.delivery.close()
  await store.close()
})

async function call(
  name: string,
  params: Record<string, string>,
  signal = new AbortController().signal,
): Promise<{ result: unknown; description?: string }> {
  const method = BOT_METHODS.get(name.toLowerCase())!
  const p = paramReader(new Map(Object.entries(params)))
  const answer = await method({ bot: ctx.repo.bot(botId)!, p, ctx, signal })
  // getUpdates answers its stored payloads already serialised, as the HTTP answer carries them.
  return 'resultJson' in answer ? { result: JSON.parse(answer.resultJson) as unknown } : answer
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (err: unknown) => (err instanceof BotApiError ? `${err.code} ${err.description}` : String(err)),
  )

describe('getUpdates long polling', () => {
  it('is ended with 409 by a successful setWebhook', async () => {
    const held = failure(call('getUpdates', { timeout: '30' }))
    expect((await call('setWebhook', { url: 'http://127.0.0.1:9/hook' })).description).toBe('Webhook was set')
    expect(await held).toBe('409 Conflict: terminated by setWebhook request')
  })

  it('is ended with 409 by a second getUpdates, which is answered normally', async () => {
    const held = failure(call('getUpdates', { timeout: '30' }))
    expect(await call('getUpdates', {})).toEqual({ result: [] })
    expect(await held).toBe(
      '409 Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    )
  })

  it('answers [] when the client goes away or the simulator closes', async () => {
    const abort = new AbortController()
    const left = call('getUpdates', { timeout: '30' }, abort.signal)
    abort.abort()
    expect(await left).toEqual({ result: [] })
    const closing = call('getUpdates', { timeout: '30' })
    ctx.longPoll.close()
    expect(await closing).toEqual({ result: [] })
  })

  it('answers as soon as an update is added', async () => {
    const held = call('getUpdates', { timeout: '30' })
    const chatId = 4242
    await ctx.write(() =>
      ctx.repo.insertChat({
        id: chatId,
        botId,
        type: 'private',
        title: null,
        username: null,
        userId: chatId,
        userFirstName: 'Ada',
        userLastName: null,
        userUsername: null,
        createdAt: Date.now(),
      }),
    )
    const updateId = await ctx.write(() =>
      ctx.addUpdate(botId, 'message', chatId, { message: { text: 'hi' } }),
    )
    ctx.updatesAdded(botId)
    expect(await held).toEqual({ result: [{ update_id: updateId, message: { text: 'hi' } }] })
  })
})
