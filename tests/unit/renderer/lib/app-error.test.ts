import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import {
  formMessage,
  fromZodError,
  isInvalid,
  messageFor,
  placesOf,
  toErrorShape,
} from '@renderer/lib/app-error'

describe('toErrorShape', () => {
  it('keeps an AppError as its shape and wraps anything else as internal', () => {
    const error = new AppError('conflict', 'User ada exists.', { where: [{ path: ['name'] }] })
    expect(toErrorShape(error)).toEqual({
      kind: 'conflict',
      message: 'User ada exists.',
      where: [{ path: ['name'] }],
    })
    expect(toErrorShape(new TypeError('boom'))).toEqual({
      kind: 'internal',
      message: 'The window hit an unexpected problem: boom',
    })
  })
})

describe('field errors', () => {
  const schema = z.object({
    name: z.string().min(1, 'Name it'),
    retention: z.object({ maxRows: z.number() }),
  })

  it('maps a one-field zod failure to its path, shown beside that field', () => {
    const error = fromZodError(
      schema.safeParse({ name: 'x', retention: { maxRows: 'a' } }).error as z.ZodError,
    )
    expect(error.kind).toBe('invalid_input')
    expect(error.where).toEqual([{ path: ['retention', 'maxRows'] }])
    expect(messageFor(error, 'retention.maxRows')).toBe(error.message)
    expect(messageFor(error, 'name')).toBeNull()
    expect(formMessage(error, ['name', 'retention.maxRows'])).toBeNull()
  })

  it('marks every field of a several-field failure invalid and shows its sentence once, at the foot', () => {
    const error = fromZodError(schema.safeParse({ name: '', retention: {} }).error as z.ZodError)
    expect(error.message).toMatch(/^name: Name it; retention\.maxRows: /)
    expect(isInvalid(error, 'name')).toBe(true)
    expect(isInvalid(error, 'retention.maxRows')).toBe(true)
    expect(messageFor(error, 'name')).toBeNull()
    expect(formMessage(error, ['name', 'retention.maxRows'])).toBe(error)
  })

  it('lists the top-level position of rule-expression errors with the where list', () => {
    expect(
      placesOf({
        kind: 'syntax',
        message: 'x',
        field: 'condition',
        line: 2,
        column: 5,
        where: [{ path: ['name'] }],
      }),
    ).toEqual([{ path: ['name'] }, { path: ['condition'], line: 2, column: 5 }])
  })

  it('lists a place given both in where[] and at the top level once (a rules XML syntax error)', () => {
    expect(
      placesOf({ kind: 'syntax', message: 'x', line: 1, column: 28, where: [{ line: 1, column: 28 }, {}] }),
    ).toEqual([{ line: 1, column: 28 }])
  })
})
