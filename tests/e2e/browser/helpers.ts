import type { Page } from '@playwright/test'
import type { Served } from '../../helpers/serve'

/** A name no other test in the worker's shared store uses: an entity, a path segment, a search word. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

/** A Telegram text-message update (the shape of fixtures/telegram/private-text.json). */
export function telegramUpdate(text: string, updateId = Math.floor(Math.random() * 1e9)) {
  return {
    update_id: updateId,
    message: {
      message_id: 223,
      from: { id: 77462709, is_bot: false, first_name: 'Ada', username: 'ada_l' },
      chat: { id: 77462709, first_name: 'Ada', username: 'ada_l', type: 'private' },
      date: 1717000000,
      text,
    },
  }
}

export const VIEWPORT = { width: 1400, height: 860 }

/**
 * Opens the UI URL `hookbench serve` printed (its token becomes a cookie) on `page` of the app. Naming the
 * page keeps the first-run redirect to Setup out of the way of an empty store.
 */
export async function signIn(page: Page, served: Served, route = 'requests'): Promise<void> {
  await page.goto(`${served.uiUrl}#/${route}`)
  await page.getByRole('navigation', { name: 'Pages' }).waitFor()
}
