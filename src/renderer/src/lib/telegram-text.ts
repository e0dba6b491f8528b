// Telegram's formatted text (Bot API "Formatting options") as plain spans with styles, so a bot message is
// shown as Telegram would show it without ever handing its markup to the DOM as HTML.

export interface TextStyle {
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strike?: boolean
  spoiler?: boolean
  code?: boolean
  pre?: boolean
  quote?: boolean
}

export interface TextSpan extends TextStyle {
  text: string
  /** Only http(s), tg and mailto links; anything else is shown as text. */
  href?: string
}

type Flag = keyof TextStyle

/** Splits `text` sent with `parseMode` (Markdown, MarkdownV2, HTML, or none) into styled spans. */
export function parseTelegramText(text: string, parseMode: string | null): TextSpan[] {
  const mode = parseMode?.toLowerCase()
  if (mode === 'markdown') return merge(parseMarkdown(text))
  if (mode === 'markdownv2') return merge(parseMarkdownV2(text))
  if (mode === 'html') return merge(parseHtml(text))
  return text ? [{ text }] : []
}

function safeHref(url: string): string | undefined {
  return /^(https?:|tg:|mailto:)/i.test(url.trim()) ? url.trim() : undefined
}

function merge(spans: TextSpan[]): TextSpan[] {
  const out: TextSpan[] = []
  for (const span of spans) {
    if (!span.text) continue
    const last = out.at(-1)
    if (last && sameStyle(last, span)) last.text += span.text
    else out.push(normalized(span))
  }
  return out
}

/** Only the styles that are on, so equal styles compare equal. */
function normalized(span: TextSpan): TextSpan {
  const out: TextSpan = { text: span.text }
  for (const flag of FLAGS) if (span[flag]) out[flag] = true
  if (span.href) out.href = span.href
  return out
}

const FLAGS: Flag[] = ['bold', 'italic', 'underline', 'strike', 'spoiler', 'code', 'pre', 'quote']
function sameStyle(a: TextSpan, b: TextSpan): boolean {
  return a.href === b.href && FLAGS.every((flag) => Boolean(a[flag]) === Boolean(b[flag]))
}

/** Legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`; no nesting. */
function parseMarkdown(text: string): TextSpan[] {
  const spans: TextSpan[] = []
  let plain = ''
  const flush = () => {
    if (plain) spans.push({ text: plain })
    plain = ''
  }
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (ch === '\\' && '_*`['.includes(text[i + 1] ?? '')) {
      plain += text[i + 1]
      i += 2
      continue
    }
    const entity = markdownEntityAt(text, i)
    if (!entity) {
      plain += ch
      i += 1
      continue
    }
    flush()
    spans.push(entity.span)
    i = entity.end
  }
  flush()
  return spans
}

function markdownEntityAt(text: string, at: number): { span: TextSpan; end: number } | null {
  if (text.startsWith('```', at)) {
    const close = text.indexOf('```', at + 3)
    if (close === -1) return null
    return { span: { text: dropLanguage(text.slice(at + 3, close)), pre: true }, end: close + 3 }
  }
  const ch = text[at]
  const simple: Record<string, Flag> = { '*': 'bold', _: 'italic', '`': 'code' }
  const flag = ch === undefined ? undefined : simple[ch]
  if (flag) {
    const close = text.indexOf(ch as string, at + 1)
    if (close <= at + 1) return null
    return { span: { text: text.slice(at + 1, close), [flag]: true }, end: close + 1 }
  }
  if (ch === '[') {
    const link = /^\[([^\]]*)\]\(([^)]*)\)/.exec(text.slice(at))
    if (!link) return null
    const href = safeHref(link[2] ?? '')
    return { span: { text: link[1] ?? '', ...(href && { href }) }, end: at + link[0].length }
  }
  return null
}

/** A code block's first line names its language when more lines follow. */
function dropLanguage(body: string): string {
  const newline = body.indexOf('\n')
  return newline !== -1 && /^[\w+-]+$/.test(body.slice(0, newline)) ? body.slice(newline + 1) : body
}

