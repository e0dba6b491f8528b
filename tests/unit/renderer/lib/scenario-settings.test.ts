import { describe, expect, it } from 'vitest'
import { api } from '@shared/api'
import { scenarioPatchOf } from '@renderer/lib/scenario-settings'

describe('scenarioPatchOf', () => {
  it('trims the folder and turns the wait into a number the contract accepts', () => {
    const result = scenarioPatchOf({ folder: '  /tmp/scn ', withinMs: ' 2500 ' })
    expect(result).toEqual({ ok: true, patch: { scenarioFolder: '/tmp/scn', scenarioWithinMs: 2500 } })
    if (result.ok) expect(api.updateSettings.input.safeParse(result.patch).success).toBe(true)
  })

  it.each(['', '1.5', '10', '700000', 'abc'])(
    'refuses the wait %j, pointing at scenarioWithinMs',
    (withinMs) => {
      const result = scenarioPatchOf({ folder: '', withinMs })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.where).toEqual([{ path: ['scenarioWithinMs'] }])
    },
  )
})
