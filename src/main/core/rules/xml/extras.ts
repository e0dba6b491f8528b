import { childElements, parseXmlDocument, type XmlElement } from './xml-tree'

const WRAPPER = 'hookbench-extra'

/**
 * Reads back one `atsdExtra` value: well-formed XML made only of `<name>` elements. Values that are not
 * (edited by hand, or not ours) are refused rather than written into the export.
 */
export function parseExtra(name: string, raw: string): XmlElement[] | undefined {
  const parsed = parseXmlDocument(`<${WRAPPER}>${raw}</${WRAPPER}>`)
  if (!parsed.ok || parsed.value.name !== WRAPPER) return undefined
  const elements = childElements(parsed.value)
  if (elements.length === 0 || elements.some((element) => element.name !== name)) return undefined
  // Text directly in the wrapper would be dropped silently: refuse it too.
  const strayText = parsed.value.children.some((node) => node.kind === 'text')
  return strayText ? undefined : elements
}

/**
 * Children in ATSD's element order: for each name in `order`, what the exporter writes itself followed by
 * the kept extra of that name; then names `order` does not know. `extras` must not contain what the
 * caller already used; an extra named in `reserved` (elements only the exporter writes) or one that cannot
 * be read back is returned in `refused` instead of written.
 */
export function assembleChildren(
  order: readonly string[],
  written: ReadonlyMap<string, XmlElement[]>,
  extras: Record<string, string> | undefined,
  reserved: ReadonlySet<string>,
): { children: XmlElement[]; refused: string[] } {
  const children: XmlElement[] = []
  const refused: string[] = []
  const emit = (name: string): void => {
    children.push(...(written.get(name) ?? []))
    const raw = extras?.[name]
    if (raw === undefined) return
    const elements = reserved.has(name) ? undefined : parseExtra(name, raw)
    if (elements) children.push(...elements)
    else refused.push(name)
  }
  const unordered = [...new Set([...written.keys(), ...Object.keys(extras ?? {})])].filter(
    (name) => !order.includes(name),
  )
  for (const name of [...order, ...unordered]) emit(name)
  return { children, refused }
}
