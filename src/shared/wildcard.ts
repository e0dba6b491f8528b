/** A pattern token: a code point, or one of the two wildcards. */
const ANY_ONE = -1
const ANY_RUN = -2

type Tokens = readonly number[]

const tokensOf = (pattern: readonly string[]): number[] =>
  pattern.map((c) => (c === '?' ? ANY_ONE : c === '*' ? ANY_RUN : c.codePointAt(0)!))

/** The code points of a text, in a typed array (a 1 MB text is 4 MB here, once, not a million strings). */
function codePointsOf(text: string): Uint32Array {
  const out = new Uint32Array(text.length)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!
    out[n++] = c
    if (c > 0xffff) i++
  }
  return out.subarray(0, n)
}

/** Does `piece` (no `*`) match `text` at `at`? */
function matchesAt(text: ArrayLike<number>, at: number, piece: Tokens): boolean {
  for (let k = 0; k < piece.length; k++) {
    const p = piece[k]!
    if (p !== ANY_ONE && p !== text[at + k]) return false
  }
  return true
}

/**
 * Leftmost end (exclusive) of `piece` in `text[from, to)`, or -1: bit-parallel Shift-And, one pass over
 * the text whatever the piece holds (`?` is a position every character matches), so O(text × piece / 32)
 * and never a backtrack.
 */
function findPiece(text: ArrayLike<number>, from: number, to: number, piece: Tokens): number {
  const length = piece.length
  const words = Math.ceil(length / 32)
  const any = new Uint32Array(words)
  piece.forEach((p, k) => {
    if (p === ANY_ONE) any[k >> 5]! |= 1 << (k & 31)
  })
  const masks = new Map<number, Uint32Array>()
  piece.forEach((p, k) => {
    if (p === ANY_ONE) return
    let mask = masks.get(p)
    if (!mask) masks.set(p, (mask = Uint32Array.from(any)))
    mask[k >> 5]! |= 1 << (k & 31)
  })
  const state = new Uint32Array(words)
  const lastWord = (length - 1) >> 5
  const lastBit = 1 << ((length - 1) & 31)
  for (let i = from; i < to; i++) {
    const mask = masks.get(text[i]!) ?? any
    let carry = 1
    for (let w = 0; w < words; w++) {
      const s = state[w]!
      state[w] = ((s << 1) | carry) & mask[w]!
      carry = s >>> 31
    }
    if (state[lastWord]! & lastBit) return i + 1
  }
  return -1
}

/**
 * Whole-text match of code points against pattern tokens. The pieces between stars are placed leftmost
 * in order (always a match when one exists): the first at the start, the last at the end, each middle one
 * by one linear scan. So `*a…ab?` over a megabyte costs the length of the pattern, not text × pattern.
 */
function matchTokens(text: ArrayLike<number> & { length: number }, tokens: Tokens): boolean {
  const pieces: number[][] = [[]]
  for (const t of tokens) {
    if (t === ANY_RUN) pieces.push([])
    else pieces[pieces.length - 1]!.push(t)
  }
  const n = text.length
  if (pieces.length === 1) return n === tokens.length && matchesAt(text, 0, tokens)
  const first = pieces[0]!
  const last = pieces[pieces.length - 1]!
  if (first.length + last.length > n) return false
  if (!matchesAt(text, 0, first) || !matchesAt(text, n - last.length, last)) return false
  let at = first.length
  const end = n - last.length
  for (const piece of pieces.slice(1, -1)) {
    if (piece.length === 0) continue
    const found = findPiece(text, at, end, piece)
    if (found < 0) return false
    at = found
  }
  return true
}

/**
 * Whole-string wildcard match: `*` is any run of characters (including none and '.'), `?` exactly one
 * character (code point). Linear in the text, `?` or not: no backtracking (docs/reliability.md, issue 18.8).
 * Inputs are arrays of code points.
 */
export function matchesWildcard(text: readonly string[], pattern: readonly string[]): boolean {
  return matchTokens(tokensOf(text), tokensOf(pattern))
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
    const tokens = tokensOf(Array.from(pattern))
    return (v) => matchTokens(codePointsOf(v), tokens)
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
