import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// Connects a simulated bot and writes rules: a `hookbench serve` of its own keeps the shared one untouched.
const test = privateServeTest

test.describe('Simulator', () => {
  test('chats as a fake user: send, edit, see formatted bot messages live and press their buttons', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const connected = await api(served, '/telegram/simulator', { method: 'POST', body: '{}' })
    const { token } = (await connected.json()) as { token: string }
    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)

    await simulator.newChat.click()
    await simulator.dialog.getByLabel('Kind').selectOption({ label: 'Group' })
    await simulator.dialog.getByLabel('Title').fill('Ops room')
    await simulator.dialog.getByLabel('First name').fill('Bob')
    await simulator.dialog.getByRole('button', { name: 'Create chat' }).click()
    await expect(page.getByRole('region', { name: 'Chat with Ops room' })).toBeVisible()

    // The group shows its bot's privacy mode (on, Telegram's default) and switches it.
    const privacy = page.getByRole('switch', { name: 'Privacy mode' })
    await expect(privacy).toBeChecked()
    await privacy.click()
    await expect(privacy).not.toBeChecked()
    await expect
      .poll(async () => {
        // The worker's server is shared with other specs: look at this group's chat only.
        const chats = (await (await api(served, '/simulator/chats')).json()) as {
          items: { title: string; botPrivacy: boolean }[]
        }
        return chats.items.find((c) => c.title === 'Ops room')?.botPrivacy
      })
      .toBe(false)
    await privacy.click()
    await expect(privacy).toBeChecked()

    // A command: with privacy mode on (Telegram's default) a group's plain chatter never reaches the bot.
    await simulator.say('/hello bot')
    const mine = simulator.userMessages.last()
    await expect(mine).toContainText('/hello bot')
    await mine.getByRole('button', { name: /^Edit message/ }).click()
    await expect(simulator.composer).toHaveValue('/hello bot')
    await simulator.say('/hello bot, edited')
    await expect(mine).toContainText('/hello bot, edited')
    await expect(mine).toContainText('edited')

    // The bot answers through the simulated Bot API, as a real bot would; the chat shows it live.
    const chatId = Number(
      (await page
        .getByRole('region', { name: 'Chat with Ops room' })
        .locator('.mono')
        .last()
        .textContent()) ?? '',
    )
    const send = (body: Record<string, unknown>) =>
      fetch(`${served.baseUrl}/sim/bot${token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chatId, ...body }),
      })
    expect(
      (
        await send({
          text: '<b>Pick</b> one &amp; <i>only</i> one',
          parse_mode: 'HTML',
          reply_markup: {
            inline_keyboard: [
              [
                { text: 'Yes', callback_data: 'yes' },
                { text: 'No', callback_data: 'no' },
              ],
            ],
          },
        })
      ).status,
    ).toBe(200)
    expect((await send({ text: '<img src=x onerror=alert(1)>' })).status).toBe(200)
    const question = simulator.botMessages.filter({ hasText: 'Pick' })
    await expect(question.locator('strong')).toHaveText('Pick')
    await expect(question.locator('em')).toHaveText('only')
    await expect(question).toContainText('one & only one')
    const raw = simulator.botMessages.filter({ hasText: 'onerror' })
    await expect(raw).toContainText('<img src=x onerror=alert(1)>')
    await expect(raw.locator('img')).toHaveCount(0)

    await question.getByRole('button', { name: 'Yes' }).click()
    await expect
      .poll(async () => {
        const page = (await (await api(served, '/requests?text=callback_query')).json()) as { total: number }
        return page.total
      })
      .toBeGreaterThan(0)
    await screenshotThemes(page, 'simulator')

    // The link opens the request that carried that update, not a text search.
    await mine.getByRole('link', { name: 'request' }).click()
    await expect(page).toHaveURL(/#\/requests\?updateId=\d+/)
    const updateId = Number(new URL(page.url().replace('#/', '')).searchParams.get('updateId'))
    const carrying = (await (await api(served, `/requests?updateId=${updateId}`)).json()) as {
      items: { id: number }[]
    }
    expect(carrying.items).toHaveLength(1)
    await expect(page.getByRole('button', { name: `update_id ${updateId} ✕` })).toBeVisible()
    await expect(page.getByRole('region', { name: `Request #${carrying.items[0]!.id}` })).toBeVisible()
  })
})
