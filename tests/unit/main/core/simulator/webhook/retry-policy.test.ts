import { describe, expect, it } from 'vitest'
import {
  isExpiredAt,
  retryDelayMs,
  UPDATE_TTL_MS,
} from '../../../../../../src/main/core/simulator/webhook/retry-policy'

describe('retryDelayMs (TELEGRAM.md §4 "Success, failure and retries")', () => {
  it.each([
    [1, 0],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 16_000],
    [6, 32_000],
    [7, 64_000],
  ])('after %i failures waits %i ms with 1 s units', (failures, ms) => {
    expect(retryDelayMs(failures, null, 1000)).toBe(ms)
  })

  it('waits a random 60–120 units once doubling passes the cap', () => {
    expect(retryDelayMs(8, null, 1000, () => 0)).toBe(60_000)
    expect(retryDelayMs(20, null, 1000, () => 0.5)).toBe(90_000)
    expect(retryDelayMs(9, null, 1000, () => 0.999)).toBeLessThanOrEqual(120_000)
  })

  it('scales with the unit so tests can run the schedule fast', () => {
    expect(retryDelayMs(4, null, 5)).toBe(40)
  })

  it.each([
    [7, 7000],
    [0, 0],
    [-3, 0],
    [99_999, 3_600_000],
  ])("honours the bot's Retry-After %i (clamped to 0–3600 s)", (retryAfter, ms) => {
    expect(retryDelayMs(1, retryAfter, 1000)).toBe(ms)
  })
})

describe('isExpiredAt', () => {
  it('drops an update whose next attempt falls more than 24 h after its date', () => {
    expect(isExpiredAt(0, UPDATE_TTL_MS)).toBe(false)
    expect(isExpiredAt(0, UPDATE_TTL_MS + 1)).toBe(true)
  })
})
