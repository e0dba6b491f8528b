import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input } from '@shared/api'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { EXPORT_IDS_PER_CALL } from '@renderer/lib/request-export'
import { initialRequestsState, useRequestsStore } from '@renderer/store/requests-store'
import { createFakeClient, type FakeClient } from '../fake-client'
import { detail, page, summary } from '../factories'

const store = () => useRequestsStore.getState()
let client: FakeClient

const harOf = (ids: string | undefined) => ({
  log: {
    version: '1.2',
    creator: { name: 'Hookbench' },
    entries: (ids ?? '').split(',').map((id) => ({ id })),
  },
})

beforeEach(async () => {
  useRequestsStore.setState(initialRequestsState)
  client = createFakeClient({
    listRequests: () => page([summary(5), summary(4), summary(3), summary(2), summary(1)], 5),
    getRequest: ({ id }) => detail(Number(id)),
  })
  setClient(client)
  await store().setFilter({ path: 'telegram' })
})
afterEach(() => setClient(null))

describe('requests store: checking rows', () => {
  it('toggles rows and checks a range from the last one toggled', () => {
    store().toggleChecked(4)
    store().checkRangeTo(2)
    expect(store().checked).toEqual([4, 3, 2])
    store().toggleChecked(3)
    expect(store().checked).toEqual([4, 2])
    expect(store().checkAnchor).toBe(3)
  })

  it('unchecks everything when the filter changes or the store is cleared, not when it stays', async () => {
    store().toggleChecked(4)
    await store().setFilter({ path: 'telegram' })
    expect(store().checked).toEqual([4])
    await store().setFilter({ path: 'other' })
    expect(store().checked).toEqual([])
    store().toggleChecked(5)
    store().applyCleared()
    expect(store().checked).toEqual([])
  })
})

describe('requests store: replay', () => {
  it('replays with the edit and opens the new request', async () => {
    client.handlers.replayRequest = () => ({ id: 42 })
    const edit = { method: 'PUT', path: '/api/v1/messages/webhook/x', query: 'a=1', headers: { 'x-a': '1' } }
    const id = await store().replay(5, { ...edit, method: 'PUT', body: '{}' })
    expect(id).toBe(42)
    expect(client.callsOf('replayRequest')).toEqual([{ id: 5, ...edit, body: '{}' }])
    expect(store().selectedId).toBe(42)
    expect(store().detail?.data?.id).toBe(42)
    expect(store().replaying).toEqual({ busy: false, error: null })
  })

  it('keeps the refusal as the replay error and stays on the request', async () => {
    await store().openDetail(5)
    client.handlers.replayRequest = () => {
      throw new AppError(
        'invalid_input',
        'Only the head of this oversized body was kept: edit the body to replay it.',
        {
          where: [{ path: ['body'] }],
        },
      )
    }
    expect(await store().replay(5)).toBeNull()
    expect(store().replaying.error).toMatchObject({ kind: 'invalid_input', where: [{ path: ['body'] }] })
    expect(store().detail?.id).toBe(5)
    store().dismissActionErrors()
    expect(store().replaying.error).toBeNull()
  })
})

describe('requests store: export', () => {
  it('exports everything matching the filter in one call', async () => {
    client.handlers.exportRequests = () => [{ id: 1 }, { id: 2 }]
    const file = await store().exportRequests('json', { kind: 'filter' })
    expect(client.callsOf('exportRequests')).toEqual([{ path: 'telegram', format: 'json', limit: 10_000 }])
    expect(file?.count).toBe(2)
    expect(file?.fileName).toMatch(/^hookbench-requests-filtered-.*\.json$/)
    expect(JSON.parse(file?.text ?? '')).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('exports a large selection in several calls of ids and joins the HAR logs in order', async () => {
    client.handlers.exportRequests = (input: Input<'exportRequests'>) => harOf(input.ids)
    const ids = Array.from({ length: EXPORT_IDS_PER_CALL + 3 }, (_, i) => 1000 - i)
    const file = await store().exportRequests('har', { kind: 'selected', ids })
    const calls = client.callsOf('exportRequests') as Input<'exportRequests'>[]
    expect(calls.map((call) => call.ids?.split(',').length)).toEqual([EXPORT_IDS_PER_CALL, 3])
    expect(calls.every((call) => call.format === 'har' && call.limit === call.ids?.split(',').length)).toBe(
      true,
    )
    const har = JSON.parse(file?.text ?? '') as ReturnType<typeof harOf>
    expect(har.log.entries.map((entry) => Number(entry.id))).toEqual(ids)
    expect(file?.fileName).toMatch(/^hookbench-requests-503-selected-/)
  })

  it('exports one request by id', async () => {
    client.handlers.exportRequests = (input: Input<'exportRequests'>) => harOf(input.ids)
    const file = await store().exportRequests('har', { kind: 'one', id: 3 })
    expect(client.callsOf('exportRequests')).toEqual([{ format: 'har', ids: '3', limit: 1 }])
    expect(file?.fileName).toBe('hookbench-request-3.har')
  })

  it('reports an answer of the wrong shape as an error, not a broken file', async () => {
    client.handlers.exportRequests = () => ({ unexpected: true })
    expect(await store().exportRequests('har', { kind: 'filter' })).toBeNull()
    expect(store().exporting.error?.kind).toBe('internal')
  })
})

describe('requests store: sample update', () => {
  it('sends the sample and selects the request it became', async () => {
    client.handlers.sendSampleRequest = () => ({ id: 77 })
    expect(await store().sendSample()).toBe(77)
    expect(store().selectedId).toBe(77)
    expect(store().sample).toEqual({ busy: false, error: null })
  })

  it('keeps the failure for the empty state to show', async () => {
    client.handlers.sendSampleRequest = () => {
      throw new AppError('unavailable', 'The receiver is stopping.')
    }
    expect(await store().sendSample()).toBeNull()
    expect(store().sample.error).toEqual({ kind: 'unavailable', message: 'The receiver is stopping.' })
  })
})
