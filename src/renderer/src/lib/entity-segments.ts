import type { MessageEntity } from '@shared/simulator'

/** A run of text covered by the same entities (outermost first). */
export interface EntitySegment {
  text: string
  entities: MessageEntity[]
}

/**
 * Splits `text` at every entity boundary (offsets in UTF-16 units, as the Bot API counts them), so each
 * segment can be drawn with the styles of the entities covering it, as a Telegram client draws them.
 */
export function entitySegments(text: string, entities: readonly MessageEntity[]): EntitySegment[] {
  const cuts = new Set([0, text.length])
  for (const e of entities) {
    cuts.add(Math.min(Math.max(e.offset, 0), text.length))
    cuts.add(Math.min(Math.max(e.offset + e.length, 0), text.length))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: EntitySegment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!
    const to = points[i + 1]!
    const covering = entities
      .filter((e) => e.offset <= from && e.offset + e.length >= to)
      .sort((a, b) => b.length - a.length)
    segments.push({ text: text.slice(from, to), entities: covering })
  }
  return segments
}

/** The link an entity opens, only for schemes a client opens (http(s), tg, mailto); else none. */
export function entityHref(entity: MessageEntity, text: string): string | undefined {
  const url =
    entity.type === 'text_link'
      ? entity.url
      : entity.type === 'url'
        ? text
        : entity.type === 'email'
          ? `mailto:${text}`
          : undefined
  return url && /^(https?:|tg:|mailto:)/i.test(url) ? url : undefined
}

/** One line describing an entity, for the formatting lab's entity list. */
export function describeEntity(entity: MessageEntity): string {
  const extra = entity.url ?? entity.language ?? entity.custom_emoji_id
  return `${entity.type} @${entity.offset}+${entity.length}${extra ? ` ${extra}` : ''}`
}
