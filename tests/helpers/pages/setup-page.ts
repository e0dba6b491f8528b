import type { Locator, Page } from '@playwright/test'

/** The setup wizard (#/setup): step list, the current step's form, the side panel. */
export function createSetupPage(page: Page) {
  const steps = page.getByRole('navigation', { name: 'Setup steps' })
  const form = page.locator('form.wizard__panel')
  return {
    page,
    heading: page.getByRole('heading', { name: 'Set up Telegram', level: 1 }),
    steps,
    currentStep: steps.locator('[aria-current="step"]'),
    step: (name: string): Locator => steps.getByRole('button', { name }),
    stepTitle: page.locator('#wizard-step-title'),
    form,
    error: form.getByRole('alert'),
    botCard: page.getByRole('region', { name: 'Connected bot' }),
    tokenInput: page.getByRole('textbox', { name: 'Bot token', exact: true }),
    useSimulator: page.getByRole('button', { name: 'Use the simulator instead' }),
    button: (name: string | RegExp): Locator => form.getByRole('button', { name }),
    radio: (name: string | RegExp): Locator => form.getByRole('radio', { name }),
    /** A form control by its label (the form itself is named after the step, so controls only). */
    field: (label: string): Locator =>
      form.locator('input, select, textarea').and(page.getByLabel(label, { exact: true })),
    previousWebhook: page.getByRole('region', { name: "The bot's previous webhook" }),

    async open(baseUrl: string): Promise<void> {
      await page.goto(`${baseUrl}/#/setup`)
      await page.getByRole('heading', { name: 'Set up Telegram', level: 1 }).waitFor()
    },
  }
}
