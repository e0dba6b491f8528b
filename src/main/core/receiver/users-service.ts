import { AppError } from '@shared/errors'
import type { WebhookUser } from '@shared/domain'
import type { Store } from '../store'
import { hashPassword, type Authenticator } from './credentials'

/** Webhook users: create, reset password, change entity patterns, delete. Every change drops the auth cache. */
export function createUsersService(store: Store, auth: Authenticator, now: () => number) {
  const toPublic = (name: string): WebhookUser => {
    const u = store.users.get(name)
    if (!u) throw new AppError('not_found', `No webhook user named ${name}.`, { where: [{ path: ['name'] }] })
    return { name: u.name, entities: u.entities, createdAt: u.createdAt }
  }
  return {
    list: () => store.users.list(),
    async create(input: { name: string; password: string; entities: string[] }): Promise<WebhookUser> {
      if (store.users.get(input.name)) {
        throw new AppError('conflict', `A webhook user named ${input.name} already exists.`, {
          where: [{ path: ['name'] }],
        })
      }
      const { salt, hash } = await hashPassword(input.password)
      await store.writer.write(() => store.users.insert(input.name, salt, hash, input.entities, now()))
      auth.invalidate()
      return toPublic(input.name)
    },
    async update(input: {
      name: string
      password?: string | undefined
      entities?: string[] | undefined
    }): Promise<WebhookUser> {
      toPublic(input.name)
      const hashed = input.password === undefined ? null : await hashPassword(input.password)
      await store.writer.write(() => {
        if (hashed) store.users.setPassword(input.name, hashed.salt, hashed.hash)
        if (input.entities) store.users.setEntities(input.name, input.entities)
      })
      auth.invalidate()
      return toPublic(input.name)
    },
    async delete(name: string): Promise<{ deleted: boolean }> {
      const deleted = await store.writer.write(() => store.users.delete(name))
      auth.invalidate()
      return { deleted }
    },
  }
}
export type UsersService = ReturnType<typeof createUsersService>
