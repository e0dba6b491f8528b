/** A path into a JSON document: object keys and array indexes. */
export type JsonPath = readonly (string | number)[]

/**
 * The tag name ATSD gives a JSON node (ATSD-BEHAVIOUR §2.3): keys normalised and joined with `.`,
 * array elements as `name[i]`; e.g. `['message', 'chat', 'id']` → `message.chat.id`.
 */
export function tagNameOf(path: JsonPath): string {
  let name = ''
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`
    else name += (name === '' ? '' : '.') + normaliseTagName(segment)
  }
  return name
}

/** ATSD-BEHAVIOUR §2.2: lower case; whitespace and non-printable characters become `_`. */
export function normaliseTagName(key: string): string {
  return key.toLowerCase().replace(/[\s\p{C}]/gu, '_')
}

/** The entries under a JSON node (`[index, item]` or `[key, value]`); null for scalars and empty ones. */
export function jsonChildren(value: unknown): [string | number, unknown][] | null {
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((item, index) => [index, item])
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    return entries.length === 0 ? null : entries
  }
  return null
}
