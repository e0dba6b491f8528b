import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startTestCore, TEST_USER, type TestCore } from '../helpers/start-core'

// SPEC "Non-functional targets": zero crashes under malformed input. Whatever arrives, the receiver answers
// one of these statuses in bounded time, stores the request (except when Node refuses the headers), and
// keeps serving.
const ALLOWED = [200, 400, 405, 413, 431]
const MAX_BODY_BYTES = 11 * 1024 * 1024
const TIMEOUT_MS = 15_000
const BASIC = `Basic ${Buffer.from(`${TEST_USER.name}:${TEST_USER.password}`).toString('base64')}`
/** ATSD-BEHAVIOUR §2.2: tag names never keep whitespace or non-printable characters. */
const NOT_PRINTABLE = /[\s\p{Cc}\p{Cf}\p{Cs}]/u

const FIXTURES = ['private-text', 'start-command', 'callback-query', 'edited-group-message'].map((name) =>
  readFixture(`telegram/${name}.json`),
)

let core: TestCore
beforeAll(async () => {
  // 11 MiB so the 10 MiB one-line body is accepted; larger bodies still exercise the 413 path.
  core = await startTestCore({ settings: { maxBodyBytes: MAX_BODY_BYTES } })
})
afterAll(() => core.close())

interface Case {
  method: string
  /** Everything after the webhook prefix: `/segments?query`, already percent-encoded as it goes on the wire. */
  target: string
  headers: Record<string, string>
  body: string | Uint8Array | null
}

const byteLength = (body: Case['body']) =>
  body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length

/** Sends one case, then checks the answer and the stored request; returns the stored detail. */
async function check(c: Case) {
  const started = performance.now()
  const res = await core.webhook(c.target, {
    method: c.method,
    headers: c.headers,
    ...(c.body !== null && { body: c.body }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
  const text = await res.text()
  expect(performance.now() - started).toBeLessThan(TIMEOUT_MS)
  expect(
    ALLOWED,
    `status ${res.status} for ${c.method} ${c.target.slice(0, 200)}: ${text.slice(0, 300)}`,
  ).toContain(res.status)
  const { id } = JSON.parse(text) as { id: number }
  expect(id).toBeTypeOf('number')
  const stored = await core.api(`/requests/${id}`)
  expect(stored.status).toBe(200)
  const d = await stored.json()
  expect(d).toMatchObject({ id, method: c.method, status: res.status, size: byteLength(c.body) })
  if (d.command) {
    const bad = Object.keys(d.command.tags).filter((name) => NOT_PRINTABLE.test(name))
    expect(bad, 'tag names with whitespace or control characters').toEqual([])
  }
  return d
}

/** Percent-encodes every byte of the UTF-8 form (lone surrogates included) except unreserved characters. */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('')
const pctBytes = (bytes: Uint8Array) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')

// ---------------------------------------------------------------------------------------------------------
// Arbitraries.

const text = (maxLength = 40) => fc.string({ unit: 'binary', maxLength })

/** Byte-level and structural mutations of the Telegram fixtures. */
const mutatedFixture = fc
  .tuple(
    fc.nat(FIXTURES.length - 1),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat(30) }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: text(20) }),
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([index, mutations]) => {
    let out = FIXTURES[index]!
    for (const m of mutations) {
      const at = m.at % (out.length + 1)
      if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.len)
      else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at)
      else if (m.kind === 'truncate') out = out.slice(0, at)
      else out = swapValue(out, m.at, m.value)
    }
    return out
  })

/** Replaces the value at the n-th path of a JSON document (when it still parses) with `value`. */
function swapValue(json: string, n: number, value: unknown): string {
  let doc: unknown
  try {
    doc = JSON.parse(json)
  } catch {
    return json
  }
  const slots: [Record<string, unknown>, string][] = []
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return
    for (const [k, v] of Object.entries(node)) {
      slots.push([node as Record<string, unknown>, k])
      walk(v)
    }
  }
  walk(doc)
  const slot = slots[n % Math.max(slots.length, 1)]
  if (slot) slot[0][slot[1]] = value
  return JSON.stringify(doc)
}

