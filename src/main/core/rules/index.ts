/** The rule engine: expressions, windows, alerts, actions and ATSD rules XML. */
export { createRuleEngine } from './engine'
export type { RuleEngine } from './engine'
export { createNotifier } from './notifier'
export type { Notifier, DeliveryJob } from './notifier'
export { createRulesService } from './rules-service'
export type { RulesService } from './rules-service'
export { renderTemplatePreview } from './template-preview'
