export type TagSortKey = 'name' | 'value'
export type SortDirection = 'ascending' | 'descending'

/** Tag rows of a message, sorted by name or value (natural order: `item2` before `item10`). */
export function sortTags(
  tags: Record<string, string>,
  key: TagSortKey,
  direction: SortDirection,
): { name: string; value: string }[] {
  const sign = direction === 'ascending' ? 1 : -1
  return Object.entries(tags)
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => sign * collator.compare(a[key], b[key]))
}

/** Every tag name used by any of the messages, sorted: the Messages page's column chooser. */
export function tagNamesOf(messages: readonly { tags: Record<string, string> }[]): string[] {
  const names = new Set<string>()
  for (const message of messages) for (const name of Object.keys(message.tags)) names.add(name)
  return [...names].sort(collator.compare)
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