const body = fc.oneof(
  { weight: 4, arbitrary: mutatedFixture },
  { weight: 2, arbitrary: fc.json({ maxDepth: 6 }) },
  { weight: 1, arbitrary: text(500) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 1000 }) },
  { weight: 1, arbitrary: fc.constant(null) },
)

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'text/plain',
    'text/plain; charset=latin1',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    'application/xml',
    '*/*',
    ';;;',
    'application/',
    'json',
  ),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,20}(; ?[a-z]{1,8}=[!-~]{0,10})?$/),
)

const PARAMS = [
  'entity',
  'type',
  'source',
  'message',
  'severity',
  'date',
  'command.entity',
  'command.message',
  'command.date',
  'command.severity',
  'header.entity',
  'header.tag.agent',
  'json.parse',
  'datetimePattern',
  'include',
  'exclude',
  'includeValues',
  'excludeValues',
]
const queryPair = fc.tuple(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PARAMS).map(pct) },
    { weight: 2, arbitrary: text(20).map(pct) },
  ),
  fc.oneof(
    { weight: 3, arbitrary: text(40).map(pct) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('message.text', 'message.date', 'telegram', 'iso', 'yyyy-MM-dd', '*'),
    },
    // Percent-encoded bytes that are not UTF-8.
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map(pctBytes) },
  ),
)
const query = fc
  .tuple(fc.boolean(), fc.array(queryPair, { maxLength: 8 }))
  .map(([withEntity, pairs]) =>
    [...(withEntity ? [['entity', 'fuzz']] : []), ...pairs].map((p) => p.join('=')).join('&'),
  )

// Percent-encoded bytes that are not UTF-8 in the PATH are refused by Fastify's router before the receiver
// runs: a known gap, pinned by its own test below, so the property keeps to decodable paths. Dot segments
// (`..`, `%2e%2e`) are resolved by fetch's URL parser before sending: the raw-socket tests cover them.
const path = fc.oneof(
  fc.constantFrom('/telegram', '', '/', '/..%2f..%2fetc/passwd', '/%00', '/a/b/c', '/a//b'),
  text(30).map((s) => `/p${pct(s)}`),
)

const extraHeaders = fc.dictionary(
  fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  fc.stringMatching(/^[!-~]{0,60}$/),
  {
    maxKeys: 8,
  },
)

const fuzzCase: fc.Arbitrary<Case> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'),
    path,
    query,
    contentType: fc.option(contentType),
    headers: extraHeaders,
    body,
  })
  .map((r) => ({
    method: r.method,
    target: `${r.path}?${r.query}`,
    headers: { ...r.headers, ...(r.contentType !== null && { 'content-type': r.contentType }) },
    // fetch sends no body with GET.
    body: r.method === 'GET' ? null : r.body,
  }))

// ---------------------------------------------------------------------------------------------------------
// Raw HTTP, for what fetch would normalise or refuse to send.

function raw(request: string): Promise<{ status: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(core.port, '127.0.0.1')
    let data = ''
    const done = () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data)
      resolve({ status: m ? Number(m[1]) : null, text: data })
    }
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('no answer in time')))
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')))
    // A reset after the answer (Node closes on a header overflow) is fine; one before it is reported.
    socket.on('error', (err) => (data ? done() : reject(err)))
    socket.on('close', done)
    socket.write(request)
  })
}

const rawHead = (target: string, extra: string[] = []) =>
  [
    `POST /api/v1/messages/webhook${target} HTTP/1.1`,
    `Host: 127.0.0.1:${core.port}`,
    `Authorization: ${BASIC}`,
    'Content-Type: application/json',
    'Content-Length: 2',
    'Connection: close',
    ...extra,
  ].join('\r\n') + '\r\n\r\n{}'

async function stillServes() {
  expect((await fetch(`${core.baseUrl}/api/health`)).status).toBe(200)
  const res = await core.webhook('/telegram?entity=after', { method: 'POST', body: '{}' })
  expect(res.status).toBe(200)
}

// ---------------------------------------------------------------------------------------------------------

