import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.doUnmock('@renderer/api/contract-checks')
  vi.resetModules()
})

describe('contractChecks', () => {
  it('loads the checks once and shares them', async () => {
    const { contractChecks } = await import('@renderer/api/client')
    const first = await contractChecks()
    expect(await contractChecks()).toBe(first)
    expect(first.parseEvent({ type: 'requests.cleared', deleted: 1 })).toEqual({
      type: 'requests.cleared',
      deleted: 1,
    })
    expect(first.parseEvent({ type: 'requests.cleared' })).toBeNull()
  })

  it('rejects with unavailable when the checks cannot load, and tries again on the next call', async () => {
    vi.doMock('@renderer/api/contract-checks', () => {
      throw new Error('chunk failed to load')
    })
    const { contractChecks } = await import('@renderer/api/client')
    const { AppError } = await import('@shared/errors') // the class of this module graph (resetModules)
    const error = await contractChecks().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as InstanceType<typeof AppError>).toShape()).toEqual({
      kind: 'unavailable',
      message: 'This window could not load part of itself from Hookbench. Reload the window.',
    })
    vi.doUnmock('@renderer/api/contract-checks')
    expect((await contractChecks()).parseErrorShape({ kind: 'conflict', message: 'x' })).toEqual({
      kind: 'conflict',
      message: 'x',
    })
  })
})

describe('checkOutput', () => {
  it('hands an answer on unchecked before the checks load, then reports a mismatch found later', async () => {
    const { checkOutput, contractChecks, onLateMismatch } = await import('@renderer/api/client')
    const late: unknown[] = []
    onLateMismatch((error) => late.push(error.toShape()))
    const good = { deleted: 3 }
    const bad = { deleted: 'three' }
    expect(checkOutput('clearRequests', good)).toBe(good)
    expect(checkOutput('clearRequests', bad)).toBe(bad)
    await contractChecks()
    await vi.waitFor(() => expect(late).toHaveLength(1))
    expect(late[0]).toMatchObject({ kind: 'internal', where: [{ path: ['deleted'] }] })
    expect(late[0]).toHaveProperty('message', expect.stringMatching(/clearRequests in an unexpected shape/))
  })

  it('checks an answer before handing it on once the checks are loaded', async () => {
    const { checkOutput, contractChecks } = await import('@renderer/api/client')
    const { AppError } = await import('@shared/errors')
    await contractChecks()
    expect(checkOutput('clearRequests', { deleted: 3 })).toEqual({ deleted: 3 })
    expect(() => checkOutput('clearRequests', { deleted: 'three' })).toThrow(AppError)
  })
})
