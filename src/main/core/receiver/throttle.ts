/**
 * Failed-authentication throttle per remote address: after `limit` failures within `windowMs`, the address
 * is answered 429 (without checking credentials, so guessing learns nothing) until the oldest failure ages out.
 *
 * An attempt counts when it starts, not when its scrypt is done (issue 18 item 5): 300 guesses sent at once
 * used to be checked in full (~61/s) before the first failure was recorded. Now each distinct set of
 * credentials in flight holds a place among the `limit`; past it, an attempt is refused at once, without
 * running scrypt. Identical credentials in flight share one place (and one verification, credentials.ts):
 * Telegram opening 40 connections with the right password is one attempt, not 40.
 */
export interface Attempt {
  /** Milliseconds until the address may try again: the attempt was refused and nothing may be checked. */
  readonly retryAfterMs: number
  /** The verification's outcome; a failure counts once per credentials, whoever shared them. */
  end(ok: boolean, nowMs: number): void
}

export interface Throttle {
  /** Milliseconds until the address may try again, or 0. */
  retryAfterMs(address: string, nowMs: number): number
  /** A failure known without a verification (no or malformed credentials). */
  recordFailure(address: string, nowMs: number): void
  /** Counts an attempt with these credentials (`key`: a digest of them) as it starts. */
  begin(address: string, key: string, nowMs: number): Attempt
}

interface AddressState {
  failures: number[]
  /** Credentials being verified: how many requests share each, and whether it failed. */
  inFlight: Map<string, { refs: number; failed: boolean }>
}

/** When only verifications in flight fill the limit, they end within scrypt's ~50 ms: try again in 1 s. */
const IN_FLIGHT_RETRY_MS = 1000

export function createThrottle(limit: () => number, windowMs = 60_000, maxAddresses = 10_000): Throttle {
  const addresses = new Map<string, AddressState>()
  const prune = (list: number[], nowMs: number) => {
    while (list.length > 0 && list[0]! <= nowMs - windowMs) list.shift()
  }
  const stateOf = (address: string): AddressState => {
    let state = addresses.get(address)
    if (!state) {
      if (addresses.size >= maxAddresses) {
        // Forget the oldest address that has nothing in flight (one in flight will end and look itself up).
        for (const [key, s] of addresses)
          if (s.inFlight.size === 0) {
            addresses.delete(key)
            break
          }
      }
      state = { failures: [], inFlight: new Map() }
      addresses.set(address, state)
    }
    return state
  }
  const fail = (state: AddressState, nowMs: number) => {
    prune(state.failures, nowMs)
    state.failures.push(nowMs)
    // Keep memory bounded under a flood: only the newest `limit` failures matter.
    if (state.failures.length > limit()) state.failures.splice(0, state.failures.length - limit())
  }
  const wait = (state: AddressState, nowMs: number): number => {
    prune(state.failures, nowMs)
    if (state.failures.length >= limit()) return state.failures[0]! + windowMs - nowMs
    return state.failures.length + state.inFlight.size >= limit() ? IN_FLIGHT_RETRY_MS : 0
  }
  const tidy = (address: string, state: AddressState) => {
    if (state.failures.length === 0 && state.inFlight.size === 0) addresses.delete(address)
  }
  const refused = (retryAfterMs: number): Attempt => ({ retryAfterMs, end: () => undefined })

  return {
    retryAfterMs(address, nowMs) {
      const state = addresses.get(address)
      if (!state) return 0
      prune(state.failures, nowMs)
      if (state.failures.length >= limit()) return state.failures[0]! + windowMs - nowMs
      tidy(address, state)
      return 0
    },
    recordFailure(address, nowMs) {
      fail(stateOf(address), nowMs)
    },
    begin(address, key, nowMs) {
      const state = stateOf(address)
      const shared = state.inFlight.get(key)
      if (!shared) {
        const ms = wait(state, nowMs)
        if (ms > 0) return refused(ms)
      }
      const entry = shared ?? { refs: 0, failed: false }
      entry.refs++
      state.inFlight.set(key, entry)
      let ended = false
      return {
        retryAfterMs: 0,
        end(ok, endMs) {
          if (ended) return
          ended = true
          if (!ok) entry.failed = true
          if (--entry.refs > 0) return
          const current = addresses.get(address) ?? state
          current.inFlight.delete(key)
          if (entry.failed) fail(current, endMs)
          else tidy(address, current)
        },
      }
    },
  }
}
