import type { Locator, Page } from '@playwright/test'

export type PageName = 'Requests' | 'Messages' | 'Diagnostics' | 'Settings'

/** The frame around every page: nav, status bar, help dialog. Locates by role and accessible name only. */
export function createAppShell(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Pages' })
  const statusBar = page.getByRole('contentinfo')
  return {
    page,
    nav,
    navLink: (name: PageName): Locator => nav.getByRole('link', { name, exact: true }),
    /** The nav link of the page shown now (aria-current="page"). */
    currentNavLink: nav.locator('[aria-current="page"]'),
    statusBar,
    /** "Event stream: Live" / "Connecting…" / "Disconnected, retrying". */
    eventStream: statusBar.getByRole('status', { name: /^Event stream:/ }),
    helpButton: statusBar.getByRole('button', { name: 'Keyboard shortcuts' }),
    helpDialog: page.getByRole('dialog', { name: 'Keyboard shortcuts' }),

    /** Opens the UI URL `hookbench serve` printed (it carries ?token=; the shell swaps it for a cookie). */
    async open(uiUrl: string): Promise<void> {
      await page.goto(uiUrl)
      await nav.waitFor()
    },
    async goTo(name: PageName): Promise<void> {
      await nav.getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { name, level: 1 }).waitFor({ state: 'attached' })
    },
  }
}

export type AppShell = ReturnType<typeof createAppShell>
