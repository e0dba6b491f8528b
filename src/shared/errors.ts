import { z } from 'zod'

export const ErrorKind = z.enum([
  'invalid_input',
  'syntax',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'upstream',
  'unavailable',
  'internal',
])
export type ErrorKind = z.infer<typeof ErrorKind>

/** Where an error is: a field path, and/or a 1-based line and column with what was expected there. */
export const Where = z.object({
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  expected: z.array(z.string()).optional(),
})
export type Where = z.infer<typeof Where>

export const AppErrorShape = z.object({
  kind: ErrorKind,
  message: z.string(),
  where: z.array(Where).optional(),
  retryAfterMs: z.number().optional(),
  ref: z.string().optional(),
  /** Rule expression errors also carry their field and position at the top level (issue 4 contract). */
  field: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
})
export type AppErrorShape = z.infer<typeof AppErrorShape>

/** The one error type both renderer clients reject with, and the core throws. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: Omit<AppErrorShape, 'kind' | 'message'> = {},
    options?: ErrorOptions,
  ) {
    super(message, options) // the cause stays in the log, never in toShape()
    this.name = 'AppError'
  }

  toShape(): AppErrorShape {
    return { kind: this.kind, message: this.message, ...this.details }
  }

  static fromShape(shape: AppErrorShape): AppError {
    const { kind, message, ...details } = shape
    return new AppError(kind, message, details)
  }
}
