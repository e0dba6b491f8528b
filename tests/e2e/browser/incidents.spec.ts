import { createDiagnosticsPage } from '../../helpers/pages/diagnostics-page'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { api, expect, test } from './fixtures'
import { signIn, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('security incidents', () => {
  test('lists a webhook posted with wrong credentials, live, without its password', async ({
    page,
    served,
  }) => {
    const diagnostics = createDiagnosticsPage(page)
    await signIn(page, served)
    await diagnostics.open(served.baseUrl)
    await expect(diagnostics.receiver).toContainText(served.baseUrl)
    await expect(diagnostics.tunnel).toContainText('off')
    await expect(diagnostics.webhook).toContainText('not set')

    const intruder = uniqueName('mallory')
    const password = 'not-the-password'
    const entity = uniqueName('inc')
    const response = await fetch(`${served.webhookUrl}/${entity}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${intruder}:${password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: '{"update_id": 1}',
    })
    expect(response.status).toBe(401)

    const row = diagnostics.incidentRows.filter({ hasText: intruder })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('127.0.0.1')
    await expect(row).toContainText(`/api/v1/messages/webhook/${entity}`)
    await expect(diagnostics.incidentsSection).not.toContainText(password)
    await screenshotThemes(page, 'diagnostics')
  })

  test('the Requests page links refused requests to the security incidents, with their count', async ({
    page,
    served,
  }) => {
    const requests = createRequestsPage(page)
    const diagnostics = createDiagnosticsPage(page)
    const response = await fetch(`${served.webhookUrl}/${uniqueName('refused')}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('nobody:wrong').toString('base64')}` },
      body: '{}',
    })
    expect(response.status).toBe(401)
    const total = (await (await api(served, '/incidents?limit=1')).json()) as { total: number }
    await signIn(page, served)
    await requests.open(served.baseUrl)
    await expect(requests.incidentsLink).toHaveText(`Security incidents (${total.total})`)
    await expect(page.getByRole('checkbox', { name: 'Auth failed' })).toHaveCount(0)
    await screenshotThemes(page, 'requests-incidents-link')
    await requests.incidentsLink.click()
    await expect(page).toHaveURL(/#\/diagnostics\/incidents$/)
    await expect(diagnostics.incidentRows.filter({ hasText: 'nobody' }).first()).toBeInViewport()
  })
})
