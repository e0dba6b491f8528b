/**
 * Wildcard match for LIKE and likeAny: `*` is any run of characters, `?` exactly one (code point); the
 * whole text must match, case-insensitively. Greedy with one backtrack point: O(text × pattern), no regex.
 */
export function globMatch(text: string, pattern: string): boolean {
  const t = Array.from(text.toLowerCase())
  const p = Array.from(pattern.toLowerCase())
  let ti = 0
  let pi = 0
  let star = -1
  let mark = 0
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === t[ti]))) {
      ti++
      pi++
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++
      mark = ti
    } else if (star !== -1) {
      pi = star + 1
      ti = ++mark
    } else {
      return false
    }
  }
  while (pi < p.length && p[pi] === '*') pi++
  return pi === p.length
}
