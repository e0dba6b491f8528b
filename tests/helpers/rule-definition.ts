/** A rule as the editor sends it back: its summary without the fields the API adds. */
export function definitionOf<T extends Record<string, unknown>>(
  summary: T,
): Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'openAlerts' | 'lastFiredAt' | 'lastError'> {
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
