import type { FormatErrorWhere, FormatPreview } from '@shared/simulator'
import { BotApiError } from '../bot-api-error'
import { parseFormatted, parseModeOf } from './formatted-text'

/** Telegram's limits after parsing (TELEGRAM.md §5): a message text, a media caption. */
export const TEXT_LIMIT = 4096
export const CAPTION_LIMIT = 1024

/**
 * The place a parse error names (`… at byte offset N`): the UTF-8 byte offset turned into a UTF-16 index
 * and a 1-based line and column of `text`, so the UI can mark it. Null when the error names no offset.
 */
export function errorWhere(text: string, description: string): FormatErrorWhere | null {
  const m = /at byte offset (\d+)/.exec(description)
  if (!m) return null
  const byteOffset = Number(m[1])
  let bytes = 0
  let index = 0
  while (index < text.length && bytes < byteOffset) {
    const code = text.codePointAt(index)!
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    index += code > 0xffff ? 2 : 1
  }
  const before = text.slice(0, index)
  const line = before.split('\n').length
  return { byteOffset, index, line, column: index - (before.lastIndexOf('\n') + 1) + 1 }
}

/**
 * What Telegram would make of `source` sent with `parseMode` (the formatting lab, issue 14.4): the text and
 * entities, or its refusal word for word with the offset it names; the 4096/1024 limit checked as
 * sendMessage and captions check it.
 */
export function previewFormat(
  source: string,
  parseMode: string,
  kind: 'text' | 'caption',
): Omit<FormatPreview, 'sampleMessageId'> {
  const limit = kind === 'caption' ? CAPTION_LIMIT : TEXT_LIMIT
  try {
    const parsed = parseFormatted(source, parseModeOf(parseMode === 'none' ? '' : parseMode))
    const length = parsed.text.length
    const error =
      length > limit
        ? `Bad Request: message ${kind === 'caption' ? 'caption ' : ''}is too long`
        : length === 0 && kind === 'text'
          ? 'Bad Request: message text is empty'
          : null
    return {
      source,
      parseMode,
      text: parsed.text,
      entities: parsed.entities,
      length,
      limit,
      error,
      where: null,
    }
  } catch (err) {
    if (!(err instanceof BotApiError)) throw err
    const where = errorWhere(source, err.description)
    return { source, parseMode, text: null, entities: null, length: 0, limit, error: err.description, where }
  }
}
