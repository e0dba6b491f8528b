import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import { AppErrorShape } from '@shared/error-shape'
import { AppError, ERROR_KINDS, type AppErrorShape as AppErrorShapeType } from '@shared/errors'

// errors.ts writes the envelope's type by hand (no zod on the renderer's first page); the schema must agree.
describe('AppErrorShape', () => {
  it('infers exactly the hand-written type', () => {
    expectTypeOf<z.infer<typeof AppErrorShape>>().toEqualTypeOf<AppErrorShapeType>()
  })

  it.each(ERROR_KINDS)('accepts the kind %s and round-trips an AppError', (kind) => {
    const shape = new AppError(kind, 'Something to act on.', {
      where: [{ path: ['a', 0], line: 2 }],
    }).toShape()
    expect(AppErrorShape.parse(shape)).toEqual(shape)
  })

  it('refuses an unknown kind and a where that is not a list', () => {
    expect(AppErrorShape.safeParse({ kind: 'oops', message: 'x' }).success).toBe(false)
    expect(AppErrorShape.safeParse({ kind: 'internal', message: 'x', where: { path: [] } }).success).toBe(
      false,
    )
  })
})
