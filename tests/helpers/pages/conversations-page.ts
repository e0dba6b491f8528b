import type { Locator, Page } from '@playwright/test'

/** The Conversations page (#/conversations): bot-in-the-loop panel, chat list, the open chat's timeline. */
export function createConversationsPage(page: Page) {
  const chats = page.getByRole('navigation', { name: 'Conversations' })
  const timeline = page.getByRole('list', { name: 'Timeline' })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Conversations', level: 1 }),
    /** The bot-in-the-loop panel's summary: click to open or close it. */
    loopSummary: page.locator('summary', { hasText: 'Bot in the loop' }),
    proxyUrl: page.getByLabel('Bot API proxy URL'),
    copyProxyUrl: page.getByRole('button', { name: 'Copy proxy URL' }),
    library: page.getByLabel('Library'),
    copySnippet: page.getByRole('button', { name: 'Copy snippet' }),
    forwarding: page.getByRole('form', { name: 'Forwarding' }),
    forwardingState: page.getByLabel('Forwarding state'),
    chats,
    chat: (name: string | RegExp): Locator => chats.getByRole('button', { name }),
    timeline,
    updates: timeline.getByRole('article', { name: /^Update \d+/ }),
    forwards: timeline.getByRole('article', { name: /^Forward attempt/ }),
    calls: (method?: string): Locator =>
      timeline.getByRole('article', { name: method ? new RegExp(`^Bot call ${method}\\b`) : /^Bot call / }),
    method: page.getByRole('textbox', { name: 'Method' }),
    errorsOnly: page.getByRole('checkbox', { name: 'Errors only' }),

    async open(baseUrl: string, params = ''): Promise<void> {
      await page.goto(`${baseUrl}/#/conversations${params ? `?${params}` : ''}`)
      await page.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor()
    },
  }
}

export type ConversationsPage = ReturnType<typeof createConversationsPage>
