import { matchesWildcard } from '@shared/wildcard'
import { normaliseTagName } from './tag-names'

/** The four filter parameters, every occurrence already split on ';' (ATSD-BEHAVIOUR §2.4 "Filter parameters"). */
export interface TagFilters {
  exclude: string[]
  include: string[]
  excludeValues: string[]
  includeValues: string[]
}

/** Splits one filter parameter value into its `;`-separated patterns; empty patterns are ignored. */
export function splitPatterns(value: string): string[] {
  return value.split(';').filter((pattern) => pattern !== '')
}

/**
 * Removes filtered tags in place. ATSD-BEHAVIOUR §2.4: `include` rescues a name from `exclude`, and
 * `includeValues` a value from `excludeValues`; the two pairs are independent (Hookbench's reading), so a tag
 * survives when neither pair excludes it. Names match case-insensitively (name patterns are normalised like
 * names), values case-sensitively.
 */
export function applyFilters(tags: Map<string, string>, filters: TagFilters): void {
  const exclude = filters.exclude.map(toNamePattern)
  const include = filters.include.map(toNamePattern)
  const excludeValues = filters.excludeValues.map(toCodePoints)
  const includeValues = filters.includeValues.map(toCodePoints)
  if (exclude.length === 0 && excludeValues.length === 0) return
  for (const [name, value] of [...tags]) {
    const nameOut = exclude.length > 0 && isExcluded(toCodePoints(name), exclude, include)
    if (
      nameOut ||
      (excludeValues.length > 0 && isExcluded(toCodePoints(value), excludeValues, includeValues))
    ) {
      tags.delete(name)
    }
  }
}

function isExcluded(text: string[], exclude: string[][], include: string[][]): boolean {
  return (
    exclude.some((pattern) => matchesWildcard(text, pattern)) &&
    !include.some((pattern) => matchesWildcard(text, pattern))
  )
}

function toNamePattern(pattern: string): string[] {
  return toCodePoints(normaliseTagName(pattern.trim()))
}

function toCodePoints(text: string): string[] {
  return Array.from(text)
}
