import { z } from 'zod'
import { MessageCommand } from './message'
import { Rule } from './rules'

/** A rule as listed: the rule plus what the engine knows about it. */
export const RuleSummary = Rule.extend({
  openAlerts: z.number().int(),
  lastFiredAt: z.string().nullable(),
  lastError: z.object({ message: z.string(), at: z.string() }).nullable(),
})
export type RuleSummary = z.infer<typeof RuleSummary>

export const SavedRule = z.object({
  rule: Rule,
  /** Non-blocking notes, e.g. tags no stored message has carried. */
  warnings: z.array(z.string()),
})

const FieldOutcome = z.object({
  field: z.string(),
  outcome: z.enum(['imported', 'mapped', 'ignored']),
  detail: z.string(),
})
export const ImportResult = z.object({
  rules: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['imported', 'imported_disabled', 'skipped', 'replaced']),
      id: z.string().nullable(),
      fields: z.array(FieldOutcome),
      error: z.string().nullable(),
    }),
  ),
  endpoints: z.array(z.object({ name: z.string(), fields: z.array(FieldOutcome) })),
  warnings: z.array(z.string()),
})
export type ImportResult = z.infer<typeof ImportResult>

/** Test a rule against a stored message (by id) or a given command. */
export const RuleTestInput = z
  .object({ messageId: z.coerce.number().int().min(1).optional(), command: MessageCommand.optional() })
  .refine((v) => v.messageId !== undefined || v.command !== undefined, {
    message: 'Give messageId (a stored message) or command',
    path: ['messageId'],
  })

export const AlertQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  ruleId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
})
export const DeliveryQuery = z.object({
  alertId: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
})
