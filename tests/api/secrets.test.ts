import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpPeer, type HttpPeer } from '../helpers/http-peer'
import { startTestCore, TEST_TOKEN, TEST_USER, type TestCore } from '../helpers/start-core'

// Known secrets driven through every surface; afterwards nothing the app answered or wrote may contain them.
const BOT_TOKEN = '7777777777:AAFakeBotTokenForSecretSweep_0123456789'
const NGROK_AUTHTOKEN = '2xyzFakeNgrokAuthtokenSweep_abcdefghij'
const USER_PASSWORD = 'sweep-password-42'
// Secret query values a sender put in a webhook URL (the UI masks them: @shared/secret-mask).
const QUERY_SECRETS = {
  token: 'qs-token-value-1111',
  secret: 'qs-secret-value-2222',
  key: 'qs-key-value-3333',
  password: 'qs-password-value-4444',
  api_key: 'qs-apikey-value-5555',
}
// An HTTP action's own secrets: Authorization and X-Api-Key always are, X-Custom-Sig is marked by the user.
const ACTION_BEARER = 'action-bearer-credential-6666'
const ACTION_API_KEY = 'action-api-key-7777'
const ACTION_MARKED = 'action-marked-header-8888'

let telegram: TestCore
let core: TestCore
let peer: HttpPeer
const answers: string[] = []

async function call(path: string, init: RequestInit = {}) {
  const res = await core.api(path, init)
  const text = await res.text()
  answers.push(text)
  return { status: res.status, text }
}

beforeAll(async () => {
  peer = await startHttpPeer()
  telegram = await startTestCore()
  core = await startTestCore({ botApiUrl: `${telegram.baseUrl}/sim` })
})
afterAll(async () => {
  await core.close()
  await telegram.close()
  await peer.close()
})

