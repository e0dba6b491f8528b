import { z } from 'zod'
import { Severity } from './message'
import { AlertStatus } from './rules'

export const Alert = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  rule: z.string(),
  windowKey: z.string(),
  entity: z.string(),
  tags: z.record(z.string(), z.string()),
  status: AlertStatus,
  severity: Severity,
  open: z.boolean(),
  openedAt: z.string(),
  lastRepeatAt: z.string().nullable(),
  /** Consecutive true evaluations since OPEN (ATSD repeat_count). */
  count: z.number().int(),
  lastMessageId: z.number().int().nullable(),
  lastMessage: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.enum(['cancel', 'manual', 'rule_changed']).nullable(),
})
export type Alert = z.infer<typeof Alert>

export const AlertEvent = z.object({
  id: z.number().int(),
  alertId: z.number().int(),
  time: z.string(),
  status: z.enum(['OPEN', 'REPEAT', 'CANCEL', 'ACKNOWLEDGED', 'CLOSED']),
  messageId: z.number().int().nullable(),
})
export type AlertEvent = z.infer<typeof AlertEvent>

/**
 * What the rules did when a stored message arrived (the request detail's Rules tab): one alert event that
 * message caused, with the deliveries its actions made. Read from alert history, so it outlives rule edits.
 */
export const RecordedOutcome = z.object({
  alertId: z.number().int(),
  ruleId: z.string(),
  rule: z.string(),
  status: AlertEvent.shape.status,
  time: z.string(),
  /** Delivery attempts that succeeded (ok or recorded) and that failed or were dropped; retrying ones in neither. */
  delivered: z.number().int(),
  failed: z.number().int(),
})
export type RecordedOutcome = z.infer<typeof RecordedOutcome>

export const Delivery = z.object({
  id: z.number().int(),
  alertId: z.number().int().nullable(),
  ruleId: z.string().nullable(),
  rule: z.string().nullable(),
  actionIndex: z.number().int(),
  kind: z.enum(['telegram', 'http', 'desktop']),
  attempt: z.number().int(),
  outcome: z.enum(['ok', 'failed', 'retrying', 'dropped', 'recorded']),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
  response: z
    .object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() })
    .nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  emptyPlaceholders: z.array(z.string()),
  createdAt: z.string(),
})
export type Delivery = z.infer<typeof Delivery>

export const AlertDetail = Alert.extend({ events: z.array(AlertEvent), deliveries: z.array(Delivery) })
export type AlertDetail = z.infer<typeof AlertDetail>

/** What `POST /api/rules/:id/test` answers: the rule's verdict on one command, with no side effects. */
export const RuleTestResult = z.object({
  filter: z.object({ value: z.boolean(), error: z.string().nullable() }),
  windowKey: z.string().nullable(),
  condition: z.object({ value: z.unknown(), error: z.string().nullable() }).nullable(),
  /** The status the window would reach, or null when nothing would fire. */
  status: AlertStatus.nullable(),
  /** The window's status before this command; null for a window this command would start. */
  previousStatus: AlertStatus.nullable(),
  /** Notes on the rule itself, e.g. actions that cannot fire again in the same window (refireWarnings). */
  warnings: z.array(z.string()),
  actions: z.array(
    z.object({
      index: z.number().int(),
      kind: z.string(),
      fires: z.boolean(),
      texts: z.record(z.string(), z.string()),
      emptyPlaceholders: z.array(z.string()),
      errors: z.array(z.string()),
    }),
  ),
})
export type RuleTestResult = z.infer<typeof RuleTestResult>
