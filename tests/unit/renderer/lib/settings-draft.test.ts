import { describe, expect, it } from 'vitest'
import { Settings } from '@shared/settings'
import { draftOf, draftProblem, isDraftChanged, patchOf } from '@renderer/lib/settings-draft'

const settings = Settings.parse({})

describe('settings draft', () => {
  it('shows the body limit in KiB and patches it back in bytes', () => {
    const draft = draftOf(settings)
    expect(draft.maxBodyKiB).toBe('10240')
    expect(patchOf({ ...draft, maxBodyKiB: '1.5' }).maxBodyBytes).toBe(1536)
    expect(isDraftChanged(draft, settings)).toBe(false)
    expect(isDraftChanged({ ...draft, durability: 'full' }, settings)).toBe(true)
  })

  it.each([
    ['maxRows', '', ['retention', 'maxRows']],
    ['maxAgeDays', '1.5', ['retention', 'maxAgeDays']],
    ['authFailuresPerMinute', 'ten', ['authFailuresPerMinute']],
    ['maxBodyKiB', '-1', ['maxBodyBytes']],
  ] as const)('points at %s when it is %j', (key, value, path) => {
    const problem = draftProblem({ ...draftOf(settings), [key]: value })
    expect(problem?.kind).toBe('invalid_input')
    expect(problem?.where).toEqual([{ path }])
  })

  it('edits trusted proxies as one text field and names a malformed address', () => {
    const draft = { ...draftOf(settings), trustedProxies: '10.0.0.2,  2001:db8::1 ' }
    expect(patchOf(draft).trustedProxies).toEqual(['10.0.0.2', '2001:db8::1'])
    expect(draftProblem(draft)).toBeNull()
    const problem = draftProblem({ ...draft, trustedProxies: '10.0.0.0/8' })
    expect(problem?.where).toEqual([{ path: ['trustedProxies'] }])
    expect(problem?.message).toMatch(/^"10\.0\.0\.0\/8": Not an IP address/)
  })

  it('finds no problem in a saved draft', () => {
    expect(draftProblem(draftOf(settings))).toBeNull()
  })
})
