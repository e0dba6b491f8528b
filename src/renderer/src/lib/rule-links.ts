/** The rule editor, new rule prefilled from a stored message (the Rules page reads `fromMessage`). */
export function createRuleHref(messageId: number): string {
  return `#/rules/new?fromMessage=${messageId}`
}

/** One alert in the Alerts page's History tab (where open and closed alerts both are). */
export function alertHref(alertId: number): string {
  return `#/alerts?tab=history&alert=${alertId}`
}
