/** A rule as the editor sends it back: its summary without the fields the API adds. */
export function definitionOf(summary: Record<string, unknown>): Record<string, unknown> {
  const {
    id: _i,
    createdAt: _c,
    updatedAt: _u,
    openAlerts: _o,
    lastFiredAt: _l,
    lastError: _e,
    ...rule
  } = summary
  return rule
}
