import type { Locator, Page } from '@playwright/test'

export type DetailTab = 'Overview' | 'Headers' | 'Body' | 'Response' | 'Message' | 'Rules' | 'Conversation'

/** The live request inspector: toolbar, virtual grid, detail panel, first-run empty state. */
export function createRequestsPage(page: Page) {
  const filters = page.getByRole('search', { name: 'Filter requests' })
  const grid = page.getByRole('grid', { name: 'Requests' })
  const detail = page.getByRole('region', { name: /^Request #\d+$/ })
  const clearDialog = page.getByRole('dialog', { name: 'Clear all requests?' })
  const replayDialog = page.getByRole('dialog', { name: /^Edit and replay request #\d+$/ })
  const exportPanel = page.getByRole('dialog', { name: 'Export requests' })
  const detailActions = detail.getByRole('group', { name: 'Request actions' })
  const listActions = page.getByRole('group', { name: 'Request list actions' })
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
    incidentsLink: filters.getByRole('link', { name: /^Security incidents/ }),
    errorsOnly: filters.getByRole('checkbox', { name: 'Errors only' }),
    timeRangeButton: filters.getByRole('button', { name: /Any time|Since|Until|–/ }),
    timeRange: page.getByRole('dialog', { name: 'Time range' }),
    resetFilters: filters.getByRole('button', { name: 'Reset filters' }),
    noMatch: page.getByText('No requests match these filters.'),
    pauseButton: page.getByRole('button', { name: /^(Pause live|Resume)/ }),
    clearButton: listActions.getByRole('button', { name: 'Clear', exact: true }),
    clearDialog,
    confirmClear: clearDialog.getByRole('button', { name: 'Clear requests' }),
    detail,
    detailTab: (name: DetailTab): Locator => detail.getByRole('tab', { name: new RegExp(`^${name}`) }),
    detailPanel: detail.getByRole('tabpanel'),
    copyAsCurl: detail.getByRole('button', { name: 'Copy as curl' }),
    detailActions,
    replay: detailActions.getByRole('button', { name: /^Replay/ }),
    editAndReplay: detailActions.getByRole('button', { name: 'Edit and replay' }),
    createRule: detailActions.getByRole('link', { name: 'Create rule from this message' }),
    /** The detail's own Export (one request). */
    exportOne: detailActions.getByRole('button', { name: 'Export' }),
    exportOnePanel: page.getByRole('dialog', { name: /^Export request #\d+$/ }),
    replayDialog,
    replayMethod: replayDialog.getByRole('combobox', { name: 'Method' }),
    replayPath: replayDialog.getByRole('textbox', { name: 'Path' }),
    replayQuery: replayDialog.getByRole('textbox', { name: 'Query' }),
    replayHeaders: replayDialog.getByRole('textbox', { name: 'Headers' }),
    replayBody: replayDialog.getByRole('textbox', { name: 'Body' }),
    sendReplay: replayDialog.getByRole('button', { name: 'Send replay' }),
    /** The checkbox of a row (multi-select for export). */
    rowCheckbox: (row: Locator): Locator => row.getByRole('checkbox', { name: /^Select request \d+$/ }),
    checkedCount: listActions.getByRole('status').filter({ hasText: /\d+ checked/ }),
    uncheckAll: listActions.getByRole('button', { name: 'Uncheck all' }),
    exportButton: listActions.getByRole('button', { name: 'Export', exact: true }),
    exportPanel,
    exportScope: (name: RegExp): Locator => exportPanel.getByRole('radio', { name }),
    downloadHar: exportPanel.getByRole('button', { name: 'Download HAR' }),
    downloadJson: exportPanel.getByRole('button', { name: 'Download JSON' }),
    rulesTable: detail.getByRole('table', { name: 'Rules and this message' }),
    sendSample: page.getByRole('button', { name: 'Send a sample update' }),
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
