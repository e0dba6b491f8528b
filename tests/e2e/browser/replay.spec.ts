import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { api, expect, postWebhook, test } from './fixtures'
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
    // Marked as a replay in its metadata, not by a header of Hookbench's own.
    await requests.showTab('Headers')
    await expect(requests.detailPanel.getByRole('row', { name: /^User-Agent / })).toBeVisible()
    await expect(requests.detailPanel).not.toContainText(/X-Hookbench/i)
    // Replayed as the original webhook user, without its password.
    await requests.showTab('Overview')
    await expect(requests.detailPanel).toContainText(`Replay of#${originalId}`)
    await expect(requests.detailPanel).toContainText('telegram')
    await expect(requests.detailPanel.getByText('200', { exact: true })).toBeVisible()

    await requests.rowWith(entity).last().click()
    await expect(requests.detail).toHaveAccessibleName(`Request #${originalId}`)
    await requests.editAndReplay.click()
    await expect(requests.replayDialog).toBeVisible()
    await expect(requests.replayHeaders).toHaveValue(/Content-Type: application\/json/)
    await expect(requests.replayHeaders).not.toHaveValue(/Authorization/)
    await expect(requests.replayHeaders).toHaveValue(/^Host: /m)
    await expect(requests.replayPath).toHaveValue(`/api/v1/messages/webhook/${entity}`)
    await expect(requests.replayQuery).toHaveValue('command.message=message.text')
    await requests.replayHeaders.fill('Content-Type: application/json\nthis line is wrong')
    await requests.sendReplay.click()
    await expect(requests.replayDialog.getByText('Line 2 of the headers is not "Name: value".')).toBeVisible()
    await expect(requests.replayHeaders).toHaveAttribute('aria-invalid', 'true')

    await requests.replayHeaders.fill('Content-Type: application/json\nX-Edited: yes')
    const typed = JSON.stringify(telegramUpdate('edited text'), null, 2)
    await requests.replayBody.fill(typed)
    await requests.replayPath.fill(`/api/v1/messages/webhook/${entity}-edited`)
    await requests.replayQuery.fill('command.message=message.text&entity=edited-entity')
    await screenshotThemes(page, 'edit-and-replay')
    await requests.sendReplay.click()
    await expect(requests.replayDialog).toBeHidden()
    await expect(requests.rows).toHaveCount(3)
    await expect(requests.detail).toHaveAccessibleName(/^Request #\d+$/)
    const editedId = Number((await requests.detail.getAttribute('aria-label'))?.replace('Request #', ''))
    const edited = await (await api(served, `/requests/${editedId}`)).json()
    // The body went as typed (indented, not minified), to the edited path and query.
    expect(edited).toMatchObject({
      path: `/api/v1/messages/webhook/${entity}-edited`,
      query: 'command.message=message.text&entity=edited-entity',
      entity: 'edited-entity',
      body: typed,
      replayOf: originalId,
    })
    await requests.showTab('Body')
    await expect(requests.detailPanel).toContainText('edited text')
    await requests.showTab('Headers')
    await expect(requests.detailPanel.getByRole('row', { name: /^X-Edited yes$/ })).toBeVisible()
    await requests.showTab('Message')
    await expect(requests.detailPanel).toContainText('edited text')
  })
})
