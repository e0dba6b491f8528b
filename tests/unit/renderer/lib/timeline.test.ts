import { describe, expect, it } from 'vitest'
import type { TimelineItem } from '@shared/bot-loop'
import {
  attemptOutcome,
  callOutcome,
  isTimelineError,
  mergeTimeline,
  timelineKey,
} from '@renderer/lib/timeline'
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

describe('callOutcome and attemptOutcome', () => {
  it.each([
    ['ok', botCall(1), 'ok'],
    [
      'a refused call',
      botCall(1, { ok: false, errorCode: 400, description: 'Bad Request: chat not found' }),
      '400 Bad Request: chat not found',
    ],
    [
      'a throttled call',
      botCall(1, { ok: false, errorCode: 429, description: 'Too Many Requests', retryAfter: 5 }),
      '429 Too Many Requests (retry after 5 s)',
    ],
    ['a call without an answer', botCall(1, { ok: false, httpStatus: null }), 'no answer'],
  ])('%s', (_label, call, expected) => {
    expect(callOutcome(call)).toBe(expected)
  })

  it.each([
    ['delivered', forwardAttempt(1), 'HTTP 200'],
    ['refused', forwardAttempt(1, { status: null, error: 'Connection refused' }), 'Connection refused'],
    ['timed out without a message', forwardAttempt(1, { status: null }), 'no answer'],
  ])('%s', (_label, attempt, expected) => {
    expect(attemptOutcome(attempt)).toBe(expected)
  })
})
