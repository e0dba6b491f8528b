import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { XmlError } from './types'

/** Character data of an element; `cdata` records whether it was written as a CDATA section. */
export interface XmlText {
  kind: 'text'
  text: string
  cdata: boolean
}
/** An element with its attributes in document order. */
export interface XmlElement {
  kind: 'element'
  name: string
  attrs: [string, string][]
  children: XmlNode[]
}
export type XmlNode = XmlText | XmlElement
export type XmlResult<T> = { ok: true; value: T } | { ok: false; error: XmlError }
/** A parsed document's root element, or why it was refused. */
export type XmlParse = XmlResult<XmlElement>

/** Largest document accepted, in UTF-8 bytes. */
export const MAX_XML_BYTES = 5 * 1024 * 1024
/** Most elements one document may hold: a rules export of MAX_RULES rules has about 100 per rule. */
export const MAX_XML_ELEMENTS = 250_000

/** Whether a code point may appear in an XML 1.0 document. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

/** The parts of fast-xml-parser the parse uses (passed in, so the parse also runs in a worker). */
export interface XmlLibrary {
  XMLParser: typeof XMLParser
  XMLValidator: typeof XMLValidator
}

/** Limits of one parse. */
export interface XmlLimits {
  maxBytes: number
  maxElements: number
}

/**
 * Parses a whole document into its root element. Refuses DOCTYPE/ENTITY declarations, oversized input and
 * more than `maxElements` elements before parsing, reports malformed XML with line and column, and never
 * throws.
 *
 * Self-contained on purpose: it reads nothing from this module's scope (the library and limits are
 * arguments, helpers are nested), so `parseXmlInWorker` can ship its source to a worker thread. It is long
 * for that reason only.
 */
