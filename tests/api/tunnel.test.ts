import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'

const FAKE_TOKEN = '123456789:AAHrB1gmYKaSvzsXjhbyDypOJlfu_FgdwrE'
const FAKE_AUTHTOKEN = '2abcFakeNgrokAuthtoken_0123456789abcdef'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

describe('tunnel and connect flow without network', () => {
  it('refuses a malformed bot token before calling Telegram, without echoing it', async () => {
    const res = await core.api('/telegram/bot', {
      method: 'POST',
      body: JSON.stringify({ token: 'not-a-token' }),
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.message).toMatch(/bot token/)
    expect(body.error.where[0].path).toEqual(['token'])
  })

  it('reports an unreachable Bot API as an upstream error whose text never contains the token', async () => {
    const c = await startTestCore({ botApiUrl: 'http://127.0.0.1:9' })
    try {
      const res = await c.api('/telegram/bot', {
        method: 'POST',
        body: JSON.stringify({ token: FAKE_TOKEN }),
      })
      expect(res.status).toBe(502)
      const text = await res.text()
      expect(text).toMatch(/Cannot reach the Bot API/)
      expect(text).not.toContain(FAKE_TOKEN.split(':')[1])
      expect(c.logs.join('')).not.toContain(FAKE_TOKEN.split(':')[1])
      const state = await (await c.api('/telegram')).json()
      expect(state.step).toBe('token')
      expect(state.lastError).toMatch(/Cannot reach/)
    } finally {
      await c.close()
    }
  })

  it('shows ngrok failing offline as a clear tunnel error within seconds and keeps serving locally', async () => {
    // The real @ngrok/ngrok SDK: offline it fails fast with "failed to connect session".
    const tunnel = core.tunnel
    const status = await tunnel.startNgrok({ authtoken: FAKE_AUTHTOKEN })
    expect(status.state).toBe('error')
    expect(status.error).toMatch(/ngrok: failed to connect session/)
    expect(status.hint).toMatch(/cannot reach its servers/)
    expect(status.error).not.toContain(FAKE_AUTHTOKEN)
    const s = await (await core.api('/status')).json()
    expect(s.tunnel).toEqual({ state: 'error', url: null, error: status.error })
    expect((await core.webhook('/after-tunnel?entity=x')).status).toBe(200)
    expect(core.logs.join('')).not.toContain(FAKE_AUTHTOKEN)
  })

  it('refuses a port Telegram does not accept for direct HTTPS in strict mode, saying why', async () => {
    await expect(core.tunnel.startDirect({ host: '203.0.113.7', port: 9443, strict: true })).rejects.toThrow(
      /only to ports 443, 80, 88 or 8443; 9443 would be refused/,
    )
  })

  it('serves the same routes over direct HTTPS with a self-signed certificate for the given host', async () => {
    const status = await core.tunnel.startDirect({
      host: '127.0.0.1',
      port: 0,
      strict: false,
      bindHost: '127.0.0.1',
    })
    expect(status.state).toBe('online')
    expect(status.certificatePem).toMatch(/BEGIN CERTIFICATE/)
    const { request } = await import('node:https')
    const code = await new Promise<number>((resolve, reject) => {
      const req = request(`${status.url}/api/health`, { ca: status.certificatePem! }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(code).toBe(200)
    await core.tunnel.stop()
    expect(core.tunnel.status().state).toBe('off')
  })
})
