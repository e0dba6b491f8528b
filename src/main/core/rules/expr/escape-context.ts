import type { Escaper } from './escapers'
import { escapeJsonString, escapeTelegramHtml } from './escapers'

/**
 * Where a rendered template goes, which decides how each placeholder's value is escaped (issue 18.7):
 * a Telegram parse mode, an HTTP body's content type, a URL, a header, or plain text.
 */
export type EscapeTarget =
  | 'telegram-html'
  | 'telegram-markdown'
  | 'telegram-markdownv2'
  | 'json'
  | 'form'
  | 'xml'
  | 'url'
  | 'header'
  | 'plain'

/**
 * A scanner follows the markup written so far (template text and escaped values) one character at a time,
 * as the receiving parser would, so each value is escaped for the place it lands: the text of a bold run,
 * a link's URL, an attribute value, a JSON string. `step` reads `text[i]` (peeking at most two characters
 * ahead) and answers the index after what it consumed.
 */
interface Scanner<S> {
  initial: () => S
  step: (state: S, text: string, i: number) => number
  escape: (value: string, state: S) => string
}

/** Characters a scanner may look ahead: the state at the end is exact only up to here. */
const LOOKAHEAD = 2

/**
 * A context escaper over `scanner`: it keeps the state up to a checkpoint behind the end of what was
 * written, so rendering stays linear in the output whatever the number of placeholders.
 */
function contextEscaper<S extends object>(scanner: Scanner<S>): Escaper {
  let checkpoint = scanner.initial()
  let at = 0
  return (value, before = '') => {
    if (before.length < at) {
      checkpoint = scanner.initial()
      at = 0
    }
    const safeEnd = before.length - LOOKAHEAD
    while (at < safeEnd) at = scanner.step(checkpoint, before, at)
    const state = { ...checkpoint }
    for (let i = at; i < before.length;) i = scanner.step(state, before, i)
    return scanner.escape(value, state)
  }
}

const ATTRIBUTE_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escapeHtmlAttribute = (s: string) => s.replace(/[&<>"']/g, (c) => ATTRIBUTE_ENTITIES[c]!)

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** encodeURIComponent that cannot throw: a lone surrogate becomes U+FFFD first. */
const encodeComponent = (s: string) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'))

/** A query or path value inside a URL: percent-encoded, `(` and `)` too (Markdown ends a URL at `)`). */
const encodeUrlPart = (s: string) => encodeComponent(s).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))

// HTML (TDLib parse_html): text, inside a tag, or inside a quoted attribute value.
interface HtmlState {
  mode: 'text' | 'tag' | 'value'
  quote: string
  name: string
  attribute: string
  valueLength: number
}

const HTML: Scanner<HtmlState> = {
  initial: () => ({ mode: 'text', quote: '', name: '', attribute: '', valueLength: 0 }),
  step(s, text, i) {
    const c = text[i]!
    if (s.mode === 'text') {
      if (c === '<') Object.assign(s, { mode: 'tag', name: '', attribute: '' })
    } else if (s.mode === 'tag') {
      if (c === '>') s.mode = 'text'
      else if (c === '"' || c === "'")
        Object.assign(s, { mode: 'value', quote: c, attribute: s.name, valueLength: 0 })
      else if (/[A-Za-z0-9_-]/.test(c)) s.name = /[A-Za-z0-9_-]/.test(text[i - 1] ?? '') ? s.name + c : c
    } else if (c === s.quote) s.mode = 'tag'
    else s.valueLength++
    return i + 1
  },
  escape(value, s) {
    if (s.mode === 'text') return escapeTelegramHtml(value)
    // Inside href after something (`?q=`, a path): the value is one URL part; at the start, the whole URL.
    if (s.mode === 'value' && s.attribute.toLowerCase() === 'href' && s.valueLength > 0)
      return escapeHtmlAttribute(encodeUrlPart(value))
    return escapeHtmlAttribute(value)
  },
}

// Legacy Markdown (TDLib parse_markdown): no nesting, no escapes inside an entity.
interface MarkdownState {
  mode: 'text' | 'bold' | 'italic' | 'code' | 'pre' | 'linkText' | 'afterLink' | 'linkUrl'
  urlLength: number
}

