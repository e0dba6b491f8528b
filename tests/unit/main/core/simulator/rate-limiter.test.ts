import { describe, expect, it } from 'vitest'
import { createRateLimiter, DEFAULT_RATE_LIMITS } from '../../../../../src/main/core/simulator/rate-limiter'

function limiter(enabled = () => true) {
  let t = Date.parse('2024-05-29T16:00:00Z')
  const l = createRateLimiter(DEFAULT_RATE_LIMITS, () => t, enabled)
  return { take: l.take, advance: (ms: number) => (t += ms) }
}

describe('rate limiter (TELEGRAM.md §7)', () => {
  it('lets one private chat burst 20 messages, then about one per second', () => {
    const l = limiter()
    for (let i = 0; i < 20; i++) expect(l.take(1, 42, false)).toBe(0)
    expect(l.take(1, 42, false)).toBe(1)
    l.advance(1000)
    expect(l.take(1, 42, false)).toBe(0)
    expect(l.take(1, 42, false)).toBe(1)
  })

  it('allows 20 messages per minute to a group and names the seconds until the oldest leaves the window', () => {
    const l = limiter()
    for (let i = 0; i < 20; i++) {
      expect(l.take(1, -100123, true)).toBe(0)
      l.advance(2000)
    }
    // 40 s have passed: the first message leaves the 60 s window in 20 s.
    expect(l.take(1, -100123, true)).toBe(20)
    l.advance(20_000)
    expect(l.take(1, -100123, true)).toBe(0)
  })

  it('allows 30 messages per second per bot across chats', () => {
    const l = limiter()
    for (let chat = 1; chat <= 30; chat++) expect(l.take(7, chat, false)).toBe(0)
    expect(l.take(7, 31, false)).toBe(1)
    expect(l.take(8, 31, false)).toBe(0)
    l.advance(1000)
    expect(l.take(7, 31, false)).toBe(0)
  })

  it('records nothing for a refused message', () => {
    const l = limiter()
    for (let i = 0; i < 20; i++) l.take(1, 5, false)
    expect(l.take(1, 5, false)).toBe(1)
    l.advance(1000)
    expect(l.take(1, 5, false)).toBe(0)
  })

  it('answers the longest wait of the limits hit: a group burst waits for its minute, not the per-chat second', () => {
    const l = limiter()
    for (let i = 0; i < 20; i++) expect(l.take(1, -100777, true)).toBe(0)
    // The per-chat bucket is empty too (1 s), but one more fits only once the group's minute has passed.
    expect(l.take(1, -100777, true)).toBe(60)
    l.advance(59_000)
    expect(l.take(1, -100777, true)).toBe(1)
    l.advance(1000)
    expect(l.take(1, -100777, true)).toBe(0)
  })

  it('lets everything through and counts nothing while switched off', () => {
    let on = false
    const l = limiter(() => on)
    for (let i = 0; i < 100; i++) expect(l.take(1, -100888, true)).toBe(0)
    on = true
    for (let i = 0; i < 20; i++) expect(l.take(1, -100888, true)).toBe(0)
    expect(l.take(1, -100888, true)).toBe(60)
  })
})
