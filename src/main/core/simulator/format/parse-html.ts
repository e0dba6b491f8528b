import { byteOffset, EntityParseError, type Entity, type FormattedText } from './markup'

/** Tags Telegram accepts (TELEGRAM.md §6 "HTML") and the entity each makes. */
const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
  'tg-time': 'date_time',
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }

interface Open {
  tag: string
  start: number
  attrs: Map<string, string>
}

/** Decodes `&lt; &gt; &amp; &quot;` and numeric entities at `i`; other `&` stay literal (TDLib). */
function decodeEntity(src: string, i: number): { text: string; next: number } | null {
  const m = /^&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/.exec(src.slice(i, i + 12))
  if (!m) return null
  const name = m[1]!
  let text: string | undefined
  if (name.startsWith('#x')) text = String.fromCodePoint(Math.min(parseInt(name.slice(2), 16), 0x10ffff))
  else if (name.startsWith('#')) text = String.fromCodePoint(Math.min(parseInt(name.slice(1), 10), 0x10ffff))
  else text = NAMED[name]
  return text === undefined ? null : { text, next: i + m[0].length }
}

/** A quoted attribute value with its entities decoded (TDLib decodes them there as in text). */
function decodeEntities(value: string): string {
  let out = ''
  for (let i = 0; i < value.length;) {
    const decoded = value[i] === '&' ? decodeEntity(value, i) : null
    out += decoded ? decoded.text : value[i]
    i = decoded ? decoded.next : i + 1
  }
  return out
}

/** Reads `name="value"` attributes up to `>`; returns them and the index after `>`. */
function readAttributes(src: string, i: number, tag: string, begin: number) {
  const attrs = new Map<string, string>()
  const re = /\s*([a-zA-Z0-9_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y
  let j = i
  for (;;) {
    while (j < src.length && /\s/.test(src[j]!)) j++
    if (j >= src.length)
      throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(src, begin)}`)
    if (src[j] === '>') return { attrs, next: j + 1 }
    if (src.startsWith('/>', j)) return { attrs, next: j + 2 }
    re.lastIndex = j
    const m = re.exec(src)
    if (!m) {
      throw new EntityParseError(
        `Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(src, j)}`,
      )
    }
    const quoted = m[2] ?? m[3]
    attrs.set(m[1]!.toLowerCase(), quoted === undefined ? (m[4] ?? '') : decodeEntities(quoted))
    j = re.lastIndex
  }
}

/** The entity a closed tag makes, or null when it makes none (empty link, `code` inside `pre`). */
function entityOf(open: Open, length: number, parent: Open | undefined, parentEntity: Entity | undefined) {
  const type = TAGS[open.tag]!
  const base = { type, offset: open.start, length }
  if (type === 'text_link') {
    const url = open.attrs.get('href') ?? ''
    return url ? { ...base, url } : null
  }
  if (type === 'code' && parent?.tag === 'pre') {
    const language = /^language-(.+)$/.exec(open.attrs.get('class') ?? '')?.[1]
    if (language && parentEntity) parentEntity.language = language
    return language ? null : base
  }
  if (type === 'blockquote' && open.attrs.has('expandable')) return { ...base, type: 'expandable_blockquote' }
  if (type === 'custom_emoji') return { ...base, custom_emoji_id: open.attrs.get('emoji-id') ?? '' }
  return base
}

/** Telegram's HTML style (TDLib parse_html): the allowed tags, entity decoding and its error texts. */
export function parseHtml(src: string): FormattedText {
  let out = ''
  const entities: Entity[] = []
  const stack: Open[] = []
  // A `pre` entity is created when its tag opens, so an inner `<code class="language-x">` can set its language.
  const preEntities = new Map<Open, Entity>()
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (c === '&') {
      const decoded = decodeEntity(src, i)
      out += decoded ? decoded.text : c
      i = decoded ? decoded.next : i + 1
      continue
    }
    if (c !== '<') {
      out += c
      i++
      continue
    }
    const begin = i
    if (src[i + 1] === '/') {
      const end = src.indexOf('>', i)
      if (end < 0) throw new EntityParseError(`Unclosed end tag at byte offset ${byteOffset(src, begin)}`)
      const name = src
        .slice(i + 2, end)
        .trim()
        .toLowerCase()
      const open = stack.pop()
      if (!open) throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(src, begin)}`)
      if (name !== open.tag) {
        throw new EntityParseError(
          `Unmatched end tag at byte offset ${byteOffset(src, begin)}, expected "</${open.tag}>", found "</${name}>"`,
        )
      }
      const parent = stack.at(-1)
      const entity = entityOf(open, out.length - open.start, parent, parent && preEntities.get(parent))
      if (open.tag === 'pre') preEntities.get(open)!.length = out.length - open.start
      else if (entity) entities.push(entity)
      i = end + 1
      continue
    }
    const tag = /^[a-zA-Z0-9-]*/.exec(src.slice(i + 1))![0].toLowerCase()
    if (!TAGS[tag]) {
      throw new EntityParseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(src, begin)}`)
    }
    const { attrs, next } = readAttributes(src, i + 1 + tag.length, tag, begin)
    if (tag === 'span' && attrs.get('class') !== 'tg-spoiler') {
      throw new EntityParseError('Tag "span" must have class "tg-spoiler"')
    }
    const open: Open = { tag, start: out.length, attrs }
    if (tag === 'pre') {
      const pre: Entity = { type: 'pre', offset: out.length, length: 0 }
      preEntities.set(open, pre)
      entities.push(pre)
    }
    stack.push(open)
    i = next
  }
  const unclosed = stack.at(-1)
  if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`)
  return { text: out, entities }
}
