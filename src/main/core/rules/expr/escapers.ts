/**
 * Escapes a rendered value before it is placed in a notification text; `before` is what was rendered ahead
 * of it (context escapers read it to know where the value lands, escape-context.ts).
 */
export type Escaper = (s: string, before?: string) => string

/** Telegram Markdown (v1): `_ * ` and `[` are preceded by a backslash. */
export const escapeTelegramMarkdown: Escaper = (s) => s.replace(/[_*`[]/g, (c) => `\\${c}`)

/** Telegram HTML parse mode: `&`, `<` and `>` become entities. */
export const escapeTelegramHtml: Escaper = (s) =>
  s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))

/** The content of a JSON string (without the quotes): quotes, backslashes and control characters escaped. */
export const escapeJsonString: Escaper = (s) => JSON.stringify(s).slice(1, -1)
