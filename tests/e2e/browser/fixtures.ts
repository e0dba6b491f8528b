import { test as base, expect } from '@playwright/test'
import { serve, type Served } from '../../helpers/serve'

export const E2E_USER = { name: 'telegram', password: 'e2e-password-1' }

/** One `hookbench serve` per worker (own data dir and port), and a page already signed in through the UI URL. */
export const test = base.extend<{ signedIn: void }, { served: Served }>({
  served: [
    // Playwright requires the destructuring pattern for fixture arguments, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const s = await serve(['--webhook-user', `${E2E_USER.name}:${E2E_USER.password}`])
      await use(s)
      await s.stop()
    },
    { scope: 'worker' },
  ],
  signedIn: [
    async ({ page, served }, use) => {
      await page.goto(served.uiUrl)
      await use()
    },
    { auto: false },
  ],
})

/** Posts a webhook with the e2e user's Basic credentials. */
export async function postWebhook(served: Served, path: string, body?: unknown): Promise<Response> {
  const auth = `Basic ${Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64')}`
  return fetch(`${served.webhookUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

/** The control API with the run's bearer token. */
export async function api(served: Served, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${served.baseUrl}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json', ...init.headers },
  })
}

export { expect }