export function parseXmlWith(lib: XmlLibrary, input: string, limits: XmlLimits): XmlResult<XmlElement> {
  type DecodeProblem = { what: string; reference: string }
  // Entity declarations are how XML bombs and external-entity reads work; ATSD exports never carry one.
  const FORBIDDEN_DECLARATION = /<!(DOCTYPE|ENTITY)/i
  const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);|&/g
  const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u
  const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
    ['amp', '&'],
    ['lt', '<'],
    ['gt', '>'],
    ['quot', '"'],
    ['apos', "'"],
  ])
  const positionOf = (text: string, offset: number) => {
    const before = text.slice(0, offset)
    const lineStart = before.lastIndexOf('\n') + 1
    return { line: before.split('\n').length, column: offset - lineStart + 1 }
  }
  // Decodes only the five predefined entities and character references; anything else is a problem.
  // fast-xml-parser leaves `&#13;` undecoded by default, and ATSD writes CR that way.
  const decoderFor = (problems: DecodeProblem[]) => {
    const decode = (text: string): string =>
      text.replace(REFERENCE, (match: string, ref: string | undefined) => {
        if (ref === undefined) {
          problems.push({ what: 'a bare "&" (write it as &amp;)', reference: match })
          return match
        }
        if (ref.startsWith('#')) {
          const code = ref.startsWith('#x')
            ? Number.parseInt(ref.slice(2), 16)
            : Number.parseInt(ref.slice(1), 10)
          if (code <= 0x10ffff && XML_CHAR.test(String.fromCodePoint(code))) return String.fromCodePoint(code)
          problems.push({
            what: `the character reference ${match}, which is not an XML character`,
            reference: match,
          })
          return match
        }
        const named = NAMED_ENTITIES.get(ref)
        if (named !== undefined) return named
        problems.push({
          what: `the undeclared entity ${match} (only &amp; &lt; &gt; &quot; &apos; are predefined)`,
          reference: match,
        })
        return match
      })
    const ignore = (): void => undefined
    return {
      decode,
      reset: ignore,
      setExternalEntities: ignore,
      addInputEntities: ignore,
      setXmlVersion: ignore,
    }
  }
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
  const cdataText = (value: unknown): string =>
    Array.isArray(value)
      ? value
          .map((part) => (isRecord(part) && typeof part['#text'] === 'string' ? part['#text'] : ''))
          .join('')
      : ''
  const attributesOf = (item: Record<string, unknown>): [string, string][] => {
    const raw = item[':@']
    if (!isRecord(raw)) return []
    return Object.entries(raw).map(([name, value]): [string, string] => [
      name,
      typeof value === 'string' ? value : '',
    ])
  }
  // Converts fast-xml-parser's `preserveOrder` output into our node type.
  const toNodes = (raw: unknown): XmlNode[] => {
    if (!Array.isArray(raw)) return []
    const nodes: XmlNode[] = []
    for (const item of raw) {
      if (!isRecord(item)) continue
      for (const [key, value] of Object.entries(item)) {
        if (key === ':@') continue
        if (key === '#text')
          nodes.push({ kind: 'text', text: typeof value === 'string' ? value : '', cdata: false })
        else if (key === '#cdata') nodes.push({ kind: 'text', text: cdataText(value), cdata: true })
        else nodes.push({ kind: 'element', name: key, attrs: attributesOf(item), children: toNodes(value) })
      }
    }
    // Indentation between child elements is layout, not content.
    const hasElements = nodes.some((node) => node.kind === 'element')
    return hasElements ? nodes.filter((node) => node.kind === 'element' || node.text.trim() !== '') : nodes
  }
  // Start tags, counted without parsing: one indexOf per '<' (issue 18.8: 1.2 M elements stalled the loop).
  const countElements = (text: string): number => {
    let count = 0
    for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
      const c = text.charCodeAt(i + 1) | 32
      if (c >= 97 && c <= 122) count++
    }
    return count
  }
  const checkSafety = (xml: string): XmlError | undefined => {
    const bytes = Buffer.byteLength(xml, 'utf8')
    if (bytes > limits.maxBytes) {
      return { message: `The XML is ${bytes} bytes; at most ${limits.maxBytes} bytes (5 MiB) are accepted.` }
    }
    const declaration = FORBIDDEN_DECLARATION.exec(xml)
    if (declaration) {
      return {
        message:
          `<!${declaration[1]?.toUpperCase() ?? ''} declarations are refused: they can define entities ` +
          '(XML bombs, reads of local files). ATSD exports never contain one; remove it and import again.',
        ...positionOf(xml, declaration.index),
      }
    }
    const elements = countElements(xml)
    if (elements > limits.maxElements) {
      return {
        message:
          `The document holds ${elements} elements; at most ${limits.maxElements} are accepted ` +
          '(an ATSD export of as many rules as one import takes has far fewer).',
      }
    }
    return undefined
  }

  const xml = input.startsWith('\uFEFF') ? input.slice(1) : input
  const unsafe = checkSafety(xml)
  if (unsafe) return { ok: false, error: unsafe }
  const valid = lib.XMLValidator.validate(xml)
  if (valid !== true) {
    return {
      ok: false,
      error: { message: `Malformed XML: ${valid.err.msg}`, line: valid.err.line, column: valid.err.col },
    }
  }
  const problems: DecodeProblem[] = []
  let parsed: unknown
  try {
    parsed = new lib.XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      cdataPropName: '#cdata',
      processEntities: true,
      entityDecoder: decoderFor(problems),
      ignoreDeclaration: true,
      ignorePiTags: true,
      // Keep names like `toString` as they are (the default prefixes "__"): every node is its own object,
      // read only through Object.entries, so an own property of that name is harmless. `__proto__`,
      // `constructor` and `prototype` still make the parser fail, which is reported as malformed.
      onDangerousProperty: (name: string) => name,
    }).parse(xml)
  } catch (cause) {
    return {
      ok: false,
      error: { message: `Malformed XML: ${cause instanceof Error ? cause.message : 'unreadable'}` },
    }
  }
  const first = problems[0]
  if (first !== undefined) {
    // The decoder sees text without its offset: point at the first occurrence, which is usually it.
    const at = first.reference === '&' ? -1 : xml.indexOf(first.reference)
    const where = at >= 0 ? positionOf(xml, at) : {}
    return { ok: false, error: { message: `Malformed XML: the document contains ${first.what}.`, ...where } }
  }
  const root = toNodes(parsed).find((node): node is XmlElement => node.kind === 'element')
  if (!root) return { ok: false, error: { message: 'The document has no root element.' } }
  return { ok: true, value: root }
}

/** The default limits of a parse. */
export const XML_LIMITS: XmlLimits = { maxBytes: MAX_XML_BYTES, maxElements: MAX_XML_ELEMENTS }

/** {@link parseXmlWith} on this thread, with the default limits (small documents, fragments). */
export function parseXmlDocument(input: string): XmlResult<XmlElement> {
  return parseXmlWith({ XMLParser, XMLValidator }, input, XML_LIMITS)
}

/** Direct child elements. */
export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((node): node is XmlElement => node.kind === 'element')
}

/** The element's own character data (text and CDATA joined), children's text excluded. */
export function textOf(element: XmlElement): string {
  return element.children.map((node) => (node.kind === 'text' ? node.text : '')).join('')
}

/** The first child element with this name. */
export function findChild(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element).find((child) => child.name === name)
}

/** Text of the first child element with this name, trimmed; `undefined` when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = findChild(element, name)
  return child ? textOf(child).trim() : undefined
}
