import { useLayoutEffect, useRef } from 'react'
import { excerptAround } from '../lib/text-excerpt'

export interface CodeExcerptProps {
  text: string
  /** 1-based. */
  line: number
  /** 1-based; the character is marked and a caret points at it. */
  column?: number
}

/** A few numbered lines around an error position, the error line and column highlighted. */
export function CodeExcerpt({ text, line, column }: CodeExcerptProps) {
  const lines = excerptAround(text, line)
  return (
    <pre
      className="code-excerpt"
      aria-label={`Body around line ${line}${column ? `, column ${column}` : ''}`}
    >
      {lines.map((entry) => (
        <div
          key={entry.number}
          className={entry.isTarget ? 'code-excerpt__line is-target' : 'code-excerpt__line'}
        >
          <span className="code-excerpt__number" aria-hidden="true">
            {entry.number}
          </span>
          {entry.isTarget && column ? (
            <MarkedLine text={entry.text} column={column} />
          ) : (
            <span>{entry.text}</span>
          )}
        </div>
      ))}
    </pre>
  )
}

/** The error line; a long line scrolls sideways so the marked column starts in view (mid-excerpt). */
function MarkedLine({ text, column }: { text: string; column: number }) {
  const at = Math.min(Math.max(column - 1, 0), text.length)
  const markRef = useRef<HTMLElement>(null)
  useLayoutEffect(() => {
    const mark = markRef.current
    const excerpt = mark?.closest('pre')
    if (!mark || !excerpt) return
    excerpt.scrollLeft = Math.max(0, mark.offsetLeft - excerpt.clientWidth / 2)
  }, [text, at])
  return (
    <span>
      {text.slice(0, at)}
      <mark ref={markRef} className="code-excerpt__mark">
        {text.slice(at, at + 1) || ' '}
      </mark>
      {text.slice(at + 1)}
    </span>
  )
}
