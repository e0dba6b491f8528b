/// <reference types="node" />
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import type { CoreEvent } from '@shared/events'
import { contractChecks, type ConnectionState, type HookbenchClient } from '@renderer/api/client'
import { createHttpClient } from '@renderer/api/http-client'
import { toHttpCall } from '@shared/wire'
import { page, settings, summary } from '../factories'
import { startTestServer, type TestServer } from './test-server'

let server: TestServer
let client: HookbenchClient
const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) })

beforeAll(async () => {
  await contractChecks() // answers are checked before they are handed on (client.test.ts: before that)
  server = await startTestServer()
  client = createHttpClient(server.base, { minDelayMs: 20, maxDelayMs: 40 })
})
afterEach(() => {
  server.requests.length = 0
})
afterAll(() => server.close())

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('http client calls', () => {
  it('sends a GET with the input as a query string and parses the answer', async () => {
    server.reply(() => json(200, page([summary(1)], 1)))
    const result = await client.call('listRequests', {
      status: '4xx',
      errorsOnly: true,
      text: 'cpu busy',
      limit: 50,
    })
    expect(result.items[0]?.id).toBe(1)
    expect(server.requests[0]?.method).toBe('GET')
    expect(server.requests[0]?.url).toBe('/api/requests?status=4xx&errorsOnly=true&text=cpu+busy&limit=50')
  })

  it('fills path parameters from the input', async () => {
    server.reply(() => json(200, { deleted: true }))
    await client.call('deleteUser', { name: 'ada.l' })
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: '/api/users/ada.l' })
  })

  it('sends PUT input as JSON, path parameters left out of the body', async () => {
    server.reply(() => json(200, { name: 'ada', entities: ['*'], createdAt: '2024-05-29T12:00:00.000Z' }))
    await client.call('updateUser', { name: 'ada', password: 'another secret' })
    const request = server.requests[0]
    expect(request?.url).toBe('/api/users/ada')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual({ password: 'another secret' })
  })

  it('rejects with the AppError of the error envelope, kind and where intact', async () => {
    server.reply(() =>
      json(400, {
        error: {
          kind: 'invalid_input',
          message: 'Use at least 8 characters',
          where: [{ path: ['password'] }],
        },
      }),
    )
    const error = await rejection(client.call('createUser', { name: 'ada', password: 'x' }))
    expect(error.kind).toBe('invalid_input')
    expect(error.message).toBe('Use at least 8 characters')
    expect(error.toShape().where).toEqual([{ path: ['password'] }])
  })

  it('keeps retryAfterMs and ref from the envelope', async () => {
    server.reply(() =>
      json(500, { error: { kind: 'internal', message: 'Internal error (ref r-42).', ref: 'r-42' } }),
    )
    const error = await rejection(client.call('getStatus', {}))
    expect(error.toShape()).toEqual({ kind: 'internal', message: 'Internal error (ref r-42).', ref: 'r-42' })
  })

  it('maps an answer without an envelope to a kind by status', async () => {
    server.reply(() => ({ status: 404, body: 'Not Found', type: 'text/plain' }))
    expect((await rejection(client.call('getRequest', { id: 9 }))).kind).toBe('not_found')
    server.reply(() => ({ status: 401, body: '' }))
    const unauthorized = await rejection(client.call('getStatus', {}))
    expect(unauthorized.kind).toBe('unauthorized')
    expect(unauthorized.message).toMatch(/UI URL/)
  })

  it('rejects with internal when the answer does not match the contract', async () => {
    server.reply(() => json(200, { ...settings, theme: 'purple' }))
    const error = await rejection(client.call('getSettings', {}))
    expect(error.kind).toBe('internal')
    expect(error.toShape().where).toEqual([{ path: ['theme'] }])
  })

  it('rejects with unavailable when the core cannot be reached', async () => {
    const gone = createHttpClient(new URL('http://127.0.0.1:9/'))
    expect((await rejection(gone.call('getStatus', {}))).kind).toBe('unavailable')
  })

  it('sends text bodies and reads text answers for XML methods', async () => {
    server.reply((request) =>
      request.method === 'GET'
        ? { status: 200, body: '<rules/>', type: 'application/xml' }
        : json(200, { imported: [], skipped: [], warnings: [] }),
    )
    expect(await client.call('exportRules', {})).toBe('<rules/>')
    expect(server.requests[0]?.headers.accept).toBe('application/xml')
    await client.call('importRules', { text: '<rules><rule/></rules>' }).catch(() => undefined)
    expect(server.requests[1]).toMatchObject({
      method: 'POST',
      url: '/api/rules/import',
      body: '<rules><rule/></rules>',
    })
    expect(server.requests[1]?.headers['content-type']).toBe('application/xml')
  })
})

describe('toHttpCall', () => {
  it('refuses a missing path parameter with where', () => {
    try {
      toHttpCall('getRequest', {} as { id: number })
      expect.unreachable()
    } catch (error) {
      expect((error as AppError).toShape()).toMatchObject({
        kind: 'invalid_input',
        where: [{ path: ['id'] }],
      })
    }
  })
})

describe('http client events', () => {
  it('forwards valid events, drops invalid ones, and reconnects after the socket drops', async () => {
    const events: CoreEvent[] = []
    const states: ConnectionState[] = []
    const offState = client.onConnection((state) => states.push(state))
    const off = client.subscribe((event) => events.push(event))
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1))
    await vi.waitFor(() => expect(states.at(-1)).toBe('connected'))
    expect(server.requests.find((r) => r.method === 'UPGRADE')?.url).toBe('/api/events')

    server.push('not json')
    server.push(JSON.stringify({ type: 'request.received', request: { id: 'nope' } }))
    server.push(JSON.stringify({ type: 'requests.cleared', deleted: 3 }))
    await vi.waitFor(() => expect(events).toEqual([{ type: 'requests.cleared', deleted: 3 }]))

    server.dropSockets()
    await vi.waitFor(() => expect(states).toContain('disconnected'))
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1))
    await vi.waitFor(() => expect(states.at(-1)).toBe('connected'))
    server.push(JSON.stringify({ type: 'retention.applied', deleted: 1, at: '2024-05-29T12:00:00.000Z' }))
    await vi.waitFor(() => expect(events).toHaveLength(2))

    off()
    offState()
    await vi.waitFor(() => expect(server.sockets).toHaveLength(0))
  })
})
