import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { initialSettingsState, useSettingsStore } from '@renderer/store/settings-store'
import { createFakeClient, deferred, type FakeClient } from '../fake-client'
import { settings } from '../factories'

const store = () => useSettingsStore.getState()
let client: FakeClient

beforeEach(async () => {
  useSettingsStore.setState(initialSettingsState)
  client = createFakeClient({ getSettings: () => settings })
  setClient(client)
  await store().load()
})
afterEach(() => setClient(null))

describe('settings store', () => {
  it('applies a change at once, before the core answers (the theme must not lag)', async () => {
    const answer = deferred<typeof settings>()
    client.handlers.updateSettings = () => answer.promise
    const saving = store().update({ theme: 'dark' })
    expect(store().settings?.theme).toBe('dark')
    expect(store().saving).toBe(true)
    answer.resolve({ ...settings, theme: 'dark' })
    expect(await saving).toBe(true)
    expect(store().saving).toBe(false)
  })

  it('rolls back and keeps the core error with its where path when the core refuses', async () => {
    client.handlers.updateSettings = () => {
      throw new AppError('invalid_input', 'Too small.', { where: [{ path: ['retention', 'maxRows'] }] })
    }
    expect(await store().update({ retention: { maxRows: 5 } })).toBe(false)
    expect(store().settings?.retention.maxRows).toBe(settings.retention.maxRows)
    expect(store().saveError).toEqual({
      kind: 'invalid_input',
      message: 'Too small.',
      where: [{ path: ['retention', 'maxRows'] }],
    })
  })

  it('checks the patch with the contract schema before sending it, and rolls a refused one back', async () => {
    client.handlers.updateSettings = () => settings
    expect(await store().update({ maxBodyBytes: 10 })).toBe(false)
    expect(client.callsOf('updateSettings')).toHaveLength(0)
    expect(store().saveError?.where).toEqual([{ path: ['maxBodyBytes'] }])
    expect(store().settings).toEqual(settings)
    expect(store().saving).toBe(false)
  })

  it('keeps a failed load as its error', async () => {
    client.handlers.getSettings = () => {
      throw new AppError('unavailable', 'Core is starting.')
    }
    useSettingsStore.setState(initialSettingsState)
    await store().load()
    expect(store().error).toEqual({ kind: 'unavailable', message: 'Core is starting.' })
  })
})
