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
  const p = ignoreCase ? pattern.toLowerCase() : pattern
  const v = ignoreCase ? value.toLowerCase() : value
  if (p.includes('?')) return matchesWildcard(Array.from(v), Array.from(p))
  const pieces = p.split('*')
  const first = pieces[0]!
  if (pieces.length === 1) return v === p
  const last = pieces[pieces.length - 1]!
  if (!v.startsWith(first)) return false
  let at = first.length
  for (let i = 1; i < pieces.length - 1; i += 1) {
    const piece = pieces[i]!
    if (piece === '') continue
    const found = v.indexOf(piece, at)
    if (found < 0) return false
    at = found + piece.length
  }
  return v.length - at >= last.length && v.endsWith(last)
}
