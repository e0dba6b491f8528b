/** A body worth showing as a JSON tree: parsed when it is JSON (by content type or by shape). */
export function parseJsonBody(
  body: string,
  contentType: string | null,
): { ok: true; value: unknown } | { ok: false } {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body)
  if (!looksJson || body.trim() === '') return { ok: false }
  try {
    return { ok: true, value: JSON.parse(body) as unknown }
  } catch {
    return { ok: false }
  }
}
