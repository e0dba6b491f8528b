import { create } from 'zustand'
import { api, type Input } from '@shared/api'
import type { WebhookUser } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { client } from '../api/client'
import { fromZodError, toErrorShape } from '../lib/app-error'

type UserAction = 'create' | 'reset' | 'delete'

export interface UsersState {
  users: WebhookUser[]
  loading: boolean
  error: AppErrorShape | null
  /** The action in progress, for disabling its button. */
  busy: { action: UserAction; name: string } | null
  /** The last failed action and its error; `where` points at the form field. */
  actionError: { action: UserAction; name: string; error: AppErrorShape } | null
  load(): Promise<void>
  create(input: Input<'createUser'>): Promise<boolean>
  resetPassword(name: string, password: string): Promise<boolean>
  remove(name: string): Promise<boolean>
  dismissError(): void
}

export const initialUsersState = {
  users: [],
  loading: false,
  error: null,
  busy: null,
  actionError: null,
} satisfies Partial<UsersState>

export const useUsersStore = create<UsersState>()((set, get) => {
  // Each action checks its input with the contract's schema first, so field errors show without a round trip.
  const run = async <M extends 'createUser' | 'updateUser' | 'deleteUser'>(
    action: UserAction,
    method: M,
    input: Input<M>,
  ): Promise<boolean> => {
    const name = input.name
    const checked = api[method].input.safeParse(input)
    if (!checked.success) {
      set({ actionError: { action, name, error: fromZodError(checked.error) } })
      return false
    }
    set({ busy: { action, name }, actionError: null })
    try {
      await client().call(method, input)
      set({ busy: null })
      await get().load()
      return true
    } catch (error) {
      set({ busy: null, actionError: { action, name, error: toErrorShape(error) } })
      return false
    }
  }

  return {
    ...initialUsersState,

    async load() {
      set({ loading: true, error: null })
      try {
        const { items } = await client().call('listUsers', {})
        set({ users: items, loading: false })
      } catch (error) {
        set({ loading: false, error: toErrorShape(error) })
      }
    },

    create: (input) => run('create', 'createUser', input),
    resetPassword: (name, password) => run('reset', 'updateUser', { name, password }),
    remove: (name) => run('delete', 'deleteUser', { name }),

    dismissError() {
      set({ actionError: null })
    },
  }
})
