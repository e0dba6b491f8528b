import type { z } from 'zod'
import { AppError, type AppErrorShape, type Where } from '@shared/errors'

/** What a store keeps when an action fails: the contract's error shape, whatever was thrown. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape()
  const detail = error instanceof Error ? error.message : String(error)
  return { kind: 'internal', message: `The window hit an unexpected problem: ${detail}` }
}

/** A zod failure of a form's input (checked with the contract's own schema) as an invalid_input error. */
export function fromZodError(error: z.ZodError): AppErrorShape {
  const where: Where[] = error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
  }))
  const message =
    error.issues.length === 1
      ? (error.issues[0]?.message ?? '')
      : error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')
  return { kind: 'invalid_input', message, where }
}

const pathsOf = (error: AppErrorShape) =>
  (error.where ?? []).flatMap((where) => (where.path?.length ? [where.path.join('.')] : []))

/** True when the error points at `field` (a `where` path joined with `.`): the control shows as invalid. */
export function isInvalid(error: AppErrorShape | null | undefined, field: string): boolean {
  return error ? pathsOf(error).includes(field) : false
}

/**
 * The error's sentence when it is about `field` alone, to show beside it. An error about several fields
 * has one sentence for all of them, so it shows once at the form's foot (see formMessage).
 */
export function messageFor(error: AppErrorShape | null | undefined, field: string): string | null {
  if (!error) return null
  const paths = pathsOf(error)
  return paths.length === 1 && paths[0] === field ? error.message : null
}

/** The error to show at a form's foot: any error not shown beside one of the form's fields. */
export function formMessage(
  error: AppErrorShape | null | undefined,
  fields: readonly string[],
): AppErrorShape | null {
  if (!error) return null
  return fields.some((field) => messageFor(error, field) !== null) ? null : error
}

/** Every place an error points at: its `where` list, plus the top-level position rule-expression errors carry. */
export function placesOf(error: AppErrorShape): Where[] {
  const top: Where[] =
    error.line === undefined
      ? []
      : [
          {
            ...(error.field && { path: [error.field] }),
            line: error.line,
            ...(error.column !== undefined && { column: error.column }),
          },
        ]
  // The core may give one place both ways (where[] and top-level line/column, e.g. a rules XML syntax error):
  // list it once.
  const seen = new Set<string>()
  return [...(error.where ?? []), ...top].filter((where) => {
    if (!where.path?.length && where.line === undefined) return false
    const key = JSON.stringify([where.path ?? [], where.line, where.column])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
