import { hash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import type { StoredUser } from '../store'

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Uint8Array,
  len: number,
  opts: object,
) => Promise<Buffer>
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_LEN = 32

/** A slow salted hash: the only form in which a webhook password is ever stored. */
export async function hashPassword(password: string): Promise<{ salt: Buffer; hash: Buffer }> {
  const salt = randomBytes(16)
  return { salt, hash: await scryptAsync(password, salt, KEY_LEN, SCRYPT) }
}

export interface Authenticator {
  /** The user name when the credentials are right, else null. */
  verify(user: string, password: string): Promise<StoredUser | null>
  /** Forget cached verifications (call whenever users change). */
  invalidate(): void
}

/**
 * scrypt costs ~50 ms: never per request. A successful verification is cached in memory keyed by a SHA-256 of
 * the presented credentials behind a per-process random key (the cache never holds a password, and its keys
 * cannot be brute-forced without that key), and the cache is dropped whenever a user is created, changed or
 * deleted. One-shot crypto.hash: an HMAC object per request cost ~5x more (docs/performance.md).
 */
export function createAuthenticator(
  lookup: (name: string) => StoredUser | null,
  maxCached = 1000,
): Authenticator {
  const key = randomBytes(32).toString('base64')
  const cache = new Map<string, StoredUser>()
  const verifying = new Map<string, Promise<StoredUser | null>>()
  let generation = 0
  const dummySalt = randomBytes(16)
  return {
    async verify(user, password) {
      const digest = hash('sha256', `${key}${user.length}:${user}${password}`, 'base64')
      const hit = cache.get(digest)
      if (hit) return hit
      // A client opening 20 connections at once sends the same credentials 20 times before the first
      // verification is done: they share it instead of queueing 20 scrypts on libuv's 4 threads.
      let running = verifying.get(digest)
      if (!running) {
        running = check(user, password, digest).finally(() => verifying.delete(digest))
        verifying.set(digest, running)
      }
      return running
    },
    invalidate: () => {
      generation++
      cache.clear()
      verifying.clear()
    },
  }

  async function check(user: string, password: string, digest: string): Promise<StoredUser | null> {
    const before = generation
    const stored = lookup(user)
    // Unknown users cost the same scrypt as known ones: timing does not reveal which names exist.
    const computed = await scryptAsync(password, stored?.salt ?? dummySalt, KEY_LEN, SCRYPT)
    if (!stored || stored.hash.length !== computed.length || !timingSafeEqual(stored.hash, computed))
      return null
    // Users changed while scrypt ran: answer this request, but do not remember what may be stale now.
    if (generation !== before) return stored
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value!)
    cache.set(digest, stored)
    return stored
  }
}
