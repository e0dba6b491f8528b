import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { RecordedOutcome } from '@shared/alerts'
import { RecordedOutcomes } from '@renderer/pages/requests/request-rules-tab'

const outcome = (patch: Partial<RecordedOutcome> = {}): RecordedOutcome => ({
  alertId: 12,
  ruleId: 'r1',
  rule: 'reply to /start',
  status: 'OPEN',
  time: '2024-05-29T12:00:00.000Z',
  delivered: 1,
  failed: 0,
  ...patch,
})

const render = (outcomes: RecordedOutcome[]) =>
  renderToStaticMarkup(createElement(RecordedOutcomes, { outcomes }))
const textOf = (html: string) => html.replace(/<[^>]+>/g, '')

describe('request detail: Rules tab, what happened when the message arrived', () => {
  it('lists each alert event the message caused, linked to its alert, with its deliveries', () => {
    const html = render([outcome(), outcome({ rule: 'notify', status: 'REPEAT', delivered: 0, failed: 2 })])
    const text = textOf(html)
    expect(text).toContain('When it arrived')
    expect(text).toMatch(/reply to \/start OPEN alert #12 · .+ · 1 delivery/)
    expect(text).toMatch(/notify REPEAT alert #12 · .+ · 2 failed/)
    expect(html).toContain('href="#/alerts?tab=history&amp;alert=12"')
  })

  it('says so when the message changed no alert, and counts a delivery-less event as such', () => {
    expect(textOf(render([]))).toContain('No rule opened, repeated or cancelled an alert for this message.')
    expect(textOf(render([outcome({ delivered: 0 })]))).toContain('no delivery')
  })
})
