/** The rule engine: expressions, windows, alerts, actions and ATSD rules XML. */
export { createRuleEngine } from './engine'
export type { RuleEngine } from './engine'
export { createNotifier } from './notifier'
export type { Notifier, DeliveryJob } from './notifier'
export { createRulesService } from './rules-service'
/** Moves secret header values of rules stored before issue 18 item 13 into the secret store (at start). */
export { migrateHeaderSecrets } from './header-secrets'
export type { RulesService } from './rules-service'
export { renderTemplatePreview } from './template-preview'