/** MarkdownV2: nested `*bold*`, `_italic_`, `__underline__`, `~strike~`, `||spoiler||`, links, code, `>` quotes. */
function parseMarkdownV2(text: string): TextSpan[] {
  const spans: TextSpan[] = []
  const style: TextStyle = {}
  let atLineStart = true
  let i = 0
  const emit = (chunk: string) => spans.push({ ...style, text: chunk })
  const toggles: [string, Flag][] = [
    ['||', 'spoiler'],
    ['__', 'underline'],
    ['*', 'bold'],
    ['_', 'italic'],
    ['~', 'strike'],
  ]
  while (i < text.length) {
    const ch = text[i] as string
    if (atLineStart) style.quote = ch === '>' || (ch === '*' && text[i + 1] === '*' && text[i + 2] === '>')
    if (atLineStart && style.quote) {
      i += ch === '>' ? 1 : 3
      atLineStart = false
      continue
    }
    atLineStart = ch === '\n'
    if (ch === '\\' && i + 1 < text.length) {
      emit(text[i + 1] as string)
      i += 2
      continue
    }
    if (text.startsWith('```', i) || ch === '`') {
      const fence = text.startsWith('```', i) ? '```' : '`'
      const close = findUnescaped(text, fence, i + fence.length)
      if (close !== -1) {
        const body = unescapeCode(text.slice(i + fence.length, close))
        spans.push({
          text: fence === '```' ? dropLanguage(body) : body,
          [fence === '```' ? 'pre' : 'code']: true,
        })
        i = close + fence.length
        continue
      }
    }
    if (ch === '[') {
      const end = findLinkEnd(text, i)
      if (end) {
        const href = safeHref(unescapeCode(end.url))
        for (const inner of parseMarkdownV2(text.slice(i + 1, end.textEnd))) {
          const merged: TextSpan = { text: inner.text, ...(href && { href }) }
          for (const flag of FLAGS) if (inner[flag] || style[flag]) merged[flag] = true
          spans.push(merged)
        }
        i = end.end
        continue
      }
    }
    const toggle = toggles.find(([marker]) => text.startsWith(marker, i))
    if (toggle) {
      style[toggle[1]] = !style[toggle[1]]
      i += toggle[0].length
      continue
    }
    emit(ch)
    i += 1
  }
  return spans
}

function findUnescaped(text: string, needle: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1
    else if (text.startsWith(needle, i)) return i
  }
  return -1
}

function unescapeCode(body: string): string {
  return body.replace(/\\([\\`)])/g, '$1')
}

function findLinkEnd(text: string, at: number): { textEnd: number; url: string; end: number } | null {
  const textEnd = findUnescaped(text, ']', at + 1)
  if (textEnd === -1 || text[textEnd + 1] !== '(') return null
  const urlEnd = findUnescaped(text, ')', textEnd + 2)
  if (urlEnd === -1) return null
  return { textEnd, url: text.slice(textEnd + 2, urlEnd), end: urlEnd + 1 }
}

const HTML_FLAGS: Record<string, Flag> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
  blockquote: 'quote',
}

/** HTML: the tags Telegram supports; any other tag is shown as the text it is. */
function parseHtml(text: string): TextSpan[] {
  const spans: TextSpan[] = []
  const open: { name: string; flag?: Flag; href?: string }[] = []
  const current = (): TextSpan => {
    const span: TextSpan = { text: '' }
    for (const tag of open) {
      if (tag.flag) span[tag.flag] = true
      if (tag.href) span.href = tag.href
    }
    return span
  }
  const tagPattern = /<(\/?)([a-z][a-z0-9-]*)((?:\s+[a-z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*>/giy
  let i = 0
  while (i < text.length) {
    tagPattern.lastIndex = i
    const tag = text[i] === '<' ? tagPattern.exec(text) : null
    const name = tag?.[2]?.toLowerCase() ?? ''
    const attrs = tag?.[3] ?? ''
    const flag = name === 'span' && /class\s*=\s*["']?tg-spoiler/i.test(attrs) ? 'spoiler' : HTML_FLAGS[name]
    const known = flag !== undefined || name === 'a' || name === 'tg-emoji' || name === 'span'
    if (tag && known) {
      if (tag[1]) {
        const at = open.findLastIndex((o) => o.name === name)
        if (at !== -1) open.splice(at, 1)
      } else {
        const href = name === 'a' ? safeHref(decodeEntities(attributeOf(attrs, 'href'))) : undefined
        open.push({ name, ...(flag && { flag }), ...(href && { href }) })
      }
      i = tagPattern.lastIndex
      continue
    }
    const next = text.indexOf('<', i + 1)
    const end = next === -1 ? text.length : next
    spans.push({ ...current(), text: decodeEntities(text.slice(i, end)) })
    i = end
  }
  return spans
}

function attributeOf(attrs: string, name: string): string {
  const match = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs)
  return match?.[1] ?? match?.[2] ?? match?.[3] ?? ''
}

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? whole
    const code = body[1]?.toLowerCase() === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}
