// Ids that tie a control to the elements that describe it (label, hint, error, tab panel).

export const hintId = (id: string) => `${id}-hint`
export const errorId = (id: string) => `${id}-error`

/** The aria-describedby of a form control: its hint and its error, when shown. */
export function describedBy(id: string, parts: { hint?: unknown; error?: unknown }): string | undefined {
  const ids = [parts.hint ? hintId(id) : null, parts.error ? errorId(id) : null].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`

/** The id of a request's grid row: the grid's aria-activedescendant points at it. */
export const requestRowId = (id: number) => `request-row-${id}`
