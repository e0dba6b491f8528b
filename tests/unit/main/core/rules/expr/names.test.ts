import { describe, expect, it } from 'vitest'
import {
  checkNames,
  collectTagNames,
  parseExpression,
  type Expr,
} from '../../../../../../src/main/core/rules/expr'

function expr(source: string): Expr {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`)
  return parsed.value
}

describe('checkNames', () => {
  it.each([
    [
      'known command fields',
      "entity = 'a' AND type = 'b' AND tags.x = source AND severity = message AND date > 0",
    ],
    [
      'functions and methods',
      "upper(message).contains('A') AND tags.isEmpty() = false AND matches(entity, 'a+')",
    ],
    ['window fields in a condition', 'count() > 1 AND repeat_count > 0 AND elapsed_minutes(open_time) > 5'],
    ['date fields', "now.hourOfDay = 15 AND now.dayOfWeek = 'Thursday' AND open_time.millis > 0"],
    ['variadic concat', "concat('a', 'b', 'c', 'd')"],
  ])('accepts %s', (_label, source) => {
    expect(checkNames(expr(source), { scope: 'condition' })).toEqual([])
  })

  it.each([
    [
      'unknown field with a suggestion',
      "entiy = 'a'",
      'condition',
      1,
      1,
      "Unknown field 'entiy'; did you mean 'entity'?",
    ],
    [
      'unknown field on a later line',
      "entity = 'a'\n  AND valu > 1",
      'condition',
      2,
      7,
      "Unknown field 'valu'",
    ],
    ['unknown function', 'avg() > 10', 'condition', 1, 1, "Unknown function 'avg'"],
    ['wrong case', "UPPER(entity) = 'A'", 'condition', 1, 1, "did you mean 'upper()'?"],
    ['wrong arity', "upper(entity, 'x')", 'condition', 1, 1, 'upper() takes 1 argument, got 2'],
    ['wrong arity as a method', "entity.upper('x')", 'condition', 1, 1, 'plus the value before the dot'],
    ['function used as a field', 'count > 3', 'condition', 1, 1, "'count' is a function: write count()"],
    ['count() in a filter', 'count() > 3', 'filter', 1, 1, 'count() needs a window'],
    ['window field in a filter', "rule = 'x'", 'filter', 1, 1, "'rule' is not available in a filter"],
    [
      'status in a condition',
      "status = 'OPEN'",
      'condition',
      1,
      1,
      "'status' is not available in a condition",
    ],
    ['unknown date field', 'now.hour_of_day = 1', 'condition', 1, 1, "A date has no field 'hour_of_day'"],
    ['method with unknown name', "message.containz('a')", 'condition', 1, 1, "did you mean 'contains()'?"],
  ] as const)('reports %s', (_label, source, scope, line, column, message) => {
    const errors = checkNames(expr(source), { scope })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ line, column })
    expect(errors[0]?.message).toContain(message)
  })

  it('allows every name in templates by default', () => {
    expect(checkNames(expr('status + rule + alert_duration_interval + count() + received_datetime'))).toEqual(
      [],
    )
  })

  it('reports each unknown name once, in source order', () => {
    const errors = checkNames(expr('value > 1 || metric = avg()'))
    expect(errors.map((e) => [e.column, e.message.split(';')[0]])).toEqual([
      [1, "Unknown field 'value'"],
      [14, "Unknown field 'metric'"],
      [23, "Unknown function 'avg'"],
    ])
  })
})

describe('collectTagNames', () => {
  it.each([
    ['dotted names', 'tags.message.chat.id = tags.message.from.id', ['message.chat.id', 'message.from.id']],
    ['bracketed names', 'tags[\'x-y\'] != tags["a.b"]', ['x-y', 'a.b']],
    ['names before method calls', "tags.a.b.contains('x') && tags.isEmpty()", ['a.b']],
    ['array-style names', 'tags.authors[0]', ['authors[0]']],
    ['duplicates once', 'tags.a = 1 OR tags.a = 2', ['a']],
    ['nested in functions and lists', "upper(tags.u) IN [tags.l, 'x'] ? tags.t : ''", ['u', 'l', 't']],
    ['dynamic names are not collected', 'tags[entity]', []],
  ])('collects %s', (_label, source, names) => {
    expect(collectTagNames(expr(source))).toEqual(names)
  })
})
