import { describe, expect, it } from 'vitest'
import { formatHash, parseHash } from '@renderer/lib/route'

describe('parseHash / formatHash', () => {
  it.each([
    ['', { page: 'requests', params: '' }],
    ['#/messages', { page: 'messages', params: '' }],
    ['#/requests?status=4xx&text=a%20b', { page: 'requests', params: 'status=4xx&text=a+b' }],
    ['#/nowhere?x=1', { page: 'requests', params: 'x=1' }],
    ['#settings', { page: 'settings', params: '' }],
    ['#/conversations?chat=-100123&errors=1', { page: 'conversations', params: 'chat=-100123&errors=1' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route)
  })

  it('formats what it parses', () => {
    expect(formatHash({ page: 'diagnostics', params: '' })).toBe('#/diagnostics')
    expect(formatHash(parseHash('#/requests?status=4xx'))).toBe('#/requests?status=4xx')
  })
})