const MARKDOWN: Scanner<MarkdownState> = {
  initial: () => ({ mode: 'text', urlLength: 0 }),
  step(s, text, i) {
    const c = text[i]!
    switch (s.mode) {
      case 'afterLink':
        s.mode = c === '(' ? 'linkUrl' : 'text'
        s.urlLength = 0
        return c === '(' ? i + 1 : i
      case 'linkUrl':
        if (c === ')') s.mode = 'text'
        else s.urlLength++
        return i + 1
      case 'linkText':
        if (c === ']') s.mode = 'afterLink'
        return i + 1
      case 'pre':
        if (text.startsWith('```', i)) s.mode = 'text'
        return text.startsWith('```', i) ? i + 3 : i + 1
      case 'bold':
      case 'italic':
      case 'code':
        if (c === { bold: '*', italic: '_', code: '`' }[s.mode]) s.mode = 'text'
        return i + 1
      case 'text':
        if (c === '\\' && '_*`['.includes(text[i + 1] ?? '')) return i + 2
        if (text.startsWith('```', i)) {
          s.mode = 'pre'
          return i + 3
        }
        s.mode = ({ '*': 'bold', _: 'italic', '`': 'code', '[': 'linkText' } as const)[c] ?? 'text'
        return i + 1
    }
  },
  escape(value, s) {
    switch (s.mode) {
      case 'text':
      case 'afterLink':
        return value.replace(/[_*`[]/g, '\\$&')
      // Inside an entity a marker cannot be escaped: close the entity, write it escaped, open it again.
      case 'bold':
        return value.replace(/\*/g, '*\\**')
      case 'italic':
        return value.replace(/_/g, '_\\__')
      case 'code':
        return value.replace(/`/g, '`\\``')
      // Legacy Markdown has no way to write these; a lookalike keeps the text readable and the markup whole.
      case 'pre':
        return value.replace(/```/g, '``\u200b`')
      case 'linkText':
        return value.replace(/]/g, '\uff3d')
      case 'linkUrl':
        return s.urlLength > 0 ? encodeUrlPart(value) : value.replace(/[()\s]/g, encodeComponent)
    }
  },
}

// MarkdownV2: `\` escapes any ASCII character anywhere; code, pre and link URLs escape only their enders.
interface MarkdownV2State {
  mode: 'text' | 'code' | 'pre' | 'linkUrl'
  urlLength: number
}

const MARKDOWN_V2: Scanner<MarkdownV2State> = {
  initial: () => ({ mode: 'text', urlLength: 0 }),
  step(s, text, i) {
    const c = text[i]!
    const code = text.charCodeAt(i + 1)
    if (c === '\\' && code > 0 && code < 127) {
      if (s.mode === 'linkUrl') s.urlLength++
      return i + 2
    }
    if (s.mode === 'code' || s.mode === 'pre') {
      const marker = s.mode === 'pre' ? '```' : '`'
      if (text.startsWith(marker, i)) s.mode = 'text'
      return text.startsWith(marker, i) ? i + marker.length : i + 1
    }
    if (s.mode === 'linkUrl') {
      if (c === ')') s.mode = 'text'
      else s.urlLength++
      return i + 1
    }
    if (text.startsWith('```', i)) {
      s.mode = 'pre'
      return i + 3
    }
    if (c === '`') s.mode = 'code'
    if (c === ']' && text[i + 1] === '(') {
      Object.assign(s, { mode: 'linkUrl', urlLength: 0 })
      return i + 2
    }
    return i + 1
  },
  escape(value, s) {
    if (s.mode === 'code' || s.mode === 'pre') return value.replace(/[`\\]/g, '\\$&')
    if (s.mode === 'linkUrl')
      return (s.urlLength > 0 ? encodeUrlPart(value) : value).replace(/[)\\]/g, '\\$&')
    return value.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&')
  },
}

// JSON: inside a string, its content; outside, a whole value (a number or literal as is, else a string).
interface JsonState {
  inString: boolean
}

const JSON_LITERAL = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/

const JSON_BODY: Scanner<JsonState> = {
  initial: () => ({ inString: false }),
  step(s, text, i) {
    const c = text[i]
    if (s.inString && c === '\\') return i + 2
    if (c === '"') s.inString = !s.inString
    return i + 1
  },
  escape: (value, s) =>
    s.inString ? escapeJsonString(value) : JSON_LITERAL.test(value) ? value : JSON.stringify(value),
}

// XML: text and attribute values take the five entities; inside CDATA, `]]>` is split across two sections.
const XML_BODY: Escaper = (value, before = '') =>
  before.lastIndexOf('<![CDATA[') > before.lastIndexOf(']]>')
    ? value.replace(/]]>/g, ']]]]><![CDATA[>')
    : escapeHtmlAttribute(value)

const CONTENT_TYPES: [RegExp, EscapeTarget][] = [
  [/json/i, 'json'],
  [/x-www-form-urlencoded/i, 'form'],
  [/xml/i, 'xml'],
]

/** The escape target of an HTTP body of `contentType`: JSON, form, XML; anything else is sent as written. */
export function bodyTarget(contentType: string): EscapeTarget {
  return CONTENT_TYPES.find(([re]) => re.test(contentType))?.[1] ?? 'plain'
}

/** The target of a Telegram text in `parseMode` (`none` and unknown modes: plain text). */
export function telegramTarget(parseMode: string): EscapeTarget {
  return parseMode === 'HTML'
    ? 'telegram-html'
    : parseMode === 'Markdown'
      ? 'telegram-markdown'
      : parseMode === 'MarkdownV2'
        ? 'telegram-markdownv2'
        : 'plain'
}

/**
 * A fresh escaper for one template rendered into `target` (escapers of markup targets keep state: make
 * one per template). `${raw:expr}` placeholders bypass it (template.ts).
 */
export function escaperFor(target: EscapeTarget): Escaper {
  switch (target) {
    case 'telegram-html':
      return contextEscaper(HTML)
    case 'telegram-markdown':
      return contextEscaper(MARKDOWN)
    case 'telegram-markdownv2':
      return contextEscaper(MARKDOWN_V2)
    case 'json':
      return contextEscaper(JSON_BODY)
    case 'xml':
      return XML_BODY
    case 'form':
    case 'url':
      return encodeComponent
    // A header value ends at a line break: one in a value would start another header.
    case 'header':
      return (value) => value.replace(/[\r\n]+/g, ' ')
    case 'plain':
      return (value) => value
  }
}
