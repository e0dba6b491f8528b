import { useMemo, type ReactNode } from 'react'
import type { MessageEntity } from '@shared/simulator'
import { entityHref, entitySegments } from '../lib/entity-segments'

export interface EntityTextProps {
  /** The text as the user reads it (markup parsed out). */
  text: string
  entities: readonly MessageEntity[]
}

/** A message drawn from its Bot API entities, as a Telegram client draws them; text is always text. */
export function EntityText({ text, entities }: EntityTextProps) {
  const segments = useMemo(() => entitySegments(text, entities), [text, entities])
  return (
    <span className="tg-text">
      {segments.map((segment, i) => {
        let node: ReactNode = segment.text
        // Innermost first, so the outermost entity ends up as the outer element.
        for (const entity of [...segment.entities].reverse()) node = wrap(node, entity, segment.text)
        return <span key={i}>{node}</span>
      })}
    </span>
  )
}

function wrap(node: ReactNode, entity: MessageEntity, text: string): ReactNode {
  switch (entity.type) {
    case 'bold':
      return <strong>{node}</strong>
    case 'italic':
      return <em>{node}</em>
    case 'underline':
      return <u>{node}</u>
    case 'strikethrough':
      return <s>{node}</s>
    case 'spoiler':
      return <span className="tg-text__spoiler">{node}</span>
    case 'code':
      return <code className="tg-text__code">{node}</code>
    case 'pre':
      return (
        <pre className="tg-text__pre" data-language={entity.language}>
          {node}
        </pre>
      )
    case 'blockquote':
    case 'expandable_blockquote':
      return <span className="tg-text__quote">{node}</span>
    case 'custom_emoji':
      return (
        <span className="tg-text__emoji" title={`Custom emoji ${entity.custom_emoji_id ?? ''}`}>
          {node}
        </span>
      )
    case 'text_mention':
      return <span className="tg-text__mention">{node}</span>
    case 'mention':
    case 'hashtag':
    case 'cashtag':
    case 'bot_command':
      return <span className="tg-text__mention">{node}</span>
    default: {
      const href = entityHref(entity, text)
      return href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {node}
        </a>
      ) : (
        node
      )
    }
  }
}
