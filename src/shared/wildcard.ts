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

/**
 * `matchesWildcard` over plain strings; `ignoreCase` folds both sides to lower case. A pattern with no `?`
 * (the usual `*cpu*`) is matched as literal pieces between the stars with startsWith/indexOf/endsWith,
 * without splitting the text into code points: leftmost placement of each piece is always a match when one
 * exists. It is what rules' LIKE runs for every message (docs/performance.md).
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  return compileWildcard(ignoreCase ? pattern.toLowerCase() : pattern)(
    ignoreCase ? value.toLowerCase() : value,
  )
}

/** The matcher for one (already case-folded) pattern; build it once where the pattern is reused. */
export function compileWildcard(pattern: string): (value: string) => boolean {
  if (pattern.includes('?')) {
    const p = Array.from(pattern)
    return (v) => matchesWildcard(Array.from(v), p)
  }
  const pieces = pattern.split('*')
  if (pieces.length === 1) return (v) => v === pattern
  const first = pieces[0]!
  const last = pieces[pieces.length - 1]!
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '')
  return (v) => {
    if (!v.startsWith(first)) return false
    let at = first.length
    for (const piece of middle) {
      const found = v.indexOf(piece, at)
      if (found < 0) return false
      at = found + piece.length
    }
    return v.length - at >= last.length && v.endsWith(last)
  }
}
