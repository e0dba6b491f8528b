import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, readFixture } from '../helpers/fixtures'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { definitionOf } from '../helpers/rule-definition'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

const files = readdirSync(fixturePath('atsd')).filter((f) => f.endsWith('.xml'))

describe('ATSD fixtures through POST /api/rules/import', () => {
  it.each(files)('imports %s with a report and no skipped rule', async (file) => {
    const res = await core.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: readFixture(`atsd/${file}`),
    })
    expect(res.status).toBe(200)
    const report = await res.json()
    expect(report.rules.filter((r: { status: string }) => r.status === 'skipped')).toEqual([])
    expect(report.rules.length + report.endpoints.length).toBeGreaterThan(0)
    for (const rule of report.rules) expect(rule.fields.length).toBeGreaterThan(0)
  })

  it('keeps series rules disabled and exports them back', async () => {
    const list = await (await core.api('/rules')).json()
    const series = list.items.find((r: { name: string }) => r.name === 'atsd.jvm.low_memory')
    expect(series).toMatchObject({ enabled: false, condition: 'avg() > 10 || max() > 85' })
    const xml = await (await core.api('/rules/export')).text()
    expect(xml).toContain('<name>atsd.jvm.low_memory</name>')
    expect(xml).toContain('avg() > 10 || max() > 85')
  })

  it('refuses to enable a rule whose condition uses names Hookbench does not evaluate, saying where', async () => {
    const list = await (await core.api('/rules')).json()
    const series = list.items.find((r: { name: string }) => r.name === 'atsd.jvm.low_memory')
    const { id } = series
    const rule = definitionOf(series)
    const res = await core.api(`/rules/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...rule, enabled: true }),
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toMatchObject({ field: 'condition', line: 1, column: 1 })
    expect(body.error.message).toMatch(/avg/)
  })
  it('reports a rule the importer skips under its own name, and the next rule with its own report', async () => {
    const xml = `<rules>
      <rule><name>no-condition</name><metric>message</metric><window>length(1)</window></rule>
      <rule><name>good-one</name><metric>message</metric><expression>true</expression><window>length(2)</window></rule>
    </rules>`
    const res = await core.api('/rules/import', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: xml,
    })
    const report = await res.json()
    const good = report.rules.find((r: { name: string }) => r.name === 'good-one')
    const skipped = report.rules.find((r: { name: string }) => r.name === 'no-condition')
    expect(good.status).toBe('imported')
    expect(good.fields.map((f: { field: string }) => f.field)).toContain('window')
    expect(skipped.status).toBe('skipped')
    expect(skipped.error).toBeTruthy()
  })
})
