import { expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('finding things', () => {
  test('the Requests list shows each update type and text; Messages search by text and rows open their request', async ({
    page,
    served,
  }) => {
    const entity = uniqueName('find')
    const word = uniqueName('needle')
    const sent = (await (
      await postWebhook(served, `/${entity}?command.message=message.text`, telegramUpdate(`the ${word} here`))
    ).json()) as { id: number }
    const callback = {
      update_id: Math.floor(Math.random() * 1e9),
      callback_query: { id: '1', from: { id: 5, first_name: 'Ada' }, data: 'pressed' },
    }
    await postWebhook(served, `/${entity}`, callback)

    await signIn(page, served)
    const grid = page.getByRole('grid')
    const textRow = grid.getByRole('row').filter({ hasText: word })
    await expect(textRow.getByRole('gridcell').nth(4)).toHaveText(`messagethe ${word} here`)
    await expect(
      grid.getByRole('row').filter({ hasText: 'callback_query' }).filter({ hasText: entity }),
    ).toHaveCount(1)
    await page.screenshot({ path: 'test-results/finding-requests-1400.png' })
    await page.setViewportSize({ width: 900, height: 600 })
    await page.screenshot({ path: 'test-results/finding-requests-900.png' })
    await page.setViewportSize(VIEWPORT)

    await page.goto(`${served.uiUrl}#/messages`)
    await page.getByLabel('Message text').fill(word)
    const rows = page.getByRole('table', { name: 'Messages' }).locator('tbody tr')
    await expect(rows).toHaveCount(1)
    await expect(page).toHaveURL(new RegExp(`text=${word}`))
    await page.screenshot({ path: 'test-results/finding-messages-1400.png' })
    await rows.first().getByRole('cell').nth(1).click()
    await expect(page).toHaveURL(new RegExp(`#/requests\\?open=${sent.id}$`))
  })
})
