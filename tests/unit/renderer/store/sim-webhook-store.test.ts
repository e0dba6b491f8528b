import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SimWebhook, SimWebhookAttempt } from '@shared/simulator'
import { setClient } from '@renderer/api/client'
import { initialSimWebhookState, useSimWebhookStore } from '@renderer/store/sim-webhook-store'
import { createFakeClient, type FakeClient } from '../fake-client'

const store = () => useSimWebhookStore.getState()
let client: FakeClient
let pending = 1

const attempt = (botId: number, n: number): SimWebhookAttempt => ({
  id: n,
  botId,
  updateId: 900_000_001,
  chatId: 42,
  attempt: n,
  startedAt: '2026-12-04T10:00:00.000Z',
  durationMs: 300,
  status: null,
  error: 'Read timeout expired',
  outcome: 'retry',
  retryAt: '2026-12-04T10:00:02.000Z',
})

const webhookOf = (botId: number): SimWebhook => ({
  botId,
  url: 'http://127.0.0.1:9/hook',
  pendingUpdateCount: pending,
  lastErrorDate: 1_796_000_000,
  lastErrorMessage: 'Read timeout expired',
  maxConnections: 100,
  attempts: [attempt(botId, 1)],
})

beforeEach(() => {
  useSimWebhookStore.setState(initialSimWebhookState)
  pending = 1
  client = createFakeClient({ getSimWebhook: ({ id }) => webhookOf(Number(id)) })
  setClient(client)
})
afterEach(() => setClient(null))

describe('sim webhook store', () => {
  it("loads the open chat's bot webhook and asks again when one of its attempts is reported", async () => {
    await store().show(7)
    expect(store().webhook).toMatchObject({ botId: 7, pendingUpdateCount: 1 })
    pending = 0
    store().applyAttempts([attempt(7, 2)])
    await expect.poll(() => store().webhook?.pendingUpdateCount).toBe(0)
    expect(client.callsOf('getSimWebhook')).toHaveLength(2)
  })

  it('ignores attempts of other bots', async () => {
    await store().show(7)
    store().applyAttempts([attempt(8, 1)])
    expect(client.callsOf('getSimWebhook')).toHaveLength(1)
  })
})
