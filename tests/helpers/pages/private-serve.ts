import { test as base } from '@playwright/test'
import { serve, type Served } from '../serve'

/**
 * A `test` whose `served` is a `hookbench serve` of the spec file's own (per worker), for specs that connect
 * a simulated bot, write rules or open alerts: the worker's shared instance stays as other specs expect it
 * (no webhook, no tunnel, no rules). `signedIn` opens the UI URL so its token becomes a cookie.
 */
export const privateServeTest = base.extend<{ signedIn: void }, { served: Served }>({
  served: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this destructuring
    async ({}, use) => {
      const served = await serve(['--webhook-user', 'telegram:e2e-password-1'])
      await use(served)
      await served.stop()
    },
    { scope: 'worker' },
  ],
  signedIn: async ({ page, served }, use) => {
    await page.goto(`${served.uiUrl}#/rules`)
    await page.getByRole('navigation', { name: 'Pages' }).waitFor()
    await use()
  },
})
