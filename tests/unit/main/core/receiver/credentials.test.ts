import { describe, expect, it } from 'vitest'
import { createAuthenticator, hashPassword } from '../../../../../src/main/core/receiver/credentials'
import type { StoredUser } from '../../../../../src/main/core/store'

async function user(name: string, password: string): Promise<StoredUser> {
  const { salt, hash } = await hashPassword(password)
  return { name, salt, hash, entities: ['*'], createdAt: new Date(0).toISOString() } as unknown as StoredUser
}

describe('webhook credentials', () => {
  it('verifies the same credentials arriving at once with one scrypt, then from the cache', async () => {
    const telegram = await user('telegram', 'pw-1')
    let lookups = 0
    const auth = createAuthenticator((name) => {
      lookups++
      return name === 'telegram' ? telegram : null
    })
    const answers = await Promise.all(Array.from({ length: 20 }, () => auth.verify('telegram', 'pw-1')))
    expect(answers.every((a) => a === telegram)).toBe(true)
    expect(lookups).toBe(1)
    expect(await auth.verify('telegram', 'pw-1')).toBe(telegram)
    expect(lookups).toBe(1)
    expect(await auth.verify('telegram', 'wrong')).toBeNull()
    expect(lookups).toBe(2)
  })

  it('does not remember a verification that was running when users changed', async () => {
    let current: StoredUser | null = await user('telegram', 'pw-1')
    let lookups = 0
    const auth = createAuthenticator(() => {
      lookups++
      return current
    })
    const running = auth.verify('telegram', 'pw-1')
    current = null // the user is deleted while scrypt runs
    auth.invalidate()
    expect(await running).not.toBeNull() // answered as checked
    expect(await auth.verify('telegram', 'pw-1')).toBeNull() // but not remembered
    expect(lookups).toBe(2)
  })
})
