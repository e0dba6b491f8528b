export interface ExcerptLine {
  number: number
  text: string
  isTarget: boolean
}

/** The lines around a 1-based `line` of `text`, for showing where a body failed to parse. */
export function excerptAround(text: string, line: number, context = 2): ExcerptLine[] {
  const lines = text.split(/\r?\n/)
  const first = Math.max(1, line - context)
  const last = Math.min(lines.length, line + context)
  const excerpt: ExcerptLine[] = []
  for (let n = first; n <= last; n += 1) {
    excerpt.push({ number: n, text: lines[n - 1] ?? '', isTarget: n === line })
  }
  return excerpt
}
