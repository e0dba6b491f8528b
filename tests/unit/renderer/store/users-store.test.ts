import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WebhookUser } from '@shared/domain'
import { AppError } from '@shared/errors'
import { setClient } from '@renderer/api/client'
import { initialUsersState, useUsersStore } from '@renderer/store/users-store'
import { createFakeClient, type FakeClient } from '../fake-client'

const store = () => useUsersStore.getState()
const ada: WebhookUser = { name: 'ada', entities: ['*'], createdAt: '2024-05-29T12:00:00.000Z' }
let client: FakeClient
let users: WebhookUser[]

beforeEach(() => {
  useUsersStore.setState(initialUsersState)
  users = []
  client = createFakeClient({
    listUsers: () => ({ items: users, total: users.length }),
    createUser: (input) => {
      users = [{ name: input.name, entities: input.entities ?? ['*'], createdAt: ada.createdAt }]
      return users[0] as WebhookUser
    },
  })
  setClient(client)
})
afterEach(() => setClient(null))

describe('users store', () => {
  it('creates a user and reloads the list', async () => {
    expect(await store().create({ name: 'ada', password: 'correct horse', entities: ['bot-*'] })).toBe(true)
    expect(client.callsOf('createUser')).toEqual([
      { name: 'ada', password: 'correct horse', entities: ['bot-*'] },
    ])
    expect(store().users.map((user) => user.name)).toEqual(['ada'])
    expect(store().actionError).toBeNull()
  })

  it('points at the fields the contract refuses, without calling the core', async () => {
    expect(await store().create({ name: 'bad name', password: 'short' })).toBe(false)
    expect(client.callsOf('createUser')).toHaveLength(0)
    const error = store().actionError
    expect(error?.action).toBe('create')
    expect(error?.error.kind).toBe('invalid_input')
    expect(error?.error.where).toEqual([{ path: ['name'] }, { path: ['password'] }])
  })

  it('keeps a core refusal (conflict) for the form', async () => {
    client.handlers.createUser = () => {
      throw new AppError('conflict', 'A webhook user named ada exists.', { where: [{ path: ['name'] }] })
    }
    expect(await store().create({ name: 'ada', password: 'correct horse' })).toBe(false)
    expect(store().actionError?.error).toEqual({
      kind: 'conflict',
      message: 'A webhook user named ada exists.',
      where: [{ path: ['name'] }],
    })
  })

  it('resets a password and deletes through the core', async () => {
    users = [ada]
    client.handlers.updateUser = () => ada
    client.handlers.deleteUser = () => {
      users = []
      return { deleted: true }
    }
    expect(await store().resetPassword('ada', 'another secret')).toBe(true)
    expect(client.callsOf('updateUser')).toEqual([{ name: 'ada', password: 'another secret' }])
    expect(await store().remove('ada')).toBe(true)
    expect(store().users).toEqual([])
  })
})
