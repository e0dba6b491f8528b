import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { api, type Output } from '@shared/api'
import type { MethodName } from '@shared/api-names'
import { AppError, type AppErrorShape, type Where } from '@shared/errors'
import type { Logger } from '../log'
import type { Handlers } from './handlers'

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }
export type Dispatch = <M extends MethodName>(name: M, input: unknown) => Promise<Envelope<Output<M>>>

/** zod issues → `where[].path`, first issue's text as the message. */
export function zodToAppError(error: z.ZodError, what = 'input'): AppError {
  const where: Where[] = error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
  }))
  const first = error.issues[0]
  const at = first && first.path.length ? ` at ${first.path.join('.')}` : ''
  return new AppError('invalid_input', `Invalid ${what}${at}: ${first?.message ?? 'unknown problem'}`, {
    where,
  })
}

/**
 * The single entry point both transports (HTTP routes and Electron IPC) call: validates the input against
 * the contract, runs the handler, and turns every failure into an AppErrorShape. Unexpected errors are
 * logged with a ref and answered as `internal` with that ref only.
 */
export function createDispatch(handlers: Handlers, log: Logger): Dispatch {
  return async (name, input) => {
    const spec = api[name]
    const parsed = spec.input.safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: zodToAppError(parsed.error).toShape() }
    try {
      const handler = handlers[name] as (i: unknown) => Promise<Output<typeof name>>
      return { ok: true, value: await handler(parsed.data) }
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toShape() }
      const ref = randomUUID().slice(0, 8)
      log.error({ err, ref, method: name }, 'handler failed')
      return {
        ok: false,
        error: { kind: 'internal', message: `Something went wrong inside Hookbench (ref ${ref}).`, ref },
      }
    }
  }
}
