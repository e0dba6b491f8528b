import { Bot } from 'grammy'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// A bot of its own (grammY, polling, in this process) behind a served simulator: the shared instance stays
// untouched.
const test = privateServeTest

const TOKEN = '7312004001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1'

test.describe('Simulator: inline mode, blocking and why-not lines', () => {
  test('types @bot query, sees the results, picks one; blocks the bot and sees why a message did not reach it', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const created = await api(served, '/simulator/chats', {
      method: 'POST',
      body: JSON.stringify({ botToken: TOKEN, firstName: 'Ina' }),
    })
    expect(created.status).toBe(200)
    const chat = (await created.json()) as { id: number; botUsername: string }

    const bot = new Bot(TOKEN, { client: { apiRoot: `${served.baseUrl}/sim` } })
    bot.on('inline_query', (ctx) =>
      ctx.answerInlineQuery(
        [
          {
            type: 'article',
            id: 'greet',
            title: 'Greeting',
            description: `Says hello for "${ctx.inlineQuery.query}"`,
            input_message_content: { message_text: `Hello from inline: ${ctx.inlineQuery.query}` },
          },
          {
            type: 'photo',
            id: 'cat',
            title: 'A cat',
            photo_url: 'https://example.com/cat.jpg',
            thumbnail_url: 'https://example.com/cat-t.jpg',
          },
        ],
        { cache_time: 0 },
      ),
    )
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started() })
    await running
    try {
      const simulator = createSimulatorPage(page)
      await page.setViewportSize({ width: 1400, height: 900 })
      await simulator.open(served.baseUrl)
      await simulator.chat('Ina').click()
      await expect(page.getByRole('region', { name: 'Chat with Ina' })).toBeVisible()

      // `@bot query`: the bot's answerInlineQuery results, listed above the composer.
      await simulator.composer.fill(`@${chat.botUsername} hel`)
      const results = page.getByRole('listbox', { name: `Results from @${chat.botUsername}` })
      await expect(results.getByRole('option')).toHaveCount(2)
      await expect(results).toContainText('Greeting')
      await expect(results).toContainText('Says hello for "hel"')
      await expect(results).toContainText('https://example.com/cat.jpg')
      await page.screenshot({ path: 'test-results/e2e/simulator-inline-1400.png' })
      await page.setViewportSize({ width: 900, height: 600 })
      await page.screenshot({ path: 'test-results/e2e/simulator-inline-900.png' })
      await page.setViewportSize({ width: 1400, height: 900 })

      // Picking one sends it "via @bot" as the user; the composer and the list clear.
      await results.getByRole('button', { name: /Greeting/ }).click()
      await expect(simulator.userMessages.last()).toContainText('Hello from inline: hel')
      await expect(simulator.userMessages.last()).toContainText(`via @${chat.botUsername}`)
      await expect(simulator.composer).toHaveValue('')
      await expect(page.getByRole('region', { name: 'Inline results' })).toHaveCount(0)

      // Block: the button turns into Unblock, the chat remembers it, and a message the user writes now is
      // marked with why the bot never got it.
      await page.getByRole('button', { name: 'Block bot' }).click()
      await expect(page.getByRole('button', { name: 'Unblock bot' })).toBeVisible()
      await expect
        .poll(async () => {
          const chats = (await (await api(served, '/simulator/chats')).json()) as {
            items: { id: number; blocked: boolean }[]
          }
          return chats.items.find((c) => c.id === chat.id)?.blocked
        })
        .toBe(true)
      await simulator.say('are you there?')
      await expect(simulator.userMessages.last()).toContainText('are you there?')
      const note = page.getByRole('note', { name: 'Update message not delivered' })
      await expect(note).toContainText('The user blocked the bot')
      await expect(note).toContainText('Unblock button')
      await page.screenshot({ path: 'test-results/e2e/simulator-why-not-1400.png' })
      await page.setViewportSize({ width: 900, height: 600 })
      await page.screenshot({ path: 'test-results/e2e/simulator-why-not-900.png' })

      await page.getByRole('button', { name: 'Unblock bot' }).click()
      await expect(page.getByRole('button', { name: 'Block bot' })).toBeVisible()
    } finally {
      await bot.stop()
      await stopped
    }
  })
})
