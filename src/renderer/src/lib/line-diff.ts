// Expected vs actual as lines: what a failed step shows (a longest-common-subsequence diff, small inputs).

export interface DiffLine {
  /** `same` in both, `removed` only in expected, `added` only in actual. */
  op: 'same' | 'removed' | 'added'
  text: string
}

/** Lines of `expected` and `actual` in order, each marked same, removed (-) or added (+). */
export function diffLines(expected: string, actual: string): DiffLine[] {
  const a = expected.split('\n')
  const b = actual.split('\n')
  // Inputs are a step's texts (a few lines): the O(n·m) table is fine; beyond a bound, show both whole.
  if (a.length * b.length > 250_000) {
    return [
      ...a.map((text) => ({ op: 'removed' as const, text })),
      ...b.map((text) => ({ op: 'added' as const, text })),
    ]
  }
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! })
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'removed', text: a[i++]! })
    } else {
      out.push({ op: 'added', text: b[j++]! })
    }
  }
  while (i < a.length) out.push({ op: 'removed', text: a[i++]! })
  while (j < b.length) out.push({ op: 'added', text: b[j++]! })
  return out
}
