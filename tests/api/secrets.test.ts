import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, TEST_TOKEN, TEST_USER, type TestCore } from '../helpers/start-core'

// Known secrets driven through every surface; afterwards nothing the app answered or wrote may contain them.
const BOT_TOKEN = '7777777777:AAFakeBotTokenForSecretSweep_0123456789'
const NGROK_AUTHTOKEN = '2xyzFakeNgrokAuthtokenSweep_abcdefghij'
const USER_PASSWORD = 'sweep-password-42'

let telegram: TestCore
let core: TestCore
const answers: string[] = []

async function call(path: string, init: RequestInit = {}) {
  const res = await core.api(path, init)
  const text = await res.text()
  answers.push(text)
  return { status: res.status, text }
}

beforeAll(async () => {
  telegram = await startTestCore()
  core = await startTestCore({ botApiUrl: `${telegram.baseUrl}/sim` })
})
afterAll(async () => {
  await core.close()
  await telegram.close()
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
    await call('/requests/export?format=har')
    await call('/requests/export?format=json')

    const everything = [...answers, ...core.logs].join('\n')
    const secretPart = BOT_TOKEN.split(':')[1]!
    for (const secret of [secretPart, NGROK_AUTHTOKEN, USER_PASSWORD, TEST_USER.password, TEST_TOKEN]) {
      expect(everything.includes(secret), `a secret leaked into an answer or the log`).toBe(false)
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
      for (const secret of [secretPart, NGROK_AUTHTOKEN, USER_PASSWORD])
        expect(content.includes(secret), name).toBe(false)
    }
  })
})
