import { compileWildcard } from '@shared/wildcard'

/**
 * Wildcard match for LIKE and likeAny: `*` is any run of characters, `?` exactly one (code point); the
 * whole text must match, case-insensitively. No regex: O(text × pattern) at worst.
 */
export function globMatch(text: string, pattern: string): boolean {
  const match = remembered(matchers, 4096, pattern, (p) => compileWildcard(p.toLowerCase()))
  return match(remembered(lowered, 16, text, (t) => t.toLowerCase()))
}

/**
 * Every rule's LIKE over one message lower-cases the same ~1 KB text, 100 times per message with 100 rules,
 * and each rule matches its same pattern every time (docs/performance.md): both are remembered, the last few
 * texts and a bounded set of patterns.
 */
const lowered = new Map<string, string>()
const matchers = new Map<string, (value: string) => boolean>()

function remembered<T>(cache: Map<string, T>, limit: number, key: string, make: (key: string) => T): T {
  let value = cache.get(key)
  if (value === undefined) {
    value = make(key)
    if (cache.size >= limit) cache.delete(cache.keys().next().value!)
    cache.set(key, value)
  }
  return value
}
