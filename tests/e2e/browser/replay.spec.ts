import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('replay', () => {
  test('replays a request as it was, then an edited copy, and opens each new request', async ({
    page,
    served,
  }) => {
    const requests = createRequestsPage(page)
    const entity = uniqueName('rpl')
    await postWebhook(served, `/${entity}?command.message=message.text`, telegramUpdate('original text'))
    await signIn(page, served)
    await requests.open(served.baseUrl, `path=${entity}`)
    await requests.openRow(0)
    const originalTitle = await requests.detail.getAttribute('aria-label')
    const originalId = Number(originalTitle?.replace('Request #', ''))

    await requests.replay.click()
    await expect(requests.detail).toHaveAccessibleName(/^Request #\d+$/)
    await expect(requests.detail).not.toHaveAccessibleName(`Request #${originalId}`)
    await expect(requests.rows).toHaveCount(2)
    await expect(requests.selectedRow).toHaveCount(1)
    await requests.showTab('Headers')
    await expect(
      requests.detailPanel.getByRole('row', { name: new RegExp(`^X-Hookbench-Replay-Of ${originalId}$`) }),
    ).toBeVisible()
    // Replayed as the original webhook user, without its password.
    await requests.showTab('Overview')
    await expect(requests.detailPanel).toContainText('telegram')
    await expect(requests.detailPanel.getByText('200', { exact: true })).toBeVisible()

    await requests.rowWith(entity).last().click()
    await expect(requests.detail).toHaveAccessibleName(`Request #${originalId}`)
    await requests.editAndReplay.click()
    await expect(requests.replayDialog).toBeVisible()
    await expect(requests.replayHeaders).toHaveValue(/Content-Type: application\/json/)
    await expect(requests.replayHeaders).not.toHaveValue(/Authorization/)
    await requests.replayHeaders.fill('Content-Type: application/json\nthis line is wrong')
    await requests.sendReplay.click()
    await expect(requests.replayDialog.getByText('Line 2 of the headers is not "Name: value".')).toBeVisible()
    await expect(requests.replayHeaders).toHaveAttribute('aria-invalid', 'true')

    await requests.replayHeaders.fill('Content-Type: application/json\nX-Edited: yes')
    await requests.replayBody.fill(JSON.stringify(telegramUpdate('edited text')))
    await screenshotThemes(page, 'edit-and-replay')
    await requests.sendReplay.click()
    await expect(requests.replayDialog).toBeHidden()
    await expect(requests.rows).toHaveCount(3)
    await requests.showTab('Body')
    await expect(requests.detailPanel).toContainText('edited text')
    await requests.showTab('Headers')
    await expect(requests.detailPanel.getByRole('row', { name: /^X-Edited yes$/ })).toBeVisible()
    await requests.showTab('Message')
    await expect(requests.detailPanel).toContainText('edited text')
  })
})
