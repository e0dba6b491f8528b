import type { Locator, Page } from '@playwright/test'

/** The rules list (#/rules): import, export, the table. */
export function createRulesPage(page: Page) {
  const table = page.getByRole('table', { name: 'Rules' })
  const report = page.getByRole('region', { name: /^Import report/ })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Rules', level: 1 }),
    table,
    row: (name: string): Locator =>
      table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) }),
    enabledSwitch: (name: string): Locator => table.getByRole('switch', { name: `${name} enabled` }),
    fileInput: page.getByLabel('Rules XML file'),
    report,
    reportRule: (name: string): Locator => report.locator('details').filter({ hasText: name }),
    newRule: page.getByRole('link', { name: 'New rule' }),

    async open(baseUrl: string): Promise<void> {
      await page.goto(`${baseUrl}/#/rules`)
      await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor()
    },
    async importFile(path: string): Promise<void> {
      await page.getByLabel('Rules XML file').setInputFiles(path)
    },
  }
}
