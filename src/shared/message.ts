import { z } from 'zod'

/** ATSD-BEHAVIOUR §3: severities by code (index) and canonical name. */
export const SEVERITY_NAMES = [
  'UNDEFINED',
  'UNKNOWN',
  'NORMAL',
  'WARNING',
  'MINOR',
  'MAJOR',
  'CRITICAL',
  'FATAL',
] as const
export const Severity = z.enum(SEVERITY_NAMES)
export type Severity = z.infer<typeof Severity>

/** A message command (ATSD-BEHAVIOUR §2): what one webhook request converts into. */
export const MessageCommand = z.object({
  entity: z.string(),
  type: z.string(),
  source: z.string(),
  severity: Severity.nullable(),
  message: z.string().nullable(),
  /** ISO-8601 UTC with milliseconds. */
  date: z.string(),
  tags: z.record(z.string(), z.string()),
})
export type MessageCommand = z.infer<typeof MessageCommand>
