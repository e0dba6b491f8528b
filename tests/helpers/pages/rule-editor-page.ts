import type { Locator, Page } from '@playwright/test'

/** The rule editor (#/rules/new, #/rules/:id): code editors by their accessible names, actions, the test panel. */
export function createRuleEditorPage(page: Page) {
  const form = page.getByRole('form', { name: 'Rule' })
  const test = page.getByRole('complementary', { name: 'Test against a message' })
  /** A CodeMirror editor: its editable element carries the field's name. */
  const code = (name: string, within: Locator = form): Locator =>
    within.getByRole('textbox', { name, exact: true })
  return {
    page,
    form,
    name: form.getByLabel('Name', { exact: true }),
    filter: code('Filter'),
    condition: code('Condition'),
    windowLength: form.getByLabel('Window length'),
    action: (n: number): Locator => form.getByRole('region', { name: new RegExp(`^Action ${n}:`) }),
    code,
    addAction: (kind: 'Telegram message' | 'HTTP request' | 'Desktop notification'): Locator =>
      form.getByRole('button', { name: kind }),
    save: form.getByRole('button', { name: /^(Save|Create rule)$/ }),
    saved: form.getByRole('status').filter({ hasText: 'Saved at' }),
    lintMark: (editor: Locator): Locator => editor.locator('.cm-lintRange-error'),
    test,
    testMessage: test.getByLabel('Message to test against'),
    testResult: test.getByRole('table', { name: 'Test result' }),

    async open(baseUrl: string, path = 'new'): Promise<void> {
      await page.goto(`${baseUrl}/#/rules/${path}`)
      await form.waitFor()
    },
    /** Replaces an editor's text (CodeMirror takes select-all + typing like a user's). */
    async setCode(editor: Locator, text: string): Promise<void> {
      await editor.click()
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.press('Delete')
      await editor.pressSequentially(text)
      await page.keyboard.press('Escape')
    },
  }
}
