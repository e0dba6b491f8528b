import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser'
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

/** Largest document accepted, in UTF-8 bytes. */
export const MAX_XML_BYTES = 5 * 1024 * 1024

// Entity declarations are how XML bombs and external-entity reads work; ATSD exports never carry one.
const FORBIDDEN_DECLARATION = /<!(DOCTYPE|ENTITY)/i
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);|&/g
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
])

/** 1-based line and column of a UTF-16 offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length, column: offset - lineStart + 1 }
}

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

/**
 * Decodes only the five predefined entities and character references; anything else is recorded as a
 * problem. fast-xml-parser leaves `&#13;` undecoded by default, and ATSD writes CR that way.
 */
interface DecodeProblem {
  what: string
  reference: string
}

function createStrictDecoder(problems: DecodeProblem[]): EntityDecoderOptions {
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
        if (isXmlChar(code)) return String.fromCodePoint(code)
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return ''
  return value
    .map((part) => (isRecord(part) && typeof part['#text'] === 'string' ? part['#text'] : ''))
    .join('')
}

function attributesOf(item: Record<string, unknown>): [string, string][] {
  const raw = item[':@']
  if (!isRecord(raw)) return []
  return Object.entries(raw).map(([name, value]): [string, string] => [
    name,
    typeof value === 'string' ? value : '',
  ])
}

/** Converts fast-xml-parser's `preserveOrder` output into our node type. */
function toNodes(raw: unknown): XmlNode[] {
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

function checkSafety(xml: string): XmlError | undefined {
  const bytes = Buffer.byteLength(xml, 'utf8')
  if (bytes > MAX_XML_BYTES) {
    return { message: `The XML is ${bytes} bytes; at most ${MAX_XML_BYTES} bytes (5 MiB) are accepted.` }
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
  return undefined
}

/**
 * Parses a whole document into its root element. Refuses DOCTYPE/ENTITY declarations and oversized
 * input before parsing, reports malformed XML with line and column, and never throws.
 */
export function parseXmlDocument(input: string): XmlResult<XmlElement> {
  const xml = input.startsWith('\uFEFF') ? input.slice(1) : input
  const unsafe = checkSafety(xml)
  if (unsafe) return { ok: false, error: unsafe }
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    return {
      ok: false,
      error: { message: `Malformed XML: ${valid.err.msg}`, line: valid.err.line, column: valid.err.col },
    }
  }
  const problems: DecodeProblem[] = []
  let parsed: unknown
  try {
    parsed = new XMLParser(parserOptions(problems)).parse(xml)
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

function parserOptions(problems: DecodeProblem[]): ConstructorParameters<typeof XMLParser>[0] {
  return {
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    cdataPropName: '#cdata',
    processEntities: true,
    entityDecoder: createStrictDecoder(problems),
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Keep names like `toString` as they are (the default prefixes "__"): every node is its own object,
    // read only through Object.entries, so an own property of that name is harmless. `__proto__`,
    // `constructor` and `prototype` still make the parser fail, which is reported as malformed.
    onDangerousProperty: (name: string) => name,
  }
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
