import type { Locator, Page } from '@playwright/test'

/** Settings: security, theme, receiver and storage form, webhook users. */
export function createSettingsPage(page: Page) {
  const receiverForm = page.getByRole('form', { name: 'Receiver and storage' })
  const users = page.getByRole('region', { name: 'Webhook users' })
  const createForm = page.getByRole('form', { name: 'Create a webhook user' })
  const deleteDialog = page.getByRole('dialog', { name: /^Delete webhook user/ })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Settings', level: 1 }),
    listeningPort: page.getByRole('textbox', { name: 'Listening port' }),
    anonymousSwitch: page.getByRole('switch', { name: 'Allow anonymous webhooks' }),
    theme: (name: 'System' | 'Light' | 'Dark'): Locator =>
      page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name }),
    receiverForm,
    maxBodySize: receiverForm.getByRole('spinbutton', { name: 'Max body size (KiB)' }),
    authFailuresPerMinute: receiverForm.getByRole('spinbutton', { name: /Failed logins per minute/ }),
    retentionRows: receiverForm.getByRole('spinbutton', { name: 'Keep at most (requests)' }),
    retentionDays: receiverForm.getByRole('spinbutton', { name: 'Keep for (days)' }),
    durability: (name: 'Normal' | 'Full'): Locator =>
      receiverForm.getByRole('radio', { name: new RegExp(`^${name}`) }),
    saveSettings: receiverForm.getByRole('button', { name: 'Save changes' }),
    users,
    userRow: (name: string): Locator =>
      users.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) }),
    createForm,
    newUserName: createForm.getByRole('textbox', { name: 'Name' }),
    newUserPassword: createForm.getByLabel('Password'),
    newUserEntities: createForm.getByRole('textbox', { name: 'Entities' }),
    createUserButton: createForm.getByRole('button', { name: 'Create user' }),
    resetPasswordOf: (name: string): Locator =>
      users.getByRole('button', { name: `Reset password of ${name}` }),
    resetPasswordForm: (name: string): Locator =>
      users.getByRole('form', { name: `Reset password of ${name}` }),
    deleteUser: (name: string): Locator => users.getByRole('button', { name: `Delete ${name}` }),
    deleteDialog,
    confirmDelete: deleteDialog.getByRole('button', { name: 'Delete user' }),
    /** The error shown beside a field (role=alert inside the field's group). */
    fieldError: (field: Locator): Locator =>
      field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " field ")][1]').getByRole('alert'),

    async open(baseUrl: string): Promise<void> {
      await page.goto(`${baseUrl}/#/settings`)
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    },
    async createUser(name: string, password: string, entities = '*'): Promise<void> {
      await createForm.getByRole('textbox', { name: 'Name' }).fill(name)
      await createForm.getByLabel('Password').fill(password)
      await createForm.getByRole('textbox', { name: 'Entities' }).fill(entities)
      await createForm.getByRole('button', { name: 'Create user' }).click()
    },
  }
}

export type SettingsPage = ReturnType<typeof createSettingsPage>
