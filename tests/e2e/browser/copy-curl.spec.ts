import { createRequestsPage } from '../../helpers/pages/requests-page'
import { expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('copy as curl', () => {
  test('copies a runnable curl with the Authorization header masked', async ({ page, context, served }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const requests = createRequestsPage(page)
    const entity = uniqueName('curl')
    await postWebhook(served, `/${entity}?command.message=message.text`, telegramUpdate("it's quoted"))
    await signIn(page, served)
    await requests.open(served.baseUrl, `path=${entity}`)
    await requests.openRow(0)

    await page.evaluate("navigator.clipboard.writeText('')")
    await requests.copyAsCurl.click()
    // The button says "Copied" for a moment (and so changes its name): the clipboard is the proof.
    const readClipboard = async () => String(await page.evaluate('navigator.clipboard.readText()'))
    await expect.poll(readClipboard).toMatch(/^curl /)
    const curl = await readClipboard()
    expect(curl).toMatch(/^curl \\\n {2}-X POST \\\n {2}'http:/)
    expect(curl).toContain(`/api/v1/messages/webhook/${entity}?command.message=message.text'`)
    expect(curl).toContain("-H 'Authorization: Basic ***'")
    expect(curl).toContain("-H 'Content-Type: application/json'")
    expect(curl).toContain(`it'\\''s quoted`)
    expect(curl).not.toContain('e2e-password-1')
    expect(curl).not.toContain(Buffer.from('telegram:e2e-password-1').toString('base64'))
  })
})
