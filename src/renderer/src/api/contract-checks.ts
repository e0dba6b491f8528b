import { api, type Input, type Output } from '@shared/api'
import type { MethodName } from '@shared/api-names'
import { AppError, type AppErrorShape as AppErrorShapeType } from '@shared/errors'
import { AppErrorShape } from '@shared/error-shape'
import { CoreEvent } from '@shared/events'
import { fromZodError } from '../lib/app-error'

/*
 * Every runtime check of what the core sends the window, with zod and the contract's schemas. This module is
 * its own chunk, loaded by `contractChecks()` (client.ts) after the window's first paint or when an error
 * or event needs it: zod and the schemas (~120 KB minified, 50–100 ms to build) stay off the first page
 * (issue 16, docs/performance.md).
 */

/**
 * Checks a core answer against the contract, so a version mismatch between window and core shows as
 * a sentence instead of `undefined` deep inside a page.
 */
export function parseOutput<M extends MethodName>(name: M, value: unknown): Output<M> {
  const parsed = api[name].output.safeParse(value)
  if (parsed.success) return parsed.data as Output<M>
  const where = parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(toPathKey) }))
  throw new AppError(
    'internal',
    `Hookbench answered ${name} in an unexpected shape. The window and the core may be different versions; reload the window.`,
    { where },
  )
}

/** What is wrong with a form's input by the contract's own schema (an invalid_input error), or null. */
export function inputProblem<M extends MethodName>(name: M, input: Input<M>): AppErrorShapeType | null {
  const checked = api[name].input.safeParse(input)
  return checked.success ? null : fromZodError(checked.error)
}

function toPathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key)
}

/** A valid `CoreEvent`, or null (an invalid event is dropped). */
export function parseEvent(value: unknown): CoreEvent | null {
  const event = CoreEvent.safeParse(value)
  return event.success ? event.data : null
}

/** The error envelope of a failed HTTP answer, or null when the body is not one. */
export function parseErrorShape(value: unknown): AppErrorShapeType | null {
  const shape = AppErrorShape.safeParse(value)
  return shape.success ? shape.data : null
}
