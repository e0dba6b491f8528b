import { startFixtureBot } from '../../helpers/fixture-bot'
import { pngOf } from '../../helpers/images'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// The Simulator page's attach button: the fake user sends a photo and a file, a real grammY bot
// (tests/fixtures/bots/photo-bot.js) downloads them and answers with a photo and a document; all render.
const test = privateServeTest
const TOKEN = '7301000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1'

test('sends a photo and a file from the composer and shows the bot’s photo and document', async ({
  page,
  served,
  signedIn: _,
}) => {
  const created = await api(served, '/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: TOKEN, firstName: 'Pia' }),
  })
  expect(created.status).toBe(200)
  const bot = startFixtureBot('photo-bot.js', { BOT_TOKEN: TOKEN, BOT_API_ROOT: `${served.baseUrl}/sim` })
  try {
    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)
    await simulator.chat('Pia').click()
    await page.setViewportSize({ width: 1400, height: 900 })

    await simulator.composer.fill('the view from here')
    await page
      .getByLabel('Photo or file to send')
      .setInputFiles({ name: 'view.png', mimeType: 'image/png', buffer: pngOf(240, 160, [40, 150, 90]) })
    const mine = simulator.userMessages.last()
    await expect(mine.getByRole('img', { name: 'Photo 240×160' })).toBeVisible()
    await expect(mine).toContainText('the view from here')
    await expect(simulator.composer).toHaveValue('')

    const reply = simulator.botMessages.last()
    await expect(reply.getByRole('img', { name: 'Photo 240×160' })).toBeVisible({ timeout: 15_000 })
    await expect(reply).toContainText('Got your 240×160 photo')
    await expect(reply.locator('strong')).toHaveText('240×160')
    // Both pictures are decoded images, not broken ones.
    for (const img of [mine.getByRole('img'), reply.getByRole('img')]) {
      expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(240)
    }

    await page.getByLabel('Photo or file to send').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('line one\nline two\n'),
    })
    await expect(
      simulator.userMessages.last().getByRole('button', { name: 'Download notes.txt, 18 B' }),
    ).toBeVisible()
    const document = simulator.botMessages
      .last()
      .getByRole('button', { name: /^Download copy-of-notes\.txt/ })
    await expect(document).toBeVisible({ timeout: 15_000 })
    const download = page.waitForEvent('download')
    await document.click()
    expect((await download).suggestedFilename()).toBe('copy-of-notes.txt')

    await page.screenshot({ path: 'test-results/e2e/simulator-files-1400.png' })
    await page.setViewportSize({ width: 900, height: 600 })
    await simulator.log.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.screenshot({ path: 'test-results/e2e/simulator-files-900.png' })
    await page.locator('html').evaluate((el) => el.setAttribute('data-theme', 'dark'))
    await page.screenshot({ path: 'test-results/e2e/simulator-files-900-dark.png' })
  } finally {
    await bot.stop()
  }
})
