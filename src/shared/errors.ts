// No zod here: the renderer's first page imports AppError, and zod loads with the contract only when a check
// needs it (issue 16, docs/performance.md). The schema of the error envelope is in error-shape.ts.

export const ERROR_KINDS = [
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
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

/** Where an error is: a field path, and/or a 1-based line and column with what was expected there. */
export interface Where {
  path?: (string | number)[]
  line?: number
  column?: number
  expected?: string[]
}

/** The error envelope both transports carry (schema: `AppErrorShape` in error-shape.ts). */
export interface AppErrorShape {
  kind: ErrorKind
  message: string
  where?: Where[]
  retryAfterMs?: number
  ref?: string
  /** Rule expression errors also carry their field and position at the top level (issue 4 contract). */
  field?: string
  line?: number
  column?: number
}
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
