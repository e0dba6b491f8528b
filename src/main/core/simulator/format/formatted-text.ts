import { badRequest } from '../bot-api-error'
import { parseHtml } from './parse-html'
import { parseMarkdown } from './parse-markdown'
import { parseMarkdownV2 } from './parse-markdown-v2'
import { EntityParseError, type Entity, type FormattedText } from './markup'

export type { Entity, FormattedText } from './markup'

export type ParseMode = 'MarkdownV2' | 'HTML' | 'Markdown'

/** The canonical name of a `parse_mode` value (case-insensitive); `''` or absent → none. */
export function parseModeOf(value: string | undefined): ParseMode | null {
  switch ((value ?? '').toLowerCase()) {
    case '':
      return null
    case 'markdownv2':
      return 'MarkdownV2'
    case 'html':
      return 'HTML'
    case 'markdown':
      return 'Markdown'
    default:
      throw badRequest('unsupported parse_mode')
  }
}

const WHITESPACE = /\s/

/** Strips leading and trailing whitespace like Telegram does, moving and clipping entities with the text. */
function trimmed(ft: FormattedText): FormattedText {
  let start = 0
  let end = ft.text.length
  while (start < end && WHITESPACE.test(ft.text[start]!)) start++
  while (end > start && WHITESPACE.test(ft.text[end - 1]!)) end--
  const entities: Entity[] = []
  for (const e of ft.entities) {
    const from = Math.max(e.offset, start)
    const to = Math.min(e.offset + e.length, end)
    if (to > from) entities.push({ ...e, offset: from - start, length: to - from })
  }
  return { text: ft.text.slice(start, end), entities }
}

/** Entities sorted as Telegram returns them: by offset, outer (longer) first. */
export function sortEntities(entities: Entity[]): Entity[] {
  return entities.filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length)
}

/** Parses `text` in `mode` into plain text and entities, or throws the Bot API 400 error. */
export function parseFormatted(text: string, mode: ParseMode | null): FormattedText {
  if (mode === null) return trimmed({ text, entities: [] })
  try {
    const parsed =
      mode === 'MarkdownV2' ? parseMarkdownV2(text) : mode === 'HTML' ? parseHtml(text) : parseMarkdown(text)
    return trimmed({ text: parsed.text, entities: sortEntities(parsed.entities) })
  } catch (err) {
    if (err instanceof EntityParseError) throw badRequest(`can't parse entities: ${err.message}`)
    throw err
  }
}
