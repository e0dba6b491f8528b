import { execFileSync } from 'node:child_process'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { E2E_USER, expect, postWebhook, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

test.describe('copy as curl', () => {
  test('copies a curl that runs: -u with $HOOKBENCH_PASSWORD, no secret in it', async ({
    page,
    context,
    served,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const requests = createRequestsPage(page)
    const entity = uniqueName('curl')
    await postWebhook(served, `/${entity}?command.message=message.text`, telegramUpdate("it's quoted"))
    await signIn(page, served)
    await requests.open(served.baseUrl, `path=${entity}`)
    await requests.openRow(0)
    await expect(page.getByText('Hookbench keeps only a hash of webhook passwords')).toBeVisible()

    await page.evaluate("navigator.clipboard.writeText('')")
    await requests.copyAsCurl.click()
    // The button says "Copied" for a moment (and so changes its name): the clipboard is the proof.
    const readClipboard = async () => String(await page.evaluate('navigator.clipboard.readText()'))
    await expect.poll(readClipboard).toMatch(/^curl /)
    const curl = await readClipboard()
    expect(curl).toMatch(/^curl \\\n {2}-X POST \\\n {2}'http:/)
    expect(curl).toContain(`/api/v1/messages/webhook/${entity}?command.message=message.text'`)
    expect(curl).toContain(`-u "${E2E_USER.name}:$HOOKBENCH_PASSWORD"`)
    expect(curl).not.toMatch(/Authorization/i)
    expect(curl).toContain("-H 'Content-Type: application/json'")
    expect(curl).toContain(`it'\\''s quoted`)
    expect(curl).not.toContain(E2E_USER.password)
    expect(curl).not.toContain(Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64'))

    // Pasted into a shell with the password in the environment, it is accepted and stored again.
    const out = execFileSync('sh', ['-c', `${curl} --silent --show-error --write-out '\\n%{http_code}'`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOOKBENCH_PASSWORD: E2E_USER.password },
      encoding: 'utf8',
    })
    const [answer, status] = out.trimEnd().split('\n')
    expect(status).toBe('200')
    expect(JSON.parse(answer!)).toMatchObject({ ok: true })
  })
})
