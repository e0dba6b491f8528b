import type { FormatPreview } from '@shared/simulator'
import { describeEntity } from '../lib/entity-segments'
import { CodeExcerpt } from './code-excerpt'
import { EntityText } from './entity-text'

export interface FormatErrorViewProps {
  text: string
  description: string
  where: { line: number; column: number; byteOffset: number } | null
}

/** Telegram's refusal word for word, and the text around the byte offset it names, marked. */
export function FormatErrorView({ text, description, where }: FormatErrorViewProps) {
  return (
    <div className="format-error" role="group" aria-label="Parse error">
      <p className="text-error wrap">{description}</p>
      {where ? (
        <CodeExcerpt text={text} line={where.line} column={where.column} />
      ) : (
        <pre className="code-excerpt wrap">{text}</pre>
      )}
    </div>
  )
}

export interface FormatPreviewViewProps {
  preview: FormatPreview
}

/** What Telegram makes of a text: drawn from its entities with the entity list, or the parse error. */
export function FormatPreviewView({ preview }: FormatPreviewViewProps) {
  if (preview.text === null || preview.entities === null) {
    return <FormatErrorView text={preview.source} description={preview.error ?? ''} where={preview.where} />
  }
  return (
    <div className="format-preview" role="group" aria-label="Rendered as Telegram shows it">
      <div className="bubble bubble--bot format-preview__bubble">
        <div className="bubble__text">
          <EntityText text={preview.text} entities={preview.entities} />
        </div>
      </div>
      <p className={preview.error ? 'text-error' : 'muted'}>
        {preview.error ? `${preview.error} · ` : ''}
        {preview.length} / {preview.limit} characters
      </p>
      {preview.entities.length > 0 && (
        <ul className="format-preview__entities" aria-label="Entities">
          {preview.entities.map((entity, i) => (
            <li key={i}>
              <code>{describeEntity(entity)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
