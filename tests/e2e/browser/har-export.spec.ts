import { readFile } from 'node:fs/promises'
import type { Download } from '@playwright/test'
import { createRequestsPage } from '../../helpers/pages/requests-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { api, E2E_USER, expect, test } from './fixtures'
import { signIn, telegramUpdate, uniqueName, VIEWPORT } from './helpers'

test.use({ viewport: VIEWPORT })

interface Har {
  log: {
    version: string
    creator: { name: string }
    entries: {
      request: {
        method: string
        url: string
        headers: { name: string; value: string }[]
        postData?: { text: string }
      }
      response: {
        status: number
        headers: { name: string; value: string }[]
        content: { size: number; mimeType: string; text?: string }
      }
      time: number
      timings: { wait: number }
    }[]
  }
}

async function readJson<T>(download: Download): Promise<T> {
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as T
}

test.describe('export', () => {
  test('downloads the checked requests as a HAR 1.2 document with secrets masked', async ({
    page,
    served,
  }) => {
    const requests = createRequestsPage(page)
    const entity = uniqueName('har')
    const secretToken = 'tg-secret-token-value-42'
    const ids: number[] = []
    for (const text of ['first', 'second', 'third']) {
      const response = await fetch(`${served.webhookUrl}/${entity}?command.message=message.text`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64')}`,
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': secretToken,
        },
        body: JSON.stringify(telegramUpdate(`${text} message`)),
      })
      expect(response.status).toBe(200)
      ids.push(((await response.json()) as { id: number }).id)
    }
    // Hookbench's answers are recorded just after they are sent.
    for (const id of ids) {
      await expect
        .poll(
          async () =>
            ((await (await api(served, `/requests/${id}`)).json()) as { response: unknown }).response,
        )
        .not.toBeNull()
    }
    await signIn(page, served)
    await requests.open(served.baseUrl, `path=${entity}`)
    await expect(requests.rows).toHaveCount(3)

    // Check the newest with its checkbox, then extend to the oldest with Shift+click.
    await requests.rowCheckbox(requests.row(0)).check()
    await requests.row(2).click({ modifiers: ['Shift'] })
    await expect(requests.checkedCount).toHaveText(/^3 checked/)
    // Ctrl+click unchecks the middle one.
    await requests.row(1).click({ modifiers: ['ControlOrMeta'] })
    await expect(requests.checkedCount).toHaveText(/^2 checked/)
    await expect(requests.rowCheckbox(requests.row(1))).not.toBeChecked()
    // By keyboard: ↓ moves the current row, Space checks and unchecks it.
    await requests.grid.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(requests.selectedRow).toHaveAttribute('aria-rowindex', '3')
    await page.keyboard.press('Space')
    await expect(requests.checkedCount).toHaveText(/^3 checked/)
    await page.keyboard.press('Space')
    await expect(requests.checkedCount).toHaveText(/^2 checked/)

    await requests.exportButton.click()
    await expect(requests.exportScope(/^Checked \(2\)/)).toBeChecked()
    await screenshotThemes(page, 'export-menu')
    const [download] = await Promise.all([page.waitForEvent('download'), requests.downloadHar.click()])
    expect(download.suggestedFilename()).toMatch(/^hookbench-requests-2-selected-.*\.har$/)
    const har = await readJson<Har>(download)
    expect(har.log.version).toBe('1.2')
    expect(har.log.creator.name).toBe('Hookbench')
    expect(har.log.entries).toHaveLength(2)
    expect(har.log.entries.map((entry) => JSON.parse(entry.request.postData!.text).message.text)).toEqual([
      'third message',
      'first message',
    ])
    const text = JSON.stringify(har)
    expect(text).not.toContain(E2E_USER.password)
    expect(text).not.toContain(Buffer.from(`${E2E_USER.name}:${E2E_USER.password}`).toString('base64'))
    expect(text).not.toContain(secretToken)
    // Each entry carries the answer Hookbench sent, and how long it took.
    const answer = har.log.entries[0]!.response
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.content.text!)).toMatchObject({ ok: true })
    expect(answer.content.mimeType).toMatch(/^application\/json/)
    expect(answer.headers.find((h) => h.name === 'content-type')?.value).toMatch(/^application\/json/)
    expect(har.log.entries[0]!.timings.wait).toBe(har.log.entries[0]!.time)
    const headers = har.log.entries[0]!.request.headers
    expect(headers.find((h) => h.name === 'authorization')?.value).toMatch(/\*\*\*$/)
    await expect(requests.exportPanel.getByRole('status')).toHaveText(
      /Saved 2 requests as hookbench-requests-/,
    )

    // Everything matching the filter, as JSON.
    await requests.exportScope(/^All matching the filter \(3\)/).check()
    const [json] = await Promise.all([page.waitForEvent('download'), requests.downloadJson.click()])
    expect(json.suggestedFilename()).toMatch(/^hookbench-requests-filtered-.*\.json$/)
    const details = await readJson<{ id: number; path: string; body: string }[]>(json)
    expect(details).toHaveLength(3)
    expect(details.every((d) => d.path.endsWith(`/${entity}`))).toBe(true)
    expect(JSON.stringify(details)).not.toContain(secretToken)

    // One request, from its detail.
    await page.keyboard.press('Escape')
    await requests.openRow(0)
    await requests.showTab('Response')
    await expect(requests.detailTab('Response')).toHaveText('Response (200)')
    await expect(requests.detailPanel).toContainText('Time to answer')
    await expect(requests.detailPanel.getByRole('table', { name: 'Response headers' })).toContainText(
      'application/json',
    )
    await expect(requests.detailPanel).toContainText('ok')
    await screenshotThemes(page, 'request-response')
    await requests.exportOne.click()
    const [one] = await Promise.all([
      page.waitForEvent('download'),
      requests.exportOnePanel.getByRole('button', { name: 'Download HAR' }).click(),
    ])
    expect(one.suggestedFilename()).toMatch(/^hookbench-request-\d+\.har$/)
    expect((await readJson<Har>(one)).log.entries).toHaveLength(1)
  })
})