describe('webhook receiver under malformed input', () => {
  it('answers random and mutated requests with an allowed status, stores each one, and never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        await check(c)
      }),
      { numRuns: 400, interruptAfterTimeLimit: 10_000 },
    )
  }, 25_000)

  it.each([
    ['deeply nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['deeply nested objects', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
    [
      'an object with 100,000 fields',
      JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, i]))),
    ],
    ['a 5 MB string value', JSON.stringify({ message: { text: 'é'.repeat(2_500_000) } })],
    ['a 10 MiB one-line body', `{"text":"${'x'.repeat(10 * 1024 * 1024 - 12)}"}`],
    [
      'control characters in tag names',
      JSON.stringify({ 'a\u0001b': 1, 'c\u0000d': 2, '\u007f': 3, 'e\u200bf': 4, 'g\nh': 5 }),
    ],
  ])('stores %s and answers in bounded time', async (_name, payload) => {
    const d = await check({
      method: 'POST',
      target: '/telegram?entity=fuzz&x%01y=1&%0A=2&%7F%7F=3',
      headers: { 'content-type': 'application/json' },
      body: payload,
    })
    expect(d.bodyTruncated).toBe(false)
  })

  it('answers 413 to a body over maxBodyBytes and keeps its head', async () => {
    const d = await check({
      method: 'POST',
      target: '/telegram?entity=fuzz',
      headers: { 'content-type': 'text/plain' },
      body: 'y'.repeat(MAX_BODY_BYTES + 1),
    })
    expect(d).toMatchObject({ status: 413, bodyTruncated: true })
  })

  it('keeps invalid UTF-8 in a JSON body byte for byte and says it was replaced', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) // {"a":"\xff\xfe\xc3("}
    const d = await check({
      method: 'POST',
      target: '/telegram?entity=fuzz',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    })
    expect(d.bodyEncoding).toBe('base64')
    expect(Buffer.from(d.body, 'base64')).toEqual(Buffer.from(bytes))
    expect(d.warnings.join(' ')).toMatch(/not valid UTF-8/)
  })

  it.each(['json', ';;;', 'application/'])(
    'stores a body whose Content-Type %j Fastify cannot parse, raw, instead of answering 415',
    async (type) => {
      const d = await check({
        method: 'POST',
        target: '/telegram?entity=fuzz',
        headers: { 'content-type': type },
        body: '{"a":1}',
      })
      expect(d.status).toBe(200)
      expect(d.contentType).toBe(type)
      expect(d.headers['content-type']).toBe(type)
      expect(d.body).toBe('{"a":1}')
    },
  )

  it.each([
    ['encoded', '/..%2f..%2fetc/passwd?entity=fuzz'],
    ['raw dot segments', '/../../../../etc/passwd?entity=fuzz'],
    ['encoded dots', '/%2e%2e/%2e%2e/etc/passwd?entity=fuzz'],
  ])('stores a path traversal attempt (%s) as data and serves no file', async (_name, target) => {
    const res = await raw(rawHead(target))
    expect(ALLOWED).toContain(res.status)
    expect(res.text).not.toMatch(/root:/)
    const { id } = JSON.parse(res.text.slice(res.text.indexOf('\r\n\r\n') + 4)) as { id: number }
    const d = await (await core.api(`/requests/${id}`)).json()
    expect(d.path).toBe(`/api/v1/messages/webhook${target.split('?')[0]}`)
  })

  it("stores a request with 900 headers, within Node's limits, and answers 200", async () => {
    const headers = Array.from({ length: 900 }, (_, i) => `x-h${i}: v`)
    const res = await raw(rawHead('/telegram?entity=fuzz', headers))
    expect(res.status).toBe(200)
    const { id } = JSON.parse(res.text.slice(res.text.indexOf('\r\n\r\n') + 4)) as { id: number }
    expect((await core.api(`/requests/${id}`)).status).toBe(200)
  })

  it.each([
    ['2,000 headers', Array.from({ length: 2000 }, (_, i) => `x-flood-${i}: v`)],
    ['one huge header', [`x-huge: ${'h'.repeat(20 * 1024)}`]],
    ['a 1 MB header flood', Array.from({ length: 20_000 }, (_, i) => `x-flood-${i}: ${'v'.repeat(40)}`)],
  ])('answers 431 to %s beyond the header limit and keeps serving', async (_name, headers) => {
    const res = await raw(rawHead('/telegram?entity=fuzz', headers))
    expect(res.status).toBe(431)
    await stillServes()
  })

  // find-my-way cannot decode such paths: http-server.ts escapes their `%` before routing so they are stored.
  it.each(['/%ff%fe', '/%', '/%E0%A4%A'])('stores a request whose path %s is not decodable', async (p) => {
    await check({ method: 'POST', target: `${p}?entity=fuzz`, headers: {}, body: '{}' })
  })

  it('still answers /api/health after all of it', async () => {
    await stillServes()
  })
})
