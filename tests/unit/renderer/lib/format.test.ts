import { describe, expect, it } from 'vitest'
import {
  formatByteLimit,
  formatBytes,
  formatClock,
  formatCountOf,
  formatDuration,
  formatTimeRange,
  isoToLocalInput,
  localInputToIso,
} from '@renderer/lib/format'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1536, '1.5 kB'],
    [48_000, '48 kB'],
    [10_485_760, '10 MB'],
    [3_200_000_000, '3.2 GB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})

describe('formatByteLimit', () => {
  it('formats a size, and gives nothing for a negative or fractional limit (no "-5120 B")', () => {
    expect(formatByteLimit(5120)).toBe('5.1 kB')
    expect(formatByteLimit(0)).toBe('0 B')
    expect(formatByteLimit(-5120)).toBeNull()
    expect(formatByteLimit(1.5)).toBeNull()
    expect(formatByteLimit(NaN)).toBeNull()
  })
})

describe('local time inputs', () => {
  it('round-trips a datetime-local value through ISO', () => {
    const iso = localInputToIso('2024-05-29T14:05')
    expect(iso).toMatch(/Z$/)
    expect(isoToLocalInput(iso)).toBe('2024-05-29T14:05')
  })

  it('gives nothing for empty or invalid values', () => {
    expect(localInputToIso('')).toBeUndefined()
    expect(localInputToIso('not a time')).toBeUndefined()
    expect(isoToLocalInput(undefined)).toBe('')
    expect(isoToLocalInput('garbage')).toBe('')
  })

  it('labels the time range', () => {
    const from = localInputToIso('2024-05-29T14:00')
    const to = localInputToIso('2024-05-29T15:30')
    expect(formatTimeRange(undefined, undefined)).toBe('Any time')
    expect(formatTimeRange(from, undefined)).toBe('Since 05-29 14:00')
    expect(formatTimeRange(undefined, to)).toBe('Until 05-29 15:30')
    expect(formatTimeRange(from, to)).toBe('05-29 14:00 – 15:30')
    expect(formatTimeRange(from, localInputToIso('2024-05-30T09:00'))).toBe('05-29 14:00 – 05-30 09:00')
  })
})

describe('formatClock', () => {
  it('shows local time with milliseconds, and an unparseable value as it is', () => {
    expect(formatClock(localInputToIso('2024-05-29T14:05') ?? '')).toBe('14:05:00.000')
    expect(formatClock('soon')).toBe('soon')
  })

  it('leaves the milliseconds out when asked (a save confirmation)', () => {
    expect(formatClock(localInputToIso('2024-05-29T14:05') ?? '', false)).toBe('14:05:00')
  })
})

describe('formatDuration', () => {
  it.each([
    { ms: null, expected: '—' },
    { ms: 0, expected: '0 ms' },
    { ms: 85.4, expected: '85 ms' },
    { ms: 1234, expected: '1.2 s' },
    { ms: 14_200, expected: '14 s' },
  ])('shows $ms as $expected', ({ ms, expected }) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})

describe('formatCountOf', () => {
  it.each([
    [0, '0 updates'],
    [1, '1 update'],
    [1200, '1,200 updates'],
  ])('%i → %s', (n, expected) => {
    expect(formatCountOf(n, 'update')).toBe(expected)
  })
})
