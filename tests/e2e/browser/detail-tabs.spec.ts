import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('request detail', () => {
  test('shows overview, masked headers, the body as a JSON tree and the message tags', async ({
    page,
    served,
  }) => {
    const requests = createRequestsPage(page)
    const entity = uniqueName('tabs')
    await postWebhook(served, `/${entity}?command.message=message.text`, telegramUpdate('status of cpu_busy'))
    await signIn(page, served)
    await requests.open(served.baseUrl, `path=${entity}`)
    await requests.openRow(0)

    await expect(requests.detailTab('Overview')).toHaveAttribute('aria-selected', 'true')
    await expect(requests.detailPanel).toContainText('telegram') // the webhook user
    await expect(requests.detailPanel).toContainText(entity)
    await screenshotThemes(page, 'request-detail')

    await requests.showTab('Headers')
    const headers = requests.detailPanel.getByRole('table', { name: 'Request headers' })
    const authorization = headers.getByRole('row', { name: /^Authorization/ })
    await expect(authorization).toContainText('***')
    await expect(authorization).not.toContainText('e2e-password-1')
    await expect(headers).not.toContainText(Buffer.from('telegram:e2e-password-1').toString('base64'))

    await requests.showTab('Body')
    const tree = requests.detailPanel.getByRole('list', { name: 'JSON body' })
    await expect(tree.getByRole('button', { name: 'message.chat', exact: true })).toHaveAttribute(
      'aria-expanded',
      'true',
    )
    await expect(requests.copyPath('message.text')).toBeAttached()
    await expect(tree).toContainText('"status of cpu_busy"')
    await requests.detailPanel.getByRole('button', { name: 'Raw' }).click()
    await expect(requests.detailPanel.getByLabel('Raw body')).toContainText('"update_id"')
    await page.screenshot({ path: 'test-results/e2e/request-body.png' })

    await requests.showTab('Message')
    const tags = requests.detailPanel.getByRole('table', { name: /^Tags/ })
    await expect(tags.getByRole('row', { name: /message\.text status of cpu_busy/ })).toBeVisible()
    await expect(tags.getByRole('row', { name: /message\.chat\.type private/ })).toBeVisible()
    await expect(requests.detailPanel).toContainText('status of cpu_busy')
    // No severity parameter: the command has none, which is "not set", not a JavaScript "undefined".
    await expect(requests.detailPanel.locator('dt:text-is("Severity") + dd')).toHaveText('not set')

    await requests.showTab('Rules')
    await expect(requests.detailPanel.getByRole('heading', { name: 'No rules yet' })).toBeVisible()
    await expect(requests.createRule).toHaveAttribute('href', /^#\/rules\/new\?fromMessage=\d+$/)

    // Keyboard: Esc closes the detail.
    await requests.grid.focus()
    await page.keyboard.press('Escape')
    await expect(requests.detail).toBeHidden()
    await page.keyboard.press('Enter')
    await expect(requests.detail).toBeVisible()

    // "Create rule" hands the message to the rule editor.
    await requests.createRule.click()
    await expect(page).toHaveURL(/#\/rules\/new\?fromMessage=\d+$/)
  })
})
