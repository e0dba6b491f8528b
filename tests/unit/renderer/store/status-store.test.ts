import { describe, expect, it } from 'vitest'
import { initialStatusState, useStatusStore } from '@renderer/store/status-store'

describe('status store mismatch', () => {
  it('keeps the late mismatch until the window reloads', () => {
    useStatusStore.setState(initialStatusState)
    expect(useStatusStore.getState().mismatch).toBeNull()
    useStatusStore.getState().setMismatch({ kind: 'internal', message: 'x' })
    expect(useStatusStore.getState().mismatch).toEqual({ kind: 'internal', message: 'x' })
  })
})
