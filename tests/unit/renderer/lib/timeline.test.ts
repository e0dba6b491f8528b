import { describe, expect, it } from 'vitest'
import type { TimelineItem } from '@shared/bot-loop'
import { isTimelineError, mergeTimeline, timelineKey } from '@renderer/lib/timeline'
import { botCall, forwardAttempt, forwardedUpdate } from '../bot-loop-factories'

const update = (id: number, patch = {}): TimelineItem => {
  const u = forwardedUpdate(id, patch)
  return { kind: 'update', time: u.time, update: u }
}
const call = (id: number, patch = {}): TimelineItem => {
  const c = botCall(id, patch)
  return { kind: 'call', time: c.time, call: c }
}
const attempt = (id: number, patch = {}): TimelineItem => {
  const a = forwardAttempt(id, patch)
  return { kind: 'forward', time: a.time, attempt: a }
}

describe('mergeTimeline', () => {
  it('puts new entries in time order and replaces a later copy of an update in place', () => {
    const merged = mergeTimeline(
      [update(1, { state: 'pending' }), call(3)],
      [attempt(2), update(1, { state: 'delivered' })],
      10,
    )
    expect(merged.map(timelineKey)).toEqual(['update-1', 'forward-2', 'call-3'])
    expect(merged[0]?.kind === 'update' && merged[0].update.state).toBe('delivered')
  })

  it('keeps only the newest entries', () => {
    expect(mergeTimeline([call(1), call(2)], [call(3)], 2).map(timelineKey)).toEqual(['call-2', 'call-3'])
  })
})

describe('isTimelineError', () => {
  it.each([
    ['a failed call', call(1, { ok: false, errorCode: 400 }), true],
    ['an ok call', call(1), false],
    ['an undelivered attempt', attempt(1, { delivered: false, error: 'Connection refused' }), true],
    ['a dropped update', update(1, { state: 'dropped' }), true],
    ['a pending update', update(1, { state: 'pending' }), false],
  ])('%s', (_label, item, expected) => {
    expect(isTimelineError(item)).toBe(expected)
  })
})
