import { describe, expect, it } from 'vitest'
import { api } from '@shared/api'
import { FAULT_PRESETS, describeFault, faultInput } from '@renderer/lib/fault-presets'

describe('faultInput', () => {
  it.each(FAULT_PRESETS.map((p) => [p.id, p] as const))(
    'preset %s is a valid addSimFault input',
    (_id, preset) => {
      const input = faultInput(preset, 'sendMessage', 2, 1500)
      expect(api.addSimFault.input.safeParse(input).success).toBe(true)
      expect(input).toMatchObject({ method: 'sendMessage', times: 2 })
    },
  )

  it('429 carries retry_after, delay its ms, and an empty method means every method', () => {
    const byId = (id: string) => FAULT_PRESETS.find((p) => p.id === id)!
    expect(faultInput(byId('429'), 'sendMessage', 1, 0)).toMatchObject({ errorCode: 429, retryAfter: 5 })
    expect(faultInput(byId('delay'), ' ', 1, 1500)).toEqual({
      method: '*',
      kind: 'delay',
      delayMs: 1500,
      times: 1,
    })
  })
})

it('the migrated preset names the supergroup the chat moved to', () => {
  const migrated = FAULT_PRESETS.find((p) => p.id === 'migrated')!
  expect(faultInput(migrated, 'sendMessage', 1, 0)).toMatchObject({
    kind: 'migrated',
    migrateToChatId: -1001234567890,
  })
})

describe('describeFault', () => {
  const base = {
    method: 'sendMessage',
    kind: 'error' as const,
    errorCode: 429,
    delayMs: null,
    remaining: 1,
    expiresAt: null,
    hits: 0,
  }
  it.each([
    [base, 'sendMessage → 429 · 1 left · 0 hits'],
    [
      { ...base, kind: 'drop' as const, remaining: null, expiresAt: '2026-12-04T18:00:05.000Z', hits: 1 },
      'sendMessage → drop · until 18:00:05 · 1 hit',
    ],
    [
      { ...base, kind: 'delay' as const, delayMs: 2000, hits: 3 },
      'sendMessage → delay 2000 ms · 1 left · 3 hits',
    ],
  ])('%j', (fault, line) => expect(describeFault(fault)).toBe(line))
})
