import type { Locator, Page } from '@playwright/test'

export type DetailTab = 'Overview' | 'Headers' | 'Body' | 'Message'

/** The live request inspector: toolbar, virtual grid, detail panel, first-run empty state. */
export function createRequestsPage(page: Page) {
  const filters = page.getByRole('search', { name: 'Filter requests' })
  const grid = page.getByRole('grid', { name: 'Requests' })
  const detail = page.getByRole('region', { name: /^Request #\d+$/ })
  const clearDialog = page.getByRole('dialog', { name: 'Clear all requests?' })
  // Data rows are the rows after the header (aria-rowindex 1).
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') })
  return {
    page,
    grid,
    rows,
    row: (index: number): Locator => rows.nth(index),
    /** A row by text it shows (path, entity, status, error code...). */
    rowWith: (text: string | RegExp): Locator => rows.filter({ hasText: text }),
    selectedRow: grid.locator('[role="row"][aria-selected="true"]'),
    search: filters.getByRole('searchbox', { name: 'Search request bodies' }),
    statusFilter: filters.getByRole('combobox', { name: 'Status class' }),
    pathFilter: filters.getByRole('textbox', { name: 'Path contains' }),
    entityFilter: filters.getByRole('textbox', { name: 'Entity' }),
    authFailed: filters.getByRole('checkbox', { name: 'Auth failed' }),
    errorsOnly: filters.getByRole('checkbox', { name: 'Errors only' }),
    timeRangeButton: filters.getByRole('button', { name: /Any time|Since|Until|–/ }),
    timeRange: page.getByRole('dialog', { name: 'Time range' }),
    resetFilters: filters.getByRole('button', { name: 'Reset filters' }),
    noMatch: page.getByText('No requests match these filters.'),
    pauseButton: page.getByRole('button', { name: /^(Pause live|Resume)/ }),
    clearButton: page.getByRole('button', { name: 'Clear', exact: true }),
    clearDialog,
    confirmClear: clearDialog.getByRole('button', { name: 'Clear requests' }),
    detail,
    detailTab: (name: DetailTab): Locator => detail.getByRole('tab', { name: new RegExp(`^${name}`) }),
    detailPanel: detail.getByRole('tabpanel'),
    copyAsCurl: detail.getByRole('button', { name: 'Copy as curl' }),
    closeDetail: detail.getByRole('button', { name: 'Close detail' }),
    /** The JSON tree's copy button of a node, by its ATSD tag name (`message.chat.id`). */
    copyPath: (tagName: string): Locator => detail.getByRole('button', { name: `Copy path ${tagName}` }),
    emptyState: page.getByRole('heading', { name: 'No requests yet' }),
    copyWebhookUrl: page.getByRole('button', { name: 'Copy webhook URL' }),
    sampleCurl: page.getByLabel('Sample curl command'),

    async open(baseUrl: string, filter = ''): Promise<void> {
      await page.goto(`${baseUrl}/#/requests${filter ? `?${filter}` : ''}`)
      await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor({ state: 'attached' })
    },
    async searchFor(text: string): Promise<void> {
      await filters.getByRole('searchbox', { name: 'Search request bodies' }).fill(text)
      await filters.getByRole('searchbox', { name: 'Search request bodies' }).press('Enter')
    },
    async openRow(index: number): Promise<void> {
      await rows.nth(index).click()
      await detail.waitFor()
    },
    async showTab(name: DetailTab): Promise<void> {
      await detail.getByRole('tab', { name: new RegExp(`^${name}`) }).click()
    },
    async clearAll(): Promise<void> {
      await page.getByRole('button', { name: 'Clear', exact: true }).click()
      await clearDialog.getByRole('button', { name: 'Clear requests' }).click()
      await clearDialog.waitFor({ state: 'hidden' })
    },
  }
}

export type RequestsPage = ReturnType<typeof createRequestsPage>
