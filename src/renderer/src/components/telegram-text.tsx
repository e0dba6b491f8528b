import { useMemo, type ReactNode } from 'react'
import { parseTelegramText, type TextSpan } from '../lib/telegram-text'

export interface TelegramTextProps {
  text: string
  /** Markdown, MarkdownV2, HTML, or null for plain text. */
  parseMode: string | null
}

/** A message as Telegram shows it: styles as elements, text always as text (never parsed as HTML). */
export function TelegramText({ text, parseMode }: TelegramTextProps) {
  const spans = useMemo(() => parseTelegramText(text, parseMode), [text, parseMode])
  return (
    <span className="tg-text">
      {spans.map((span, index) => (
        <SpanView key={index} span={span} />
      ))}
    </span>
  )
}

function SpanView({ span }: { span: TextSpan }) {
  let node: ReactNode = span.text
  if (span.pre) node = <pre className="tg-text__pre">{node}</pre>
  else if (span.code) node = <code className="tg-text__code">{node}</code>
  if (span.bold) node = <strong>{node}</strong>
  if (span.italic) node = <em>{node}</em>
  if (span.underline) node = <u>{node}</u>
  if (span.strike) node = <s>{node}</s>
  if (span.spoiler) node = <span className="tg-text__spoiler">{node}</span>
  if (span.href)
    node = (
      <a href={span.href} target="_blank" rel="noreferrer noopener">
        {node}
      </a>
    )
  if (span.quote) node = <span className="tg-text__quote">{node}</span>
  return node
}
