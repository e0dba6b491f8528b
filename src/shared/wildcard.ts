/**
 * Whole-string wildcard match: `*` is any run of characters (including none and '.'), `?` exactly one
 * character (code point). Greedy with one backtrack point, so O(text × pattern) at worst: a regex built from
 * user patterns could backtrack exponentially. Inputs are arrays of code points.
 */
export function matchesWildcard(text: readonly string[], pattern: readonly string[]): boolean {
  let t = 0
  let p = 0
  let starP = -1
  let starT = 0
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      t += 1
      p += 1
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p
      starT = t
      p += 1
    } else if (starP !== -1) {
      p = starP + 1
      starT += 1
      t = starT
    } else return false
  }
  while (p < pattern.length && pattern[p] === '*') p += 1
  return p === pattern.length
}

/** `matchesWildcard` over plain strings; `ignoreCase` folds both sides to lower case. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const fold = (s: string) => Array.from(ignoreCase ? s.toLowerCase() : s)
  return matchesWildcard(fold(value), fold(pattern))
}
