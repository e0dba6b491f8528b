import type { Locator, Page } from '@playwright/test'

/** Alerts (#/alerts): open and history tabs, rows by rule, the detail panel. */
export function createAlertsPage(page: Page) {
  const tabs = page.getByRole('tablist', { name: 'Alerts' })
  const detail = page.getByRole('region', { name: /^Alert \d+/ })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Alerts', level: 1 }),
    tab: (name: 'Open' | 'History'): Locator => tabs.getByRole('tab', { name }),
    openTable: page.getByRole('table', { name: 'Open alerts' }),
    historyTable: page.getByRole('table', { name: 'Alert history' }),
    row: (table: Locator, rule: string): Locator =>
      table.getByRole('row').filter({ has: page.getByRole('button', { name: rule, exact: true }) }),
    detail,
    statusChanges: detail.getByRole('list', { name: 'Status changes' }),

    async open(baseUrl: string, params = ''): Promise<void> {
      await page.goto(`${baseUrl}/#/alerts${params ? `?${params}` : ''}`)
      await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor()
    },
  }
}
