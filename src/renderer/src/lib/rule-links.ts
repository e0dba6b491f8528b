/** The rule editor, new rule prefilled from a stored message (the Rules page reads `fromMessage`). */
export function createRuleHref(messageId: number): string {
  return `#/rules/new?fromMessage=${messageId}`
}
