import { beforeAll, describe, expect, it, vi } from 'vitest'
import { METHOD_NAMES } from '@shared/api-names'
import { AppError } from '@shared/errors'
import { contractChecks, type HookbenchBridge } from '@renderer/api/client'
import { createIpcClient } from '@renderer/api/ipc-client'
import { status } from '../factories'

function bridge(
  answer: (name: string, input: unknown) => Promise<unknown>,
): HookbenchBridge & { emit(e: unknown): void } {
  const listeners = new Set<(event: unknown) => void>()
  return {
    methods: Object.fromEntries(
      METHOD_NAMES.map((name) => [name, (input: unknown) => answer(name, input)]),
    ) as HookbenchBridge['methods'],
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    capabilities: { shell: 'electron', keychain: true, notifications: true },
    emit: (event) => listeners.forEach((listener) => listener(event)),
  }
}

beforeAll(() => contractChecks()) // answers are checked before they are handed on (client.test.ts: before that)

describe('ipc client', () => {
  it('passes the input to the method and unwraps an ok envelope', async () => {
    const seen: unknown[] = []
    const client = createIpcClient(
      bridge(async (name, input) => {
        seen.push([name, input])
        return { ok: true, value: status }
      }),
    )
    expect(await client.call('getStatus', {})).toEqual(status)
    expect(seen).toEqual([['getStatus', {}]])
    expect(client.capabilities).toEqual({ shell: 'electron', keychain: true, notifications: true })
  })

  it('rebuilds the AppError of an error envelope with kind and where', async () => {
    const client = createIpcClient(
      bridge(async () => ({
        ok: false,
        error: { kind: 'conflict', message: 'ada exists', where: [{ path: ['name'] }] },
      })),
    )
    const error = await client
      .call('createUser', { name: 'ada', password: 'correct horse' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).toShape()).toEqual({
      kind: 'conflict',
      message: 'ada exists',
      where: [{ path: ['name'] }],
    })
  })

  it('turns a failed invoke into unavailable and a malformed answer into internal', async () => {
    const failing = createIpcClient(bridge(() => Promise.reject(new Error('channel closed'))))
    expect(await failing.call('getStatus', {}).catch((e: AppError) => e.kind)).toBe('unavailable')
    const odd = createIpcClient(bridge(async () => status))
    expect(await odd.call('getStatus', {}).catch((e: AppError) => e.kind)).toBe('internal')
    const badError = createIpcClient(bridge(async () => ({ ok: false, error: { kind: 'nope' } })))
    expect(await badError.call('getStatus', {}).catch((e: AppError) => e.kind)).toBe('internal')
    const wrongShape = createIpcClient(bridge(async () => ({ ok: true, value: { ...status, receiver: 1 } })))
    expect(await wrongShape.call('getStatus', {}).catch((e: AppError) => e.toShape().where)).toEqual([
      { path: ['receiver'] },
    ])
  })

  it('forwards valid events only, in arrival order, and is always connected', async () => {
    const b = bridge(async () => ({ ok: true, value: null }))
    const client = createIpcClient(b)
    const events: unknown[] = []
    const states: string[] = []
    client.onConnection((state) => states.push(state))
    const off = client.subscribe((event) => events.push(event))
    b.emit({ type: 'requests.cleared', deleted: 1 })
    b.emit({ type: 'requests.cleared' })
    b.emit('garbage')
    b.emit({ type: 'requests.cleared', deleted: 3 })
    await vi.waitFor(() => expect(events).toHaveLength(2))
    expect(events).toEqual([
      { type: 'requests.cleared', deleted: 1 },
      { type: 'requests.cleared', deleted: 3 },
    ])
    off()
    b.emit({ type: 'requests.cleared', deleted: 2 })
    expect(states).toEqual(['connected'])
  })

  it('does not deliver an event still being checked when the listener unsubscribes', async () => {
    const b = bridge(async () => ({ ok: true, value: null }))
    const client = createIpcClient(b)
    const events: unknown[] = []
    const off = client.subscribe((event) => events.push(event))
    b.emit({ type: 'requests.cleared', deleted: 1 })
    off()
    await contractChecks()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(events).toEqual([])
  })

  it('reads the bridge capabilities, and gives no extras for odd ones', () => {
    const odd = { ...bridge(async () => null), capabilities: { keychain: 'yes', notifications: true } }
    expect(createIpcClient(odd).capabilities).toEqual({
      shell: 'electron',
      keychain: false,
      notifications: false,
    })
    const partial = { ...bridge(async () => null), capabilities: { notifications: true } }
    expect(createIpcClient(partial).capabilities).toEqual({
      shell: 'electron',
      keychain: false,
      notifications: true,
    })
  })
})