describe('secrets never leave', () => {
  it('appear in no API answer, export, log line or data-dir file other than the secret store', async () => {
    await call('/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'sweeper', password: USER_PASSWORD }),
    })
    await core.webhook('/sweep?entity=s', { auth: { name: 'sweeper', password: USER_PASSWORD } })
    await core.webhook('/sweep?entity=s', { auth: { name: 'sweeper', password: `${USER_PASSWORD}-wrong` } })
    await call('/telegram/bot', { method: 'POST', body: JSON.stringify({ token: BOT_TOKEN }) })
    await call('/telegram/reachability', {
      method: 'POST',
      body: JSON.stringify({ mode: 'ngrok', authtoken: NGROK_AUTHTOKEN }),
    })
    await call('/rules', {
      method: 'POST',
      body: JSON.stringify({
        name: 'with token',
        actions: [{ kind: 'telegram', botToken: BOT_TOKEN, chatId: '1', text: 'x' }],
      }),
    })
    await call('/rules', {
      method: 'POST',
      body: JSON.stringify({ name: 'bad', condition: `'${BOT_TOKEN}' = (` }),
    })
    // A webhook with secrets in its query, and an HTTP action with its own secret headers that fires on it;
    // the far end echoes them back (as a careless endpoint might) and fails once, so two attempts are logged.
    const query = Object.entries(QUERY_SECRETS)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    await call('/rules', {
      method: 'POST',
      body: JSON.stringify({
        name: 'http with secrets',
        filter: "entity = 'sweep-http'",
        actions: [
          {
            kind: 'http',
            url: `${peer.url}/hook?k=${ACTION_API_KEY}`,
            headers: {
              Authorization: `Bearer ${ACTION_BEARER}`,
              'X-Api-Key': ACTION_API_KEY,
              'X-Custom-Sig': ACTION_MARKED,
            },
            secretHeaders: ['x-custom-sig'],
            body: '{"m":"${message}"}',
          },
        ],
      }),
    })
    peer.script({
      status: 500,
      body: `echo: Bearer ${ACTION_BEARER} ${ACTION_API_KEY} ${ACTION_MARKED}`,
    })
    await core.webhook(`/sweep-http?entity=sweep-http&${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    })
    const [sent] = await peer.waitForRequests(1)
    // The far end gets the real values…
    expect(sent!.headers.authorization).toBe(`Bearer ${ACTION_BEARER}`)
    expect(sent!.headers['x-custom-sig']).toBe(ACTION_MARKED)
    await peer.waitForRequests(2)
    await core.notifier.idle()
    const deliveries = JSON.parse((await call('/deliveries')).text) as {
      items: { request: { headers: Record<string, string> }; alertId: number }[]
    }
    // …the delivery log shows them masked, the scheme kept.
    expect(deliveries.items[0]!.request.headers).toMatchObject({
      Authorization: 'Bearer ***',
      'X-Api-Key': '***',
      'X-Custom-Sig': '***',
    })
    await call(`/alerts/${deliveries.items[0]!.alertId}`)
    for (const path of [
      '/requests',
      '/incidents',
      '/rules',
      '/rules/export',
      '/telegram',
      '/status',
      '/settings',
      '/users',
      '/deliveries',
    ]) {
      await call(path)
    }
    const har = JSON.parse((await call('/requests/export?format=har')).text)
    const entry = har.log.entries.find((e: { request: { url: string } }) =>
      e.request.url.includes('sweep-http'),
    )
    expect(entry.request.queryString).toEqual([
      { name: 'entity', value: 'sweep-http' },
      ...Object.keys(QUERY_SECRETS).map((name) => ({ name, value: '***' })),
    ])
    expect(entry.request.url).toContain('token=***&secret=***&key=***&password=***&api_key=***')
    const json = JSON.parse((await call('/requests/export?format=json')).text)
    expect(json.find((r: { path: string }) => r.path.endsWith('/sweep-http')).query).toBe(
      'entity=sweep-http&token=***&secret=***&key=***&password=***&api_key=***',
    )

    const everything = [...answers, ...core.logs].join('\n')
    const everythingFor = (secret: string) =>
      [...answers, ...core.logs].filter((a) => a.includes(secret)).map((a) => a.slice(0, 300))
    const secretPart = BOT_TOKEN.split(':')[1]!
    for (const secret of [secretPart, NGROK_AUTHTOKEN, USER_PASSWORD, TEST_USER.password, TEST_TOKEN]) {
      expect(everything.includes(secret), `a secret leaked into an answer or the log`).toBe(false)
    }
    // An HTTP action's secret header values: in no rule (POST/GET /rules, the editor's source), delivery,
    // alert, export or log line; they live in the secret store (issue 18 item 13).
    for (const secret of [ACTION_BEARER, ACTION_MARKED]) {
      const where = everythingFor(secret)
      expect(where, `an action's secret header leaked`).toEqual([])
    }
    // The API key's value is also in the action's URL (`?k=`), which is the rule's own text, not a header:
    // outside the rule's definition it is masked wherever it reappears.
    const ruleDefinitions = (a: string) => a.includes('"name":"http with secrets","enabled"')
    const outsideRules = [...answers.filter((a) => !ruleDefinitions(a)), ...core.logs]
    const where = outsideRules.filter((a) => a.includes(ACTION_API_KEY)).map((a) => a.slice(0, 300))
    expect(where, `an action's secret header leaked`).toEqual([])
    // The query's secrets are stored as received (the receiver converts them), but no export shows them.
    const exports = answers.filter((a) => a.includes('"log":{"version"') || a.startsWith('[')).join('\n')
    for (const secret of Object.values(QUERY_SECRETS)) {
      const i = exports.indexOf(secret)
      expect(i < 0 ? '' : exports.slice(i - 200, i + 40), secret).toBe('')
    }
    // Files in the data dir: only the owner-only secret store may hold secrets.
    for (const name of readdirSync(core.dataDir)) {
      const path = join(core.dataDir, name)
      if (!statSync(path).isFile()) continue
      const content = readFileSync(path).toString('latin1')
      if (name === 'secrets.json') {
        expect(statSync(path).mode & 0o777).toBe(0o600)
        continue
      }
      for (const secret of [secretPart, NGROK_AUTHTOKEN, USER_PASSWORD, ACTION_BEARER, ACTION_MARKED])
        expect(content.includes(secret), `${name} holds ${secret}`).toBe(false)
    }
  })
})
