import { createAlertsPage } from '../../helpers/pages/alerts-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// Connects a simulated bot and writes rules: a `hookbench serve` of its own keeps the shared one untouched.
const test = privateServeTest

async function post(served: Parameters<typeof api>[0], path: string, body: unknown): Promise<unknown> {
  const response = await api(served, path, { method: 'POST', body: JSON.stringify(body) })
  expect(response.ok, `${path}: ${response.status} ${await response.clone().text()}`).toBe(true)
  return response.json()
}

test.describe('Alerts', () => {
  test('an alert opens, repeats, is acknowledged and cancels live, and its history shows each step', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await post(served, '/telegram/simulator', {})
    const chat = (await post(served, '/simulator/chats', { firstName: 'Linus' })) as { id: number }
    const rule = 'Talks until stop'
    const { rule: saved } = (await post(served, '/rules', {
      name: rule,
      // Only this test's chat, so other specs' messages in the shared instance do not touch the alert.
      filter: `tags.message.chat.id = '${chat.id}'`,
      condition: "message != 'stop'",
      window: 'length(1)',
      severity: 'WARNING',
      actions: [
        {
          kind: 'telegram',
          chatId: '${tags.message.chat.id}',
          text: '${status}: ${message}',
          on: ['OPEN', 'REPEAT', 'CANCEL'],
        },
      ],
    })) as { rule: { id: string } }
    const say = (text: string) => post(served, `/simulator/chats/${chat.id}/messages`, { text })

    try {
      const alerts = createAlertsPage(page)
      await alerts.open(served.baseUrl)
      await say('one')
      const row = alerts.row(alerts.openTable, rule)
      await expect(row).toContainText('OPEN')
      await expect(row).toContainText('one')

      await say('two')
      await expect(row).toContainText('REPEAT')
      await expect(row.getByRole('cell').nth(6)).toHaveText('1') // count, after the rule name header cell
      await row.getByRole('button', { name: /^Acknowledge alert/ }).click()
      await expect(row.getByRole('button', { name: /^Acknowledge alert/ })).toHaveText('Acknowledged')
      await row.getByRole('button', { name: rule }).click()
      await expect(alerts.detail).toContainText('acknowledged')
      await screenshotThemes(page, 'alerts-open')

      await say('stop')
      await expect(row).toHaveCount(0)
      await alerts.tab('History').click()
      const past = alerts.row(alerts.historyTable, rule)
      await expect(past).toContainText('CANCEL')
      await past.getByRole('button', { name: rule }).click()
      await expect(alerts.statusChanges.getByRole('listitem')).toHaveText([
        /OPEN/,
        /REPEAT/,
        /ACKNOWLEDGED/,
        /CANCEL/,
      ])
      // Each status change lists the deliveries it caused: here one Telegram sendMessage each.
      const deliveries = alerts.statusChanges.locator('details')
      await expect(deliveries).toHaveCount(3)
      await deliveries.last().locator('summary').click()
      await expect(deliveries.last()).toContainText('/sendMessage')
      await expect(deliveries.last()).toContainText('CANCEL: stop')
      await screenshotThemes(page, 'alerts-history')
    } finally {
      await api(served, `/rules/${saved.id}`, { method: 'DELETE' })
    }
  })
})
