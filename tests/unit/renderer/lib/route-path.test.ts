import { describe, expect, it } from 'vitest'
import { formatHash, parseHash } from '@renderer/lib/route'

describe('routes with a path below the page', () => {
  it.each([
    ['#/rules/new?fromMessage=5', { page: 'rules', params: 'fromMessage=5', path: 'new' }],
    ['#/rules/6f1c-ab/', { page: 'rules', params: '', path: '6f1c-ab' }],
    ['#/setup', { page: 'setup', params: '' }],
    ['#/alerts?tab=history', { page: 'alerts', params: 'tab=history' }],
    ['#/nowhere/x', { page: 'requests', params: '' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toStrictEqual(route)
  })

  it('formats what it parses', () => {
    expect(formatHash(parseHash('#/rules/abc?fromMessage=5'))).toBe('#/rules/abc?fromMessage=5')
    expect(formatHash({ page: 'simulator', params: '' })).toBe('#/simulator')
  })
})
