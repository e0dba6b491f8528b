import { byteOffset, EntityParseError, type Entity, type FormattedText } from './markup'

const MARKERS: Record<string, string> = { '*': 'bold', _: 'italic', '`': 'code', '[': 'text_link' }

/**
 * Legacy Markdown (TDLib parse_markdown): `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````,
 * `[text](url)`. Entities cannot nest; only `_ * ` [` can be escaped, and only outside entities.
 */
export function parseMarkdown(src: string): FormattedText {
  let out = ''
  const entities: Entity[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (c === '\\' && '_*`['.includes(src[i + 1] ?? '')) {
      out += src[i + 1]
      i += 2
      continue
    }
    const type = MARKERS[c]
    if (!type) {
      out += c
      i++
      continue
    }
    const begin = i
    const unclosed = () =>
      new EntityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(src, begin)}`)
    if (src.startsWith('```', i)) {
      const end = src.indexOf('```', i + 3)
      if (end < 0) throw unclosed()
      let body = src.slice(i + 3, end)
      let language: string | undefined
      const newline = body.indexOf('\n')
      if (newline > 0 && /^[^\s`]+$/.test(body.slice(0, newline))) {
        language = body.slice(0, newline)
        body = body.slice(newline + 1)
      }
      entities.push({ type: 'pre', offset: out.length, length: body.length, ...(language && { language }) })
      out += body
      i = end + 3
      continue
    }
    const endChar = c === '[' ? ']' : c
    const end = src.indexOf(endChar, i + 1)
    if (end < 0) throw unclosed()
    const body = src.slice(i + 1, end)
    i = end + 1
    if (type === 'text_link') {
      let url = ''
      if (src[i] === '(') {
        const close = src.indexOf(')', i + 1)
        if (close < 0) throw unclosed()
        url = src.slice(i + 1, close)
        i = close + 1
      }
      if (url) entities.push({ type, offset: out.length, length: body.length, url })
    } else {
      entities.push({ type, offset: out.length, length: body.length })
    }
    out += body
  }
  return { text: out, entities }
}
