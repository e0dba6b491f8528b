import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { initialForwardingState, useForwardingStore } from '@renderer/store/forwarding-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { forwardingState } from '../bot-loop-factories'

const store = () => useForwardingStore.getState()
let client: FakeClient

beforeEach(() => {
  useForwardingStore.setState(initialForwardingState)
  client = createFakeClient({
    getForwarding: () => forwardingState(),
    setForwarding: (input) =>
      forwardingState({
        mode: 'webhook',
        url: input.url ?? null,
        hasSecretToken: Boolean(input.secretToken),
        setBy: 'user',
      }),
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('forwarding store', () => {
  it('reads the forwarding and saves a target the user set', async () => {
    await store().fetch()
    expect(store().forwarding?.mode).toBe('polling')
    expect(await store().save({ url: 'http://127.0.0.1:3000/hook', secretToken: 's3cret' })).toBe(true)
    expect(store().forwarding).toMatchObject({ mode: 'webhook', hasSecretToken: true, setBy: 'user' })
    expect(JSON.stringify(store())).not.toContain('s3cret')
  })

  it('keeps a refused save as its error', async () => {
    client.handlers.setForwarding = () => {
      throw new AppError('invalid_input', 'Give an http:// or https:// URL', { where: [{ path: ['url'] }] })
    }
    expect(await store().save({ url: 'ftp://x' })).toBe(false)
    expect(store().saveError?.where?.[0]?.path).toEqual(['url'])
  })

  it('takes a live forwarding change', () => {
    store().applyForwarding(forwardingState({ pendingCount: 3, lastErrorMessage: 'Connection refused' }))
    expect(store()).toMatchObject({ load: 'ready', forwarding: { pendingCount: 3 } })
  })
})
