import { readFile } from 'node:fs/promises'
import { fixturePath, readFixture } from '../../helpers/fixtures'
import { createRuleEditorPage } from '../../helpers/pages/rule-editor-page'
import { createRulesPage } from '../../helpers/pages/rules-page'
import { screenshotThemes } from '../../helpers/pages/screenshot'
import { createSimulatorPage } from '../../helpers/pages/simulator-page'
import { privateServeTest } from '../../helpers/pages/private-serve'
import { api, expect } from './fixtures'

// Connects a simulated bot and writes rules: a `hookbench serve` of its own keeps the shared one untouched.
const test = privateServeTest

/** Deletes the rules a test made, so the worker's shared instance stays as other specs expect it. */
async function deleteRules(served: Parameters<typeof api>[0], names: string[]): Promise<void> {
  const { items } = (await (await api(served, '/rules')).json()) as { items: { id: string; name: string }[] }
  for (const rule of items.filter((r) => names.includes(r.name)))
    await api(served, `/rules/${rule.id}`, { method: 'DELETE' })
}

test.describe('Rules', () => {
  test('imports ATSD rules XML through the file picker and shows the field-by-field report', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const rules = createRulesPage(page)
    await rules.open(served.baseUrl)
    await rules.importFile(fixturePath('atsd/rules_outgoing_webhook.xml'))
    await expect(rules.report).toBeVisible()
    const report = rules.reportRule('outgoing_webhook')
    await expect(report).toContainText('imported')
    await expect(report.getByRole('row', { name: /tagsGroupingStrategy mapped/ })).toContainText(
      "groupTags = 'none'",
    )
    await expect(report.getByRole('row', { name: /^owner ignored/ })).toContainText('not used by Hookbench')
    await expect(rules.row('outgoing_webhook')).toContainText('length(1)')
    await screenshotThemes(page, 'rules-import')

    // Export the selection as an .xml file.
    await rules.table.getByRole('checkbox', { name: 'Select outgoing_webhook' }).check()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export 1 selected' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^hookbench-rules-[\d-]+\.xml$/)
    expect(await readFile(await file.path(), 'utf8')).toContain('<name>outgoing_webhook</name>')

    // Dropping the same file on the page imports it again: the rule of that name is replaced.
    const xml = readFixture('atsd/rules_outgoing_webhook.xml')
    const dataTransfer = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(xml)}], 'dropped.xml', { type: 'application/xml' })); return dt })()`,
    )
    const region = page.getByRole('region', { name: 'Rules', exact: true })
    await region.dispatchEvent('dragover', { dataTransfer })
    await region.dispatchEvent('drop', { dataTransfer })
    await expect(page.getByRole('heading', { name: 'Import report: dropped.xml' })).toBeVisible()
    await expect(rules.reportRule('outgoing_webhook')).toContainText('replaced')
    await rules.report.getByRole('button', { name: 'Dismiss' }).click()
    await expect(rules.enabledSwitch('outgoing_webhook')).toBeChecked()
    await screenshotThemes(page, 'rules-list')

    // A file that is not XML: the error names the place once, and Dismiss is a button, not a bar.
    await page.getByLabel('Rules XML file').setInputFiles({
      name: 'broken.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<rules>\n  <rule><name>x</rule>\n</rules>'),
    })
    const failed = page.getByRole('alert').filter({ hasText: 'The file could not be imported' })
    await expect(failed).toContainText('Malformed XML')
    await expect(failed.getByRole('listitem')).toHaveCount(1)
    await expect(failed.getByRole('listitem')).toContainText('line 2')
    const dismiss = failed.getByRole('button', { name: 'Dismiss' })
    const [button, callout] = await Promise.all([dismiss.boundingBox(), failed.boundingBox()])
    expect(button!.width).toBeLessThan(callout!.width / 3)
    await screenshotThemes(page, 'rules-import-error')
    await dismiss.click()
    await expect(failed).toHaveCount(0)
    await deleteRules(served, ['outgoing_webhook'])
  })

  test('writes a rule that replies to /start, tests it against the message, and sees the reply in the simulator', async ({
    page,
    served,
    signedIn: _,
  }) => {
    await api(served, '/telegram/simulator', { method: 'POST', body: '{}' })
    const editor = createRuleEditorPage(page)
    await editor.open(served.baseUrl)
    await editor.name.fill('Greet on start')
    await editor.setCode(editor.filter, "message = '/start'")
    await editor.addAction('Telegram message').click()
    const action = editor.action(1)
    await expect(editor.code('Chat ID', action)).toHaveText('${tags.message.chat.id}')
    // A Telegram reply fires on OPEN and REPEAT, one window per chat: no "cannot fire again" warning…
    const warnings = page.getByRole('list', { name: 'Rule warnings' })
    await expect(action.getByRole('checkbox', { name: 'REPEAT' })).toBeChecked()
    await expect(warnings).toHaveCount(0)
    // …until it fires on OPEN only.
    await action.getByRole('checkbox', { name: 'REPEAT' }).uncheck()
    await expect(warnings).toContainText('No action fires on REPEAT')
    await action.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/rule-warning.png' })
    const viewport = page.viewportSize()!
    await page.setViewportSize({ width: 900, height: 600 })
    await warnings.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/rule-warning-900.png' })
    await page.setViewportSize(viewport)
    await action.getByRole('checkbox', { name: 'REPEAT' }).check()
    await expect(warnings).toHaveCount(0)
    await editor.setCode(editor.code('Text', action), 'Hello, ${tags.message.from.first_name}')
    await editor.save.click()
    await expect(editor.saved).toBeVisible()
    await expect(editor.saved).toContainText('The next message it matches uses this version.')
    await expect(page).toHaveURL(/#\/rules\/[0-9a-f-]{36}$/)
    await editor.saved.scrollIntoViewIfNeeded()
    await screenshotThemes(page, 'rule-saved')
    const ruleUrl = page.url()

    const simulator = createSimulatorPage(page)
    await simulator.open(served.baseUrl)
    await simulator.createChat('Ada')
    await simulator.say('/start')
    await expect(simulator.userMessages.last()).toContainText('/start')
    await expect(simulator.botMessages.last()).toContainText('Hello, Ada')
    await expect(simulator.userMessages.last().getByRole('link', { name: 'request' })).toHaveAttribute(
      'href',
      /#\/requests\?updateId=\d+/,
    )
    await screenshotThemes(page, 'simulator-reply')

    // Test against the stored /start message: the draft's verdict and its rendered text, no side effects.
    await page.goto(ruleUrl)
    await expect(editor.form).toBeVisible()
    const start = await editor.testMessage
      .locator('option', { hasText: '/start' })
      .first()
      .getAttribute('value')
    await editor.testMessage.selectOption(start ?? '')
    await expect(editor.testResult).toContainText('passes')
    // The chat's window is already open (the reply went out): the dry run says REPEAT, and it would reply.
    await expect(editor.testResult.getByRole('row', { name: /^Status/ })).toContainText('OPEN → REPEAT')
    await expect(page.getByRole('list', { name: 'Dry-run warnings' })).toHaveCount(0)
    await expect(editor.action(1).getByRole('region', { name: 'Preview of action 1' })).toContainText(
      'Hello, Ada',
    )
    await screenshotThemes(page, 'rule-editor')
    await editor.action(1).scrollIntoViewIfNeeded()
    await screenshotThemes(page, 'rule-editor-action')

    // "New rule from this message": a filter on its entity and a reply to its chat.
    await page.goto(`${served.baseUrl}/#/rules/new?fromMessage=${start}`)
    await expect(editor.filter).toHaveText("entity = 'telegram'")
    await expect(editor.code('Chat ID', editor.action(1))).toHaveText('${tags.message.chat.id}')
    await expect(editor.action(1).getByRole('region', { name: 'Preview of action 1' })).toContainText(
      'Hello, Ada',
    )
    // A rule not saved yet has no windows: the message would start one ("new window", not "CANCEL").
    await expect(editor.testResult.getByRole('row', { name: /^Status/ })).toContainText('new window → OPEN')
    await deleteRules(served, ['Greet on start'])
  })

  test('marks a syntax error at the line and column the core reports', async ({
    page,
    served,
    signedIn: _,
  }) => {
    const editor = createRuleEditorPage(page)
    await editor.open(served.baseUrl)
    await editor.name.fill('Broken')
    await editor.setCode(editor.condition, 'count( >= 3')
    await editor.save.click()
    const error = editor.form.getByRole('alert').filter({ hasText: 'condition:' })
    await expect(error).toContainText("Expected an expression but found '>=' (line 1, column 8)")
    // Column 8 is where `>=` starts: the lint mark covers exactly that token.
    await expect(editor.lintMark(editor.condition)).toHaveText('>=')
    await expect(editor.condition).toHaveAttribute('aria-invalid', 'true')
    await screenshotThemes(page, 'rule-editor-error')
    await editor.setCode(editor.condition, 'count() >= 3')
    await expect(editor.lintMark(editor.condition)).toHaveCount(0)
  })
})
