/**
 * ATSD-BEHAVIOUR §5 "Filter": the Entity Names filter (`entityFilter`, names or `*` patterns separated by
 * whitespace) becomes a clause of Hookbench's single filter expression, and comes back out on export.
 */

function quote(name: string): string | undefined {
  if (!name.includes("'")) return `'${name}'`
  if (!name.includes('"')) return `"${name}"`
  return undefined
}

/**
 * `entity LIKE 'a'` or `entity LIKE ('a', 'b*')`; undefined when there is nothing to fold (no names) or a
 * name holds both quote characters and cannot be written as a literal.
 */
export function entityFilterClause(text: string): string | undefined {
  const names = text.split(/\s+/).filter((name) => name !== '')
  const literals = names.map(quote)
  if (literals.length === 0 || literals.some((literal) => literal === undefined)) return undefined
  return literals.length === 1 ? `entity LIKE ${literals[0]}` : `entity LIKE (${literals.join(', ')})`
}

/** `clause AND (filter)`, or the clause alone when there is no filter. */
export function foldFilter(clause: string, filter: string): string {
  return filter.trim() === '' ? clause : `${clause} AND (${filter})`
}

/** The filter `foldFilter` started from, or undefined when `filter` no longer starts with the clause. */
export function unfoldFilter(clause: string, filter: string): string | undefined {
  if (filter === clause) return ''
  const head = `${clause} AND (`
  return filter.startsWith(head) && filter.endsWith(')') ? filter.slice(head.length, -1) : undefined
}
