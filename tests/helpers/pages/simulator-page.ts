import type { Locator, Page } from '@playwright/test'

/** The simulator (#/simulator): chat list, new-chat dialog, the open chat's log and composer. */
export function createSimulatorPage(page: Page) {
  const chats = page.getByRole('navigation', { name: 'Chats' })
  const dialog = page.getByRole('dialog', { name: 'New chat' })
  const log = page.getByRole('log', { name: 'Messages' })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Simulator', level: 1 }),
    chats,
    chat: (title: string): Locator => chats.getByRole('button', { name: new RegExp(title) }),
    newChat: chats.getByRole('button', { name: 'New chat' }),
    dialog,
    log,
    userMessages: log.getByRole('article', { name: /^You,/ }),
    botMessages: log.getByRole('article', { name: /^Bot,/ }),
    composer: page.getByRole('textbox', { name: 'Message' }),
    send: page.getByRole('button', { name: /^(Send|Save edit)$/ }),

    async open(baseUrl: string): Promise<void> {
      await page.goto(`${baseUrl}/#/simulator`)
      await page.getByRole('heading', { name: 'Simulator', level: 1 }).waitFor()
    },
    async createChat(firstName: string, kind = 'Private chat with a user'): Promise<void> {
      await chats.getByRole('button', { name: 'New chat' }).click()
      await dialog.getByLabel('Kind').selectOption({ label: kind })
      await dialog.getByLabel('First name').fill(firstName)
      await dialog.getByRole('button', { name: 'Create chat' }).click()
      await dialog.waitFor({ state: 'hidden' })
    },
    async say(text: string): Promise<void> {
      await page.getByRole('textbox', { name: 'Message' }).fill(text)
      await page.getByRole('button', { name: /^(Send|Save edit)$/ }).click()
    },
  }
}
