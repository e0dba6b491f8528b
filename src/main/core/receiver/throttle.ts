/**
 * Failed-authentication throttle per remote address: after `limit` failures within `windowMs`, the address
 * is answered 429 (without checking credentials, so guessing learns nothing) until the oldest failure ages out.
 */
export interface Throttle {
  /** Milliseconds until the address may try again, or 0. */
  retryAfterMs(address: string, nowMs: number): number
  recordFailure(address: string, nowMs: number): void
}

export function createThrottle(limit: () => number, windowMs = 60_000, maxAddresses = 10_000): Throttle {
  const failures = new Map<string, number[]>()
  const prune = (list: number[], nowMs: number) => {
    while (list.length > 0 && list[0]! <= nowMs - windowMs) list.shift()
  }
  return {
    retryAfterMs(address, nowMs) {
      const list = failures.get(address)
      if (!list) return 0
      prune(list, nowMs)
      if (list.length === 0) failures.delete(address)
      return list.length >= limit() ? list[0]! + windowMs - nowMs : 0
    },
    recordFailure(address, nowMs) {
      let list = failures.get(address)
      if (!list) {
        if (failures.size >= maxAddresses) failures.delete(failures.keys().next().value!)
        list = []
        failures.set(address, list)
      }
      prune(list, nowMs)
      list.push(nowMs)
      // Keep memory bounded under a flood: only the newest `limit` failures matter.
      if (list.length > limit()) list.splice(0, list.length - limit())
    },
  }
}
