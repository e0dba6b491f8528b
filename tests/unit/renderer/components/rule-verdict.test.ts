import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RuleMatchTable } from '@renderer/components/rule-match-table'
import { WindowBefore } from '@renderer/components/rule-verdict'
import { testResult } from '../workbench-factories'

const text = (el: Parameters<typeof renderToStaticMarkup>[0]) =>
  renderToStaticMarkup(el).replace(/<[^>]+>/g, '')

describe('WindowBefore', () => {
  it('calls a window the message would start a new window, not CANCEL', () => {
    expect(text(createElement(WindowBefore, { result: { windowKey: '77', previousStatus: null } }))).toBe(
      'new window',
    )
  })

  it('shows the status of a window that exists', () => {
    const result = { windowKey: '77', previousStatus: 'OPEN' as const }
    expect(text(createElement(WindowBefore, { result }))).toBe('OPEN')
    expect(text(createElement(WindowBefore, { result, now: true }))).toBe('now OPEN')
  })

  it('says nothing when the filter stopped the message (no window at all)', () => {
    expect(text(createElement(WindowBefore, { result: { windowKey: null, previousStatus: null } }))).toBe('')
  })
})

describe('RuleMatchTable', () => {
  it('marks a rule whose window the message would start as "(new window)"', () => {
    const row = text(
      createElement(RuleMatchTable, {
        items: [{ ruleId: 'r1', rule: 'reply', enabled: true, result: testResult({ previousStatus: null }) }],
      }),
    )
    expect(row).toContain('OPEN (new window)')
    expect(row).not.toContain('CANCEL')
  })
})
