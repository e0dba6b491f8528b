import { describe, expect, it } from 'vitest'
import { createRateLimiter, DEFAULT_RATE_LIMITS } from '../../../../../src/main/core/simulator/rate-limiter'

function limiter() {
  let t = Date.parse('2024-05-29T16:00:00Z')
  const l = createRateLimiter(DEFAULT_RATE_LIMITS, () => t)
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
})
