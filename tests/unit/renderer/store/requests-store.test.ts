import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input } from '@shared/api'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { initialRequestsState, REQUESTS_PAGE_SIZE, useRequestsStore } from '@renderer/store/requests-store'
import { createFakeClient, deferred, settled, type FakeClient } from '../fake-client'
import { detail, page, summary } from '../factories'

const store = () => useRequestsStore.getState()
let client: FakeClient

beforeEach(() => {
  useRequestsStore.setState(initialRequestsState)
  client = createFakeClient({ listRequests: () => page([summary(3), summary(2), summary(1)], 3) })
  setClient(client)
})
afterEach(() => setClient(null))

describe('requests store', () => {
  it('loads the first page of a filter and asks the core with that filter', async () => {
    await store().setFilter({ status: '4xx', text: 'cpu' })
    expect(client.callsOf('listRequests')).toEqual([
      { status: '4xx', text: 'cpu', limit: REQUESTS_PAGE_SIZE, cursor: undefined },
    ])
    expect(store().ids).toEqual([3, 2, 1])
    expect(store().load).toBe('ready')
    expect(store().byId[2]?.messageText).toBe('text 2')
  })

  it('does not reload when the filter is the same', async () => {
    await store().setFilter({ text: 'a' })
    await store().setFilter({ text: 'a', errorsOnly: false })
    expect(client.callsOf('listRequests')).toHaveLength(1)
  })

  it('pages on with the next cursor and stops at the end', async () => {
    client.handlers.listRequests = (input: Input<'listRequests'>) =>
      input.cursor === 'c2' ? page([summary(1)], 3, null) : page([summary(3), summary(2)], 3, 'c2')
    await store().setFilter({})
    await store().loadMore()
    await store().loadMore()
    expect(client.callsOf('listRequests').map((input) => (input as { cursor?: string }).cursor)).toEqual([
      undefined,
      'c2',
    ])
    expect(store().ids).toEqual([3, 2, 1])
    expect(store().next).toBeNull()
  })

  it('keeps the answer of the latest filter when an older answer arrives last', async () => {
    const slow = deferred<ReturnType<typeof page<ReturnType<typeof summary>>>>()
    client.handlers.listRequests = (input) => (input.text === 'old' ? slow.promise : page([summary(9)], 1))
    const first = store().setFilter({ text: 'old' })
    await store().setFilter({ text: 'new' })
    slow.resolve(page([summary(1)], 1))
    await first
    expect(store().ids).toEqual([9])
    expect(store().filter).toEqual({ text: 'new' })
  })

  it('keeps a failed load as an AppErrorShape with kind and where', async () => {
    client.handlers.listRequests = () => {
      throw new AppError('invalid_input', 'from must be an ISO time', { where: [{ path: ['from'] }] })
    }
    await store().setFilter({ from: 'x' })
    expect(store().load).toBe('error')
    expect(store().error).toEqual({
      kind: 'invalid_input',
      message: 'from must be an ISO time',
      where: [{ path: ['from'] }],
    })
  })

  it('puts live requests on top of the unfiltered view without asking the core', async () => {
    await store().setFilter({})
    store().applyLive([summary(4), summary(5)])
    expect(store().ids).toEqual([5, 4, 3, 2, 1])
    expect(store().total).toBe(5)
    expect(client.callsOf('listRequests')).toHaveLength(1)
  })

  it('asks the core again when live requests arrive in a filtered view, once per burst', async () => {
    await store().setFilter({ status: '5xx' })
    client.handlers.listRequests = () => page([summary(7, { status: 500 }), summary(3)], 4)
    store().applyLive([summary(6)])
    store().applyLive([summary(7, { status: 500 })])
    await settled()
    // The first refresh was in flight when the second batch came: exactly one more follows it.
    expect(client.callsOf('listRequests')).toHaveLength(3)
    expect(store().ids).toEqual([7, 3, 2, 1])
    expect(store().byId[6]).toBeUndefined()
  })

  it('counts unseen requests while paused and catches up on resume', async () => {
    await store().setFilter({})
    store().setPaused(true)
    store().applyLive([summary(4)])
    store().applyLive([summary(5)])
    expect(store().unseen).toBe(2)
    expect(store().ids).toEqual([3, 2, 1])
    client.handlers.listRequests = () => page([summary(5), summary(4), summary(3)], 5)
    store().setPaused(false)
    await settled()
    expect(store().ids).toEqual([5, 4, 3, 2, 1])
    expect(store().unseen).toBe(0)
  })

  it('moves the selection with selectNext, clamped to the list, and the open detail follows it', async () => {
    client.handlers.getRequest = ({ id }) => detail(Number(id))
    await store().setFilter({})
    store().selectNext(1)
    expect(store().selectedId).toBe(3)
    store().selectNext(-1)
    expect(store().selectedId).toBe(3)
    await store().openDetail(3)
    store().selectNext(1)
    expect(store().selectedId).toBe(2)
    await settled()
    expect(store().detail?.data?.id).toBe(2)
    expect(client.callsOf('getRequest')).toEqual([{ id: 3 }, { id: 2 }])
  })

  it('shows a detail error (the request was removed) in the panel', async () => {
    client.handlers.getRequest = () => {
      throw new AppError('not_found', 'Request 3 does not exist.')
    }
    await store().openDetail(3)
    expect(store().detail).toEqual({
      id: 3,
      data: null,
      error: { kind: 'not_found', message: 'Request 3 does not exist.' },
    })
    store().closeDetail()
    expect(store().detail).toBeNull()
  })

  it('clears through the core and empties the view', async () => {
    client.handlers.clearRequests = () => ({ deleted: 3 })
    await store().setFilter({})
    store().select(2)
    expect(await store().clear()).toBe(true)
    expect(client.callsOf('clearRequests')).toEqual([{}])
    expect(store().ids).toEqual([])
    expect(store().selectedId).toBeNull()
    expect(store().load).toBe('ready')
  })

  it('keeps the view and reports the error when clearing fails', async () => {
    client.handlers.clearRequests = () => {
      throw new AppError('unavailable', 'The store is busy.')
    }
    await store().setFilter({})
    expect(await store().clear()).toBe(false)
    expect(store().ids).toEqual([3, 2, 1])
    expect(store().clearError?.kind).toBe('unavailable')
  })
})
