import { isXmlChar, type XmlElement, type XmlNode } from './xml-tree'

const INDENT = '    '

/** XML 1.0 cannot carry some characters even as references (controls, lone surrogates): write U+FFFD. */
function clean(text: string): string {
  let out = ''
  for (const char of text) out += isXmlChar(char.codePointAt(0) ?? 0) ? char : '\uFFFD'
  return out
}

/** Escapes character data; CR is written as a reference because parsers normalise a literal CR away. */
export function escapeText(text: string): string {
  return clean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xd;')
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#xa;').replace(/\t/g, '&#x9;')
}

/** A CDATA section; `]]>` and CR (which a CDATA section cannot keep) are split out. */
function cdata(text: string): string {
  const body = clean(text).replace(/]]>/g, ']]]]><![CDATA[>').replace(/\r/g, ']]>&#xd;<![CDATA[')
  return `<![CDATA[${body}]]>`
}

/** An element holding only text. */
export function leaf(name: string, text: string, options: { cdata?: boolean } = {}): XmlElement {
  const children: XmlNode[] =
    text === '' && !options.cdata ? [] : [{ kind: 'text', text, cdata: !!options.cdata }]
  return { kind: 'element', name, attrs: [], children }
}

/** An element holding other elements. */
export function branch(name: string, children: XmlElement[]): XmlElement {
  return { kind: 'element', name, attrs: [], children }
}

/** An XML comment; `--` cannot appear inside one. */
export function comment(text: string): string {
  return `<!-- ${clean(text).replace(/-{2,}/g, '-')} -->`
}

function openTag(element: XmlElement): string {
  const attrs = element.attrs.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('')
  return `<${element.name}${attrs}`
}

/** One-line form: what `atsdExtra` stores, so it does not depend on indentation. */
export function serializeCompact(node: XmlNode): string {
  if (node.kind === 'text') return node.cdata ? cdata(node.text) : escapeText(node.text)
  if (node.children.length === 0) return `${openTag(node)}/>`
  return `${openTag(node)}>${node.children.map(serializeCompact).join('')}</${node.name}>`
}

/** Indented form as ATSD writes it; text-only and mixed elements stay on one line so no content changes. */
export function serializePretty(element: XmlElement, level: number): string {
  const pad = INDENT.repeat(level)
  const onlyElements =
    element.children.length > 0 && element.children.every((child) => child.kind === 'element')
  if (!onlyElements) return pad + serializeCompact(element)
  const inner = element.children.map((child) => serializePretty(child as XmlElement, level + 1))
  return [`${pad}${openTag(element)}>`, ...inner, `${pad}</${element.name}>`].join('\n')
}

/** A raw line (a comment or pre-serialized markup) at an indentation level. */
export function indentLine(text: string, level: number): string {
  return INDENT.repeat(level) + text
}
