import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import type { SimFault } from '@shared/simulator'
import { setClient } from '@renderer/api/client'
import { initialSimFaultsState, useSimFaultsStore } from '@renderer/store/sim-faults-store'
import { createFakeClient, type FakeClient } from '../fake-client'

const store = () => useSimFaultsStore.getState()
let client: FakeClient
let faults: SimFault[]

const fault = (id: number): SimFault => ({
  id,
  botId: null,
  method: 'sendMessage',
  kind: 'error',
  errorCode: 429,
  description: null,
  retryAfter: 5,
  migrateToChatId: null,
  delayMs: null,
  remaining: 1,
  expiresAt: null,
  hits: 0,
  createdAt: '2026-12-04T10:00:00.000Z',
})

beforeEach(() => {
  useSimFaultsStore.setState(initialSimFaultsState)
  faults = []
  client = createFakeClient({
    listSimFaults: () => ({ items: faults }),
    addSimFault: () => {
      const f = fault(faults.length + 1)
      faults = [...faults, f]
      return f
    },
    deleteSimFault: ({ id }) => {
      faults = faults.filter((f) => f.id !== Number(id))
      return { deleted: true }
    },
    clearSimFaults: () => {
      const deleted = faults.length
      faults = []
      return { deleted }
    },
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('sim faults store', () => {
  it('adds, lists, removes and clears faults, asking the core each time', async () => {
    expect(
      await store().add({ method: 'sendMessage', kind: 'error', errorCode: 429, retryAfter: 5, times: 1 }),
    ).toBe(true)
    await store().add({ method: '*', kind: 'drop', times: 1 })
    expect(store().faults.map((f) => f.id)).toEqual([1, 2])
    await store().remove(1)
    expect(store().faults.map((f) => f.id)).toEqual([2])
    await store().clear()
    expect(store().faults).toEqual([])
  })

  it('keeps the core’s error when a fault is refused', async () => {
    client.handlers.addSimFault = () => {
      throw new AppError('invalid_input', 'an error fault needs errorCode', {
        where: [{ path: ['errorCode'] }],
      })
    }
    expect(await store().add({ method: 'sendMessage', kind: 'error' })).toBe(false)
    expect(store().error).toMatchObject({ kind: 'invalid_input', message: 'an error fault needs errorCode' })
  })
})
