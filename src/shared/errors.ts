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

/**
 * A file or folder Hookbench needs at start exists but cannot be used: a damaged database or secrets file, a
 * data folder it may not write or whose disk is full. Start stops with this error rather than start empty and
 * overwrite the file later; `file` names it and the message says what to do. `hookbench serve` exits with
 * DATA_FILE_EXIT, the desktop app shows the message in a dialog.
 */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'DataFileError'
  }
}

/** The exit code of `hookbench serve` when start stops on a DataFileError (2 is a bad flag, 1 the rest). */
export const DATA_FILE_EXIT = 3
