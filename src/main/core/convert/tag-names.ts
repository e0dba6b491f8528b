// ATSD-BEHAVIOUR §2.2: whitespace and other non-printable characters in names become '_'. Non-printable =
// control (Cc), format (Cf) and lone surrogates (Cs); private-use and unassigned code points are kept.
const NOT_PRINTABLE = /[\s\p{Cc}\p{Cf}\p{Cs}]/gu

/** ATSD-BEHAVIOUR §2.2: a tag name is lower-cased, whitespace and non-printable characters become '_'. */
export function normaliseTagName(name: string): string {
  return name.toLowerCase().replace(NOT_PRINTABLE, '_')
}

/**
 * Cuts a name to at most `maxLength` UTF-16 units without splitting a surrogate pair. Hookbench truncates
 * over-long names (with a warning) rather than rejecting the request: one odd key should not lose a message.
 */
export function clipName(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name
  const cut = isHighSurrogate(name.charCodeAt(maxLength - 1)) ? maxLength - 1 : maxLength
  return name.slice(0, cut)
}

/** ATSD-BEHAVIOUR §2.3: one leading and one trailing quote are removed when the same quote is at both ends. */
export function unquote(value: string): string {
  if (value.length < 2) return value
  const first = value.charAt(0)
  return (first === '"' || first === "'") && value.endsWith(first) ? value.slice(1, -1) : value
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
