import type { Entity } from './markup'

// What a Telegram client marks in plain user text: /commands (also /cmd@bot), @mentions, #hashtags, URLs.
const PATTERN =
  /(?<=^|[\s(])(?:(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)|(@[A-Za-z0-9_]{5,32})|(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)|(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'\]]))(?=$|[\s.,;:!?)'\]])/gu

const TYPES = ['bot_command', 'mention', 'hashtag', 'url'] as const

/** The entities Telegram adds to a user's text message (offsets in UTF-16 units). */
export function detectEntities(text: string): Entity[] {
  const entities: Entity[] = []
  for (const m of text.matchAll(PATTERN)) {
    const group = m.slice(1).findIndex((g) => g !== undefined)
    if (group < 0) continue
    entities.push({ type: TYPES[group]!, offset: m.index, length: m[0].length })
  }
  return entities
}
