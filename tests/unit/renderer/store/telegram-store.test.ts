import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import {
  initialTelegramState,
  selectNeedsSetup,
  selectShownStep,
  useTelegramStore,
} from '@renderer/store/telegram-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { connection } from '../workbench-factories'

const store = () => useTelegramStore.getState()
const TOKEN = `123456789:${'A'.repeat(35)}`
let client: FakeClient

beforeEach(() => {
  useTelegramStore.setState(initialTelegramState)
  client = createFakeClient({
    getTelegram: () => connection(),
    connectBot: () => connection({ step: 'reachability', bot: { id: 1, username: 'b', firstName: 'B' } }),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('telegram store', () => {
  it('loads the connection and says when the wizard is needed', async () => {
    await store().fetch()
    expect(store().load).toBe('ready')
    expect(selectNeedsSetup(store())).toBe(true)
    expect(selectShownStep(store())).toBe('token')
  })

  it('checks the token before calling, then moves on to reachability', async () => {
    expect(await store().connect('nope')).toBe(false)
    expect(client.callsOf('connectBot')).toHaveLength(0)
    expect(store().error?.where).toEqual([{ path: ['token'] }])

    expect(await store().connect(` ${TOKEN} `)).toBe(true)
    expect(client.callsOf('connectBot')).toEqual([{ token: TOKEN }])
    expect(selectShownStep(store())).toBe('reachability')
    expect(store().error).toBeNull()
  })

  it('keeps a failure verbatim and reads the flow again for its hint', async () => {
    client.handlers.connectBot = () => {
      throw new AppError('upstream', 'Telegram rejected the bot token (401). Copy it again from @BotFather.')
    }
    client.handlers.getTelegram = () => connection({ lastError: 'Unauthorized', hint: 'Copy it again' })
    expect(await store().connect(TOKEN)).toBe(false)
    expect(store().error?.message).toBe(
      'Telegram rejected the bot token (401). Copy it again from @BotFather.',
    )
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store().connection?.hint).toBe('Copy it again')
  })

  it('stays on reachability when the tunnel reports an error', async () => {
    useTelegramStore.setState({ connection: connection({ step: 'reachability' }), load: 'ready' })
    client.handlers.setReachability = () =>
      connection({
        step: 'reachability',
        reachability: {
          mode: 'ngrok',
          state: 'error',
          url: null,
          error: 'ERR_NGROK_105',
          hint: 'Check the authtoken',
          selfSigned: false,
        },
      })
    expect(await store().setReachability({ mode: 'ngrok', authtoken: 'x' })).toBe(true)
    expect(selectShownStep(store())).toBe('reachability')
  })

  it('sends only the webhook values the user typed, after checking them', async () => {
    useTelegramStore.setState({ connection: connection({ step: 'webhook' }), load: 'ready' })
    store().editWebhook({ password: 'short' })
    expect(await store().confirmCredentials()).toBe(false)
    expect(store().error?.where).toEqual([{ path: ['password'] }])
    store().editWebhook({ password: '' })
    expect(await store().confirmCredentials()).toBe(true)
    expect(selectShownStep(store())).toBe('url')
    client.handlers.prepareWebhook = () => connection({ step: 'register' })
    expect(await store().prepareWebhook()).toBe(true)
    expect(client.callsOf('prepareWebhook')).toEqual([{ query: 'command.message=message.text' }])
    expect(selectShownStep(store())).toBe('register')
  })

  it('shows the check after registering, and done when the first update completes the wait', async () => {
    useTelegramStore.setState({ connection: connection({ step: 'register' }), load: 'ready' })
    client.handlers.registerWebhook = () => connection({ step: 'wait' })
    expect(await store().register({})).toBe(true)
    expect(selectShownStep(store())).toBe('check')
    store().goTo('wait')
    store().applyConnection(connection({ step: 'done', firstUpdateAt: '2024-05-29T12:00:00.000Z' }))
    expect(selectShownStep(store())).toBe('done')
  })

  it('runs one step at a time', async () => {
    let release!: () => void
    client.handlers.checkWebhook = () =>
      new Promise((resolve) => {
        release = () => resolve(connection({ step: 'wait' }))
      })
    const first = store().check()
    expect(await store().check()).toBe(false)
    release()
    expect(await first).toBe(true)
    expect(client.callsOf('checkWebhook')).toHaveLength(1)
  })

  it('switches to the simulator without keeping its token', async () => {
    client.handlers.useSimulator = () => ({
      ...connection({ step: 'wait', simulated: true }),
      token: 'secret-token',
    })
    expect(await store().switchToSimulator()).toBe(true)
    expect(JSON.stringify(store())).not.toContain('secret-token')
    expect(store().connection?.simulated).toBe(true)
    expect(selectNeedsSetup(store())).toBe(false)
  })
})
