import { afterEach, describe, expect, it } from 'vitest'
import { createStore, type NewRequest, type Store } from '../../../../../src/main/core/store'

/** requests-repo.ts RESPONSE_BODY_CAP */
const RESPONSE_BODY_CAP = 64 * 1024

const request: NewRequest = {
  receivedAtMs: Date.UTC(2026, 0, 1),
  method: 'POST',
  path: '/api/v1/messages/webhook/telegram',
  query: '',
  headers: {},
  body: new TextEncoder().encode('{}'),
  bodySize: 2,
  bodyTruncated: false,
  contentType: 'application/json',
  remoteAddress: '127.0.0.1',
  user: null,
  authOutcome: 'anonymous',
  status: 200,
  entity: null,
  messageText: null,
  error: null,
  warnings: [],
  updateId: null,
  replayOf: 7,
}

let store: Store
afterEach(() => store.close())

describe('requests repository: the answer beside the request', () => {
  it('has no response until one is recorded, then returns it with its replay_of', async () => {
    store = createStore(':memory:', 'normal', { searchIndex: { intervalMs: 60_000 } })
    const { request: stored } = await store.writer.write(() => store.requests.insert(request, null))
    expect(store.requests.get(stored.id)).toMatchObject({ response: null, replayOf: 7 })
    const body = new TextEncoder().encode('{"ok":true}')
    await store.writer.write(() =>
      store.requests.setResponse(stored.id, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body,
        timeMs: 1.25,
      }),
    )
    expect(store.requests.get(stored.id)?.response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
      bodyEncoding: 'utf8',
      size: body.length,
      bodyTruncated: false,
      timeMs: 1.25,
    })
  })

  it('keeps at most 64 KiB of a response body and says it was cut', async () => {
    store = createStore(':memory:', 'normal', { searchIndex: { intervalMs: 60_000 } })
    const { request: stored } = await store.writer.write(() => store.requests.insert(request, null))
    const big = new TextEncoder().encode('x'.repeat(RESPONSE_BODY_CAP + 100))
    await store.writer.write(() =>
      store.requests.setResponse(stored.id, { status: 200, headers: {}, body: big, timeMs: 3 }),
    )
    const response = store.requests.get(stored.id)?.response
    expect(response?.body).toHaveLength(RESPONSE_BODY_CAP)
    expect(response).toMatchObject({ size: RESPONSE_BODY_CAP + 100, bodyTruncated: true })
  })
})
