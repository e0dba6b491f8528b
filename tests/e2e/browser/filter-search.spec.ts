import { createRequestsPage } from '../../helpers/pages/requests-page'
import { expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('filter and search', () => {
  test('narrows by status class, path and body text, and the filter survives a reload', async ({
    page,
    served,
  }) => {
    const requests = createRequestsPage(page)
    const entity = uniqueName('flt')
    const word = uniqueName('needle')
    await postWebhook(served, `/${entity}`, telegramUpdate(`plain text`))
    await postWebhook(served, `/${entity}`, telegramUpdate(`the ${word} is here`))
    // Malformed JSON: stored with error invalid_input and answered 400.
    const bad = await fetch(`${served.webhookUrl}/${entity}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('telegram:e2e-password-1').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: '{"update_id": 1,',
    })
    expect(bad.status).toBe(400)

    await signIn(page, served)
    await requests.pathFilter.fill(entity)
    await expect(requests.rowWith(entity)).toHaveCount(3)
    await expect(page).toHaveURL(new RegExp(`path=${entity}`))

    await requests.statusFilter.selectOption('4xx')
    await expect(requests.rows).toHaveCount(1)
    await expect(requests.rows.first()).toContainText('400')
    await expect(page).toHaveURL(/status=4xx/)

    await requests.statusFilter.selectOption('2xx')
    await expect(requests.rows).toHaveCount(2)
    await requests.searchFor(word)
    await expect(requests.rows).toHaveCount(1)
    await expect(page).toHaveURL(new RegExp(`text=${word}`))

    await page.reload()
    await expect(requests.search).toHaveValue(word)
    await expect(requests.pathFilter).toHaveValue(entity)
    await expect(requests.statusFilter).toHaveValue('2xx')
    await expect(requests.rows).toHaveCount(1)
    await requests.openRow(0)
    await requests.showTab('Body')
    await expect(requests.detailPanel).toContainText(word)

    // A live arrival that matches the filter joins the view; one that does not stays out.
    await postWebhook(served, `/${entity}`, telegramUpdate(`another ${word}`))
    await postWebhook(served, `/${entity}`, telegramUpdate('unrelated'))
    await expect(requests.rows).toHaveCount(2)

    await requests.resetFilters.click()
    await expect(requests.search).toHaveValue('')
    await expect(requests.rowWith(entity)).toHaveCount(5)
  })
})
