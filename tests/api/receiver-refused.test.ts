import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, TEST_USER, type TestCore } from '../helpers/start-core'

// Issue 18 items 10 and 12: requests refused before the receiver's route runs (Node's parser, Fastify's
// router) and requests their client abandons are stored too, with their status and reason.

const BASIC = `Basic ${Buffer.from(`${TEST_USER.name}:${TEST_USER.password}`).toString('base64')}`
const PREFIX = '/api/v1/messages/webhook'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

/** Writes raw bytes on a socket and collects the answer until the server closes it. */
function raw(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(core.port, '127.0.0.1')
    let out = ''
    socket.on('data', (d: Buffer) => (out += d.toString('latin1')))
    socket.on('end', () => resolve(out))
    socket.on('error', reject)
    socket.end(bytes)
  })
}
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])

async function newest() {
  const list = await (await core.api('/requests?limit=1')).json()
  return (await core.api(`/requests/${list.items[0].id}`)).json()
}

describe('a client that aborts mid-request', () => {
  it.each([
    ['while its credentials are checked', 0],
    ['while its body is read', 700],
  ])(
    'is stored as aborted (499) with what arrived, logged at info, not error (%s)',
    async (_when, waitMs) => {
      const before = (await (await core.api('/requests?limit=1')).json()).items[0]?.id ?? 0
      const socket = connect(core.port, '127.0.0.1')
      await new Promise((r) => socket.once('connect', r))
      socket.write(
        `POST ${PREFIX}/aborted?entity=ab HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"partial": "',
      )
      await new Promise((r) => setTimeout(r, waitMs))
      socket.write('z'.repeat(5000))
      await new Promise((r) => setTimeout(r, 100))
      socket.destroy()
      await expect.poll(async () => (await newest()).id, { timeout: 10_000 }).toBeGreaterThan(before)
      const d = await newest()
      expect(d).toMatchObject({ path: `${PREFIX}/aborted`, status: 499, size: 5013, command: null })
      expect(d.error).toEqual({
        code: 'aborted',
        message: 'The client closed the connection after 5013 of 100000 bytes of the body; it got no answer.',
      })
      expect(d.body.startsWith('{"partial": "zzz')).toBe(true)
      const lines = core.logs.map((l) => JSON.parse(l) as { level: string; msg: string })
      expect(lines.find((l) => l.msg === 'webhook client aborted the request')?.level).toBe('info')
      expect(lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([])
    },
  )
})

const head = (target: Buffer | string, headers: (Buffer | string)[] = []) =>
  Buffer.concat([
    Buffer.from('POST '),
    Buffer.from(target),
    Buffer.from(` HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\n`),
    ...headers.flatMap((h) => [Buffer.from(h), Buffer.from('\r\n')]),
    Buffer.from('Content-Length: 2\r\nConnection: close\r\n\r\n{}'),
  ])

describe('a request refused before the receiver runs', () => {
  it('stores a path with percent-escapes that are not UTF-8 exactly as sent', async () => {
    const answer = await raw(head(`${PREFIX}/%ff%fe/%?entity=bad`))
    expect(statusOf(answer)).toBe(200)
    const d = await newest()
    expect(d).toMatchObject({ path: `${PREFIX}/%ff%fe/%`, query: 'entity=bad', status: 200, entity: 'bad' })
  })

  it.each([
    [
      'raw bytes that are not UTF-8 in the path',
      head(Buffer.concat([Buffer.from(`${PREFIX}/`), Buffer.from([0xff, 0xfe]), Buffer.from('?entity=raw')])),
      `${PREFIX}/%FF%FE`,
      {},
    ],
    ['a space in the path', head(`${PREFIX}/a b?entity=sp`), `${PREFIX}/a%20b`, {}],
    [
      'a control character in a header value',
      head(`${PREFIX}/ctl?entity=h`, [
        Buffer.concat([Buffer.from('X-Bad: a'), Buffer.from([0x01, 0xff]), Buffer.from('b')]),
      ]),
      `${PREFIX}/ctl`,
      { 'x-bad': 'a\\x01\\xffb' },
    ],
    ['an invalid header name', head(`${PREFIX}/name?entity=h`, ['X Bad Name: v']), `${PREFIX}/name`, {}],
  ])(
    'stores %s with status 400, the reason and the readable headers, and answers with its id',
    async (_name, bytes, path, headers) => {
      const answer = await raw(bytes)
      expect(statusOf(answer)).toBe(400)
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
      const d = await newest()
      expect(body.id).toBe(d.id)
      expect(body.error.kind).toBe('invalid_input')
      expect(d).toMatchObject({
        method: 'POST',
        path,
        status: 400,
        authOutcome: 'unchecked',
        command: null,
        size: 0,
      })
      expect(d.error.code).toBe('bad_request')
      expect(d.error.message).toMatch(
        /^Node's HTTP parser refused the request \(HPE_[A-Z_]+: .+\) before Hookbench could read it/,
      )
      // The credentials stay masked, like every stored request's.
      expect(d.headers.authorization).toBe(`Basic ${TEST_USER.name}:***`)
      expect(d.headers).toMatchObject({ host: 'x', ...headers })
      expect(JSON.stringify(d)).not.toContain(TEST_USER.password)
      // Listed with the others, for the inspector's status filter.
      const list = await (await core.api('/requests?status=4xx&limit=5')).json()
      expect(list.items.map((r: { id: number }) => r.id)).toContain(d.id)
    },
  )

  it("answers Node's 400 to a malformed request outside the webhook and stores nothing", async () => {
    const before = (await newest()).id
    const answer = await raw(Buffer.from('GET /api/status\x01 HTTP/1.1\r\nHost: x\r\n\r\n'))
    expect(statusOf(answer)).toBe(400)
    expect((await newest()).id).toBe(before)
  })
})

describe('a JSON body with a million keys (issue 18 item 11)', () => {
  it('is stored whole and refused unparsed as too complex; a document under the bound still converts', async () => {
    const c = await startTestCore({ settings: { maxBodyBytes: 20 * 1024 * 1024 } })
    try {
      const body = `{${Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":1`).join(',')}}`
      const res = await c.webhook('/huge?entity=huge', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(res.status).toBe(400)
      const { id, error } = await res.json()
      expect(error.message).toBe(
        'The JSON document has more than 100000 values; send fewer fields (it was not parsed).',
      )
      const d = await (await c.api(`/requests/${id}`)).json()
      expect(d).toMatchObject({ status: 400, size: Buffer.byteLength(body), command: null })
      expect(d.error.code).toBe('too_complex')
      const small = await c.webhook('/small?entity=small', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{${Array.from({ length: 500 }, (_, i) => `"k${i}":1`).join(',')}}`,
      })
      expect(small.status).toBe(200)
    } finally {
      await c.close()
    }
  })
})
