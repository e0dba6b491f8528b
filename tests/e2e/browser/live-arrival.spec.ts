import { createAppShell } from '../../helpers/pages/app-shell'
import { createMessagesPage } from '../../helpers/pages/messages-page'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('live arrival', () => {
  test('a posted webhook appears in the open Requests page without a reload', async ({ page, served }) => {
    const shell = createAppShell(page)
    const requests = createRequestsPage(page)
    await signIn(page, served)
    await expect(shell.eventStream).toHaveAccessibleName('Event stream: Live')
    // A reload would lose this marker: it proves the row came over the event stream.
    await page.evaluate('window.hbMarker = "still here"')

    const entity = uniqueName('live')
    const response = await postWebhook(
      served,
      `/${entity}?command.message=message.text`,
      telegramUpdate('hello live'),
    )
    expect(response.status).toBe(200)

    await expect(requests.rowWith(`/api/v1/messages/webhook/${entity}`)).toBeVisible()
    await expect(requests.rowWith(entity).getByRole('gridcell').nth(5)).toHaveText('200')
    expect(await page.evaluate('window.hbMarker')).toBe('still here')

    for (let i = 0; i < 3; i++) await postWebhook(served, `/${entity}`, telegramUpdate(`burst ${i}`))
    await expect(requests.rowWith(entity)).toHaveCount(4)
    await expect(shell.statusBar).toContainText(/\d+ requests stored/)
    await screenshotThemes(page, 'requests')

    // The converted message arrives live on the Messages page too.
    await shell.goTo('Messages')
    const messages = createMessagesPage(page)
    await expect(messages.rows.filter({ hasText: entity })).toHaveCount(4)
    await postWebhook(served, `/${entity}`, telegramUpdate('after the switch'))
    await expect(messages.rows.filter({ hasText: entity })).toHaveCount(5)
    await screenshotThemes(page, 'messages')
  })
})
