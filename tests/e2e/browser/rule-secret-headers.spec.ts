import { startHttpPeer, type HttpPeer } from '../../helpers/http-peer'
import { createRuleEditorPage } from '../../helpers/pages/rule-editor-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { api, expect, postWebhook, test } from './fixtures'

// Issue 18 item 13: the editor shows an HTTP action's secret header values as the core's placeholder and
// replaces them through a password field; the far end still receives the real value.
const STORED = 'Bearer s3cr3t-e2e-4711'
const REPLACED = 'Bearer n3w-e2e-0815'

let peer: HttpPeer
test.beforeAll(async () => {
  peer = await startHttpPeer()
})
test.afterAll(() => peer.close())

test('a secret header value shows masked in the rule editor, is replaced there, and is sent for real', async ({
  page,
  served,
  signedIn: _,
}) => {
  const created = await api(served, '/rules', {
    method: 'POST',
    body: JSON.stringify({
      name: 'e2e secret header',
      filter: "entity = 'e2e-secret-header'",
      actions: [
        {
          kind: 'http',
          on: ['OPEN', 'REPEAT'],
          url: `${peer.url}/hook`,
          headers: { Authorization: STORED, Accept: 'text/plain' },
        },
      ],
    }),
  })
  const { rule } = (await created.json()) as { rule: { id: string } }
  try {
    const editor = createRuleEditorPage(page)
    await editor.open(served.baseUrl, rule.id)
    const action = editor.action(1)
    const headers = action.getByLabel('Headers', { exact: true })
    await expect(headers).toHaveValue('Authorization: Bearer ***\nAccept: text/plain')
    const replace = action.getByLabel('Replace Authorization')
    await expect(replace).toHaveAttribute('type', 'password')
    await expect(replace).toHaveValue('')
    expect(await page.content()).not.toContain('s3cr3t')
    await replace.scrollIntoViewIfNeeded()
    await screenshotThemes(page, 'rule-secret-header')

    await replace.fill(REPLACED)
    await editor.save.click()
    await expect(editor.saved).toBeVisible()
    await expect(replace).toHaveValue('')
    await expect(headers).toHaveValue('Authorization: Bearer ***\nAccept: text/plain')

    await postWebhook(served, '/e2e?entity=e2e-secret-header', { text: 'hi' })
    const [sent] = await peer.waitForRequests(1)
    expect(sent!.headers.authorization).toBe(REPLACED)
  } finally {
    await api(served, `/rules/${rule.id}`, { method: 'DELETE' })
  }
})
