import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestCore, TEST_TOKEN, tempDir, type TestCore } from '../helpers/start-core'

/** Issue 18 items 1–3: the browser's session, its origin, and the headers every UI and API answer carries. */

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http, so Origin, Sec-Fetch-Site and Cookie go exactly as written (fetch may add or drop some). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

const rendererDir = mkdtempSync(join(tmpdir(), 'hb-renderer-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hookbench</title>')
writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)')

let core: TestCore
let own: string
beforeAll(async () => {
  core = await startTestCore({ rendererDir })
  own = core.baseUrl
})
afterAll(() => core.close())

async function signIn(c: TestCore = core): Promise<string> {
  const res = await send(c.uiUrl, 'GET', {})
  expect(res.status).toBe(302)
  const setCookie = String(res.headers['set-cookie'])
  return setCookie.split(';')[0]!
}

describe('browser sessions (issue 18.1)', () => {
  it('trades the UI token for an opaque session id: the cookie is never the API token', async () => {
    const cookie = await signIn()
    const id = cookie.slice('hb_session='.length)
    expect(id).not.toContain(TEST_TOKEN)
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect((await send(`${own}/api/status`, 'GET', { cookie })).status).toBe(200)
    // The token itself in the cookie (what a leaked old-style cookie was) signs nobody in.
    expect((await send(`${own}/api/status`, 'GET', { cookie: `hb_session=${TEST_TOKEN}` })).status).toBe(401)
    expect((await send(`${own}/`, 'GET', { cookie: `hb_session=${TEST_TOKEN}` })).status).toBe(401)
    // Each sign-in is its own session.
    expect(await signIn()).not.toBe(cookie)
  })

  it('signs out: the session is revoked server-side and the cookie cleared', async () => {
    const cookie = await signIn()
    const out = await send(`${own}/api/session/sign-out`, 'POST', {
      cookie,
      origin: own,
      'sec-fetch-site': 'same-origin',
      'x-hookbench-request': '1',
    })
    expect(out.status).toBe(204)
    expect(String(out.headers['set-cookie'])).toMatch(/^hb_session=; .*Max-Age=0/)
    expect((await send(`${own}/api/status`, 'GET', { cookie })).status).toBe(401)
    expect((await send(`${own}/`, 'GET', { cookie })).status).toBe(401)
  })

  it('forgets every session on restart', async () => {
    const dataDir = tempDir()
    const first = await startTestCore({ rendererDir, dataDir, port: 0 })
    const cookie = await signIn(first)
    await first.close()
    const second = await startTestCore({ rendererDir, dataDir, port: 0 })
    try {
      expect((await send(`${second.baseUrl}/api/status`, 'GET', { cookie })).status).toBe(401)
      expect(
        (await send(`${second.baseUrl}/api/status`, 'GET', { cookie: await signIn(second) })).status,
      ).toBe(200)
    } finally {
      await second.close()
    }
  })
})

