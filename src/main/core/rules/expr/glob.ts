import { wildcardMatch } from '@shared/wildcard'

/**
 * Wildcard match for LIKE and likeAny: `*` is any run of characters, `?` exactly one (code point); the
 * whole text must match, case-insensitively. No regex: O(text × pattern) at worst.
 */
export const globMatch = (text: string, pattern: string): boolean => wildcardMatch(pattern, text, true)
