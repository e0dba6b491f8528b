import type { Page } from '@playwright/test'

type Root = { setAttribute(name: string, value: string): void }

/** Saves the page as test-results/e2e/<name>-light.png and -dark.png (the theme pinned for each shot). */
export async function screenshotThemes(page: Page, name: string): Promise<void> {
  const root = page.locator('html')
  const before = (await root.getAttribute('data-theme')) ?? 'system'
  for (const theme of ['light', 'dark'] as const) {
    await root.evaluate((element: Root, t) => element.setAttribute('data-theme', t), theme)
    await page.screenshot({ path: `test-results/e2e/${name}-${theme}.png` })
  }
  await root.evaluate((element: Root, t) => element.setAttribute('data-theme', t), before)
}