describe('origins and CSRF (issue 18.2)', () => {
  let cookie: string
  beforeAll(async () => {
    cookie = await signIn()
  })
  const post = (headers: Record<string, string>) =>
    send(
      `${own}/api/requests/sample`,
      'POST',
      { cookie, 'content-type': 'application/json', ...headers },
      '{}',
    )

  it('accepts a state change from its own page: own origin, same-origin fetch, the CSRF header', async () => {
    const res = await post({ origin: own, 'sec-fetch-site': 'same-origin', 'x-hookbench-request': '1' })
    expect(res.status, res.body).toBe(200)
  })

  it.each([
    ['another local dev server (a Vite dev server on 5173)', { origin: 'http://127.0.0.1:5173' }],
    ['Origin: null (sandboxed iframe, file://)', { origin: 'null' }],
    ['localhost for 127.0.0.1 (another origin)', { origin: 'http://localhost:1' }],
    ['https for http', { origin: 'https://127.0.0.1' }],
  ])('refuses a cookie call from %s', async (_name, headers) => {
    const res = await post({ 'x-hookbench-request': '1', ...headers, 'sec-fetch-site': 'same-site' })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body).error.message).toMatch(/own origin|Sec-Fetch-Site/)
  })

  it('refuses a cross-origin origin even without Sec-Fetch-Site (older browsers)', async () => {
    const res = await post({ origin: `http://127.0.0.1:${core.port + 1}`, 'x-hookbench-request': '1' })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body).error.message).toContain("is not Hookbench's own origin")
  })

  it('refuses Sec-Fetch-Site cross-site or same-site, and a state change without Origin or the CSRF header', async () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      const res = await post({ origin: own, 'sec-fetch-site': site, 'x-hookbench-request': '1' })
      expect(res.status, site).toBe(403)
    }
    const noHeader = await post({ origin: own, 'sec-fetch-site': 'same-origin' })
    expect(noHeader.status).toBe(403)
    expect(JSON.parse(noHeader.body).error.message).toContain('x-hookbench-request')
    const noOrigin = await post({ 'x-hookbench-request': '1' })
    expect(noOrigin.status).toBe(403)
    // A form post (text/plain, no custom header) from another port: the classic CSRF.
    const form = await send(
      `${own}/api/requests/sample`,
      'POST',
      { cookie, origin: `http://127.0.0.1:${core.port + 1}`, 'content-type': 'text/plain' },
      '{}',
    )
    expect(form.status).toBe(403)
  })

  it('lets a typed address read (Sec-Fetch-Site: none on GET) but not a foreign page', async () => {
    expect((await send(`${own}/api/status`, 'GET', { cookie, 'sec-fetch-site': 'none' })).status).toBe(200)
    expect((await send(`${own}/api/status`, 'GET', { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    )
  })

  it('leaves bearer-token callers as they were', async () => {
    const res = await send(
      `${own}/api/requests/sample`,
      'POST',
      {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
        origin: `http://localhost:${core.port + 7}`,
      },
      '{}',
    )
    expect(res.status, res.body).toBe(200)
  })

  it('opens the event stream only for its own origin', async () => {
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${own.replace('http', 'ws')}/api/events`, { headers: { cookie, origin } })
        ws.on('open', () => {
          ws.close()
          resolve('open')
        })
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
        ws.on('error', () => resolve('error'))
      })
    expect(await open(own)).toBe('open')
    expect(await open(`http://127.0.0.1:${core.port + 1}`)).toBe('403')
    expect(await open('null')).toBe('403')
  })
})

describe('security headers (issue 18.3)', () => {
  const expectHeaders = (res: Answer, where: string) => {
    expect(res.headers['x-content-type-options'], where).toBe('nosniff')
    expect(res.headers['referrer-policy'], where).toBe('no-referrer')
    expect(res.headers['x-frame-options'], where).toBe('DENY')
    expect(String(res.headers['content-security-policy']), where).toContain("frame-ancestors 'none'")
  }

  it('sends CSP (frame-ancestors none, connect-src self + its own WebSocket), nosniff, no-referrer everywhere', async () => {
    const cookie = await signIn()
    const page = await send(`${own}/`, 'GET', { cookie })
    expect(page.status).toBe(200)
    expectHeaders(page, 'page')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${core.port};`)
    expect(csp).not.toMatch(/connect-src[^;]* ws: /)
    expect(csp).toContain("script-src 'self';")
    expectHeaders(await send(`${own}/`, 'GET', {}), 'no-token page')
    expectHeaders(await send(`${own}/app.js`, 'GET', {}), 'asset')
    expectHeaders(await send(`${own}/api/status`, 'GET', { cookie }), 'api')
    expectHeaders(await send(`${own}/api/status`, 'GET', {}), 'api 401')
    expectHeaders(await send(`${own}/api/health`, 'GET', {}), 'health')
    expectHeaders(await send(`${own}/api/status`, 'GET', { cookie, origin: 'null' }), 'api 403')
  })
})
