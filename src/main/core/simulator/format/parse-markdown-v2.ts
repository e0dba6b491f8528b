import { byteOffset, EntityParseError, type Entity, type FormattedText } from './markup'

/** Characters that must be escaped with `\` outside entities (TELEGRAM.md §6 "Escaping"). */
const RESERVED = '_*[]()~`>#+-=|{}.!'

interface Open {
  type: string
  /** Offset of the entity in the output text. */
  start: number
  /** Index of the opening marker in the source, for the "can't find end" error. */
  source: number
  language?: string
}

const reserved = (c: string) =>
  new EntityParseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`)

/** The single marker that closes `type`, when `src` at `i` holds it. */
// TDLib's MessageEntity::Type names, as MarkdownV2's unclosed-entity error spells them (TELEGRAM-FACTS.md §5).
const TYPE_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  code: 'Code',
  pre: 'Pre',
  text_link: 'TextUrl',
  custom_emoji: 'CustomEmoji',
}

function closes(type: string, src: string, i: number): number {
  const c = src[i]
  switch (type) {
    case 'bold':
      return c === '*' ? 1 : 0
    case 'italic':
      return c === '_' && src[i + 1] !== '_' ? 1 : 0
    case 'underline':
      return src.startsWith('__', i) ? 2 : 0
    case 'strikethrough':
      return c === '~' ? 1 : 0
    case 'spoiler':
      return src.startsWith('||', i) ? 2 : 0
    default:
      return 0
  }
}

/** The entity a marker at `i` opens, with the marker's length. */
function opens(src: string, i: number): { type: string; length: number } | null {
  const c = src[i]
  if (c === '*') return { type: 'bold', length: 1 }
  if (c === '_') return src[i + 1] === '_' ? { type: 'underline', length: 2 } : { type: 'italic', length: 1 }
  if (c === '~') return { type: 'strikethrough', length: 1 }
  if (c === '|' && src[i + 1] === '|') return { type: 'spoiler', length: 2 }
  if (c === '[') return { type: 'text_link', length: 1 }
  if (c === '!' && src[i + 1] === '[') return { type: 'custom_emoji', length: 2 }
  return null
}

/** Reads `(url)` after a link's `]`; returns the url and the index after `)`. */
function readUrl(src: string, i: number): { url: string; next: number } | null {
  if (src[i] !== '(') return null
  let url = ''
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j]!
    if (c === '\\' && j + 1 < src.length) {
      url += src[++j]
    } else if (c === ')') {
      return { url, next: j + 1 }
    } else {
      url += c
    }
  }
  throw new EntityParseError(`Can't find end of a URL at byte offset ${byteOffset(src, i + 1)}`)
}

/** Telegram's MarkdownV2 (TDLib parse_markdown_v2), enough for the simulator's sendMessage checks. */
export function parseMarkdownV2(src: string): FormattedText {
  let out = ''
  const entities: Entity[] = []
  const stack: Open[] = []
  let quote: number | null = null
  let i = 0
  const close = (open: Open, extra: Partial<Entity> = {}) => {
    entities.push({ type: open.type, offset: open.start, length: out.length - open.start, ...extra })
  }
  while (i < src.length) {
    const c = src[i]!
    const code = c.charCodeAt(0)
    const top = stack.at(-1)
    if (c === '\\' && i + 1 < src.length && src.charCodeAt(i + 1) > 0 && src.charCodeAt(i + 1) < 127) {
      out += src[i + 1]
      i += 2
      continue
    }
    if (top?.type === 'pre' || top?.type === 'code') {
      const marker = top.type === 'pre' ? '```' : '`'
      if (src.startsWith(marker, i)) {
        stack.pop()
        close(top, top.language ? { language: top.language } : {})
        i += marker.length
      } else {
        out += c
        i++
      }
      continue
    }
    const lineStart = i === 0 || src[i - 1] === '\n'
    if (lineStart && c === '>') {
      quote ??= out.length
      i++
      continue
    }
    if (c === '\n' && quote !== null && src[i + 1] !== '>') {
      entities.push({ type: 'blockquote', offset: quote, length: out.length - quote })
      quote = null
    }
    if (code > 126 || !RESERVED.includes(c)) {
      out += c
      i++
      continue
    }
    const ends = top ? closes(top.type, src, i) : 0
    if (ends > 0 && top) {
      stack.pop()
      close(top)
      i += ends
      continue
    }
    if (c === ']') {
      if (top?.type !== 'text_link' && top?.type !== 'custom_emoji') throw reserved(c)
      stack.pop()
      const link = readUrl(src, i + 1)
      i = link ? link.next : i + 1
      if (top.type === 'custom_emoji') {
        const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(link?.url ?? '')?.[1]
        if (!id) throw new EntityParseError('Custom emoji entity must contain a tg://emoji URL')
        close(top, { custom_emoji_id: id })
      } else if (link?.url) {
        close(top, { url: link.url })
      }
      continue
    }
    if (src.startsWith('```', i)) {
      const newline = src.indexOf('\n', i + 3)
      const header = newline < 0 ? '' : src.slice(i + 3, newline)
      const language = /^[^\s`]+$/.test(header) ? header : undefined
      stack.push({ type: 'pre', start: out.length, source: i, ...(language && { language }) })
      i = language ? newline + 1 : i + 3
      continue
    }
    if (c === '`') {
      stack.push({ type: 'code', start: out.length, source: i })
      i++
      continue
    }
    const next = opens(src, i)
    if (!next) throw reserved(c)
    stack.push({ type: next.type, start: out.length, source: i })
    i += next.length
  }
  const unclosed = stack.at(-1)
  if (unclosed) {
    const name = unclosed.type === 'pre' && unclosed.language ? 'PreCode' : TYPE_NAMES[unclosed.type]
    throw new EntityParseError(
      `Can't find end of ${name ?? unclosed.type} entity at byte offset ${byteOffset(src, unclosed.source)}`,
    )
  }
  if (quote !== null) entities.push({ type: 'blockquote', offset: quote, length: out.length - quote })
  return { text: out, entities }
}
