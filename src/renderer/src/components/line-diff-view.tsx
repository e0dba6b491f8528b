import type { DiffLine } from '../lib/line-diff'

export interface LineDiffViewProps {
  lines: readonly DiffLine[]
}

/** Expected vs actual as `-`/`+` lines (expected removed, actual added). */
export function LineDiffView({ lines }: LineDiffViewProps) {
  return (
    <pre className="line-diff" aria-label="Expected (−) vs actual (+)">
      {lines.map((line, index) => (
        <span key={index} className={`line-diff__line line-diff__line--${line.op}`}>
          {line.op === 'removed' ? '− ' : line.op === 'added' ? '+ ' : '  '}
          {line.text || ' '}
          {'\n'}
        </span>
      ))}
    </pre>
  )
}
