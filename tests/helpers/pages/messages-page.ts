import type { Locator, Page } from '@playwright/test'

/** Parsed message commands: filters, tag-column chooser, table. */
export function createMessagesPage(page: Page) {
  const filters = page.getByRole('search', { name: 'Filter messages' })
  const table = page.getByRole('table', { name: 'Messages' })
  const columnsDialog = page.getByRole('dialog', { name: 'Tag columns' })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Messages', level: 1 }),
    entityFilter: filters.getByRole('textbox', { name: 'Entity' }),
    typeFilter: filters.getByRole('textbox', { name: 'Type' }),
    sourceFilter: filters.getByRole('textbox', { name: 'Source' }),
    tagFilter: filters.getByRole('textbox', { name: /^Tag/ }),
    table,
    rows: table.getByRole('row').filter({ has: page.getByRole('cell') }),
    columnHeader: (name: string): Locator => table.getByRole('columnheader', { name, exact: true }),
    tagColumnsButton: page.getByRole('button', { name: /^Tag columns/ }),
    columnsDialog,
    tagColumn: (name: string): Locator => columnsDialog.getByRole('checkbox', { name }),
    openRequest: (id: number): Locator => table.getByRole('link', { name: `Open request ${id}` }),
    loadOlder: page.getByRole('button', { name: 'Load older messages' }),
    emptyState: page.getByRole('heading', { name: /^No messages/ }),

    async open(baseUrl: string, view = ''): Promise<void> {
      await page.goto(`${baseUrl}/#/messages${view ? `?${view}` : ''}`)
      await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor()
    },
    async showTagColumn(name: string): Promise<void> {
      await page.getByRole('button', { name: /^Tag columns/ }).click()
      await columnsDialog.getByRole('checkbox', { name }).check()
      await page.keyboard.press('Escape')
    },
  }
}

export type MessagesPage = ReturnType<typeof createMessagesPage>
