/**
 * The rule expression language (ATSD-BEHAVIOUR §5.1) and `${...}` placeholders (§6): a hand-written
 * recursive-descent parser and a tree-walking evaluator (no eval, no Function). See docs/expressions.md.
 * Each export carries its TSDoc at its declaration.
 */
export type { Expr, ExprError } from './ast'
export type { EvalContext } from './context'
export type { Value } from './values'
export type { TemplatePart } from './template'
export type { Escaper } from './escapers'
export type { ExprScope } from './names'
export { parseExpression } from './parser'
export { evaluate } from './evaluator'
export { isTruthy } from './values'
export { checkNames, collectTagNames } from './names'
export { parseTemplate, renderTemplate } from './template'
export { escapeTelegramMarkdown, escapeTelegramHtml, escapeJsonString } from './escapers'
export { bodyTarget, escaperFor, telegramTarget } from './escape-context'
export type { EscapeTarget } from './escape-context'
