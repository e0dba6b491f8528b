/** A MessageEntity (TELEGRAM.md §5): offsets and lengths in UTF-16 code units, i.e. JS string indices. */
export interface Entity {
  type: string
  offset: number
  length: number
  url?: string
  language?: string
  custom_emoji_id?: string
}

export interface FormattedText {
  text: string
  entities: Entity[]
}

/** A markup error; the caller answers `Bad Request: can't parse entities: <message>`. */
export class EntityParseError extends Error {}

/** UTF-8 byte offset of `index` in `text`: the unit Telegram's parse errors count in. */
export const byteOffset = (text: string, index: number): number =>
  Buffer.byteLength(text.slice(0, index), 'utf8')
