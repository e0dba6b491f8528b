import { z } from 'zod'
import { ERROR_KINDS, type AppErrorShape as AppErrorShapeType, type Where as WhereType } from './errors'

const Where = z.object({
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  expected: z.array(z.string()).optional(),
}) satisfies z.ZodType<WhereType>

/** The schema of `AppErrorShape` (errors.ts holds the type, zod-free); tests/unit/shared checks they agree. */
export const AppErrorShape = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  where: z.array(Where).optional(),
  retryAfterMs: z.number().optional(),
  ref: z.string().optional(),
  field: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
}) satisfies z.ZodType<AppErrorShapeType>
