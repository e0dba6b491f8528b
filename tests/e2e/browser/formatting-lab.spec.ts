import { createRuleEditorPage } from '../../helpers/pages/rule-editor-page'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// Connects a simulated bot: a `hookbench serve` of its own keeps the shared one untouched.
const test = privateServeTest

const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 900, height: 600 },
] as const

test.describe('Formatting lab', () => {
  test('shows bot messages from their entities, parse errors with the offset marked, and a draft preview', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const connected = await api(served, '/telegram/simulator', { method: 'POST', body: '{}' })
    const { token } = (await connected.json()) as { token: string }
    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)
    await simulator.createChat('Fran')
    const chats = (await (await api(served, '/simulator/chats')).json()) as {
      items: { id: number; title: string }[]
    }
    const chatId = chats.items.find((c) => c.title.includes('Fran'))!.id
    const send = (body: Record<string, unknown>) =>
      fetch(`${served.baseUrl}/sim/bot${token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chatId, ...body }),
      })
    const ok = await send({
      text: '<b>bold</b> <u>under</u> <tg-spoiler>secret</tg-spoiler> <pre><code class="language-ts">let x</code></pre> <blockquote>quoted</blockquote>',
      parse_mode: 'HTML',
    })
    expect(ok.status).toBe(200)
    const message = simulator.botMessages.filter({ hasText: 'quoted' })
    await expect(message.locator('strong')).toHaveText('bold')
    await expect(message.locator('u')).toHaveText('under')
    await expect(message.locator('.tg-text__spoiler')).toHaveText('secret')
    await expect(message.locator('pre[data-language="ts"]')).toHaveText('let x')

    // The bot's broken MarkdownV2 is refused as Telegram refuses it, and the lab marks the byte offset.
    expect((await send({ text: 'Total: 5 *items', parse_mode: 'MarkdownV2' })).status).toBe(400)
    await page.getByText('Formatting lab').click()
    const errors = page.getByRole('list', { name: 'Parse errors' })
    await expect(errors.getByRole('group', { name: 'Parse error' }).first()).toContainText(
      "Can't find end of Bold entity at byte offset 9",
    )
    await expect(errors.locator('mark').first()).toHaveText('*')

    // A draft: previewed as Telegram parses it; an error shows where.
    await page.getByRole('textbox', { name: 'Draft text' }).fill('*bold* and _italic_ \\- ok')
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const rendered = page.getByRole('group', { name: 'Rendered as Telegram shows it' })
    await expect(rendered.locator('strong')).toHaveText('bold')
    await expect(rendered.locator('em')).toHaveText('italic')
    await expect(rendered).toContainText('bold and italic - ok')
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size)
      await page.screenshot({
        path: `test-results/e2e/formatting-lab-${size.width}x${size.height}.png`,
        fullPage: true,
      })
    }
    await page.getByRole('textbox', { name: 'Draft text' }).fill('oops - dash')
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const draftError = page.getByRole('group', { name: 'Parse error' }).first()
    await expect(draftError).toContainText(
      "Character '-' is reserved and must be escaped with the preceding '\\'",
    )
  })

  test("previews a rule's Telegram text with a sample message, escaped for its parse mode", async ({
    page,
    served,
    signedIn: _,
  }) => {
    const editor = createRuleEditorPage(page)
    await editor.open(served.baseUrl)
    await page.setViewportSize(VIEWPORTS[0])
    await editor.addAction('Telegram message').click()
    const action = editor.action(1)
    await action.getByLabel('Parse mode').selectOption('HTML')
    await editor.setCode(editor.code('Text', action), '<b>Alert:</b> ${message}')
    await action.getByRole('button', { name: 'Preview as Telegram shows it' }).click()
    const preview = action.getByRole('region', { name: 'Telegram preview of action 1' })
    await expect(preview.locator('strong')).toHaveText('Alert:')
    await expect(preview).toContainText('Alert: ')
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size)
      await preview.scrollIntoViewIfNeeded()
      await page.screenshot({
        path: `test-results/e2e/rule-telegram-preview-${size.width}x${size.height}.png`,
      })
    }
    // A broken template shows Telegram's error at its offset.
    await editor.setCode(editor.code('Text', action), '<b>Alert: ${message}')
    await action.getByRole('button', { name: 'Preview as Telegram shows it' }).click()
    await expect(action.getByRole('group', { name: 'Parse error' })).toContainText(
      `Can't find end tag corresponding to start tag "b"`,
    )
  })
})
