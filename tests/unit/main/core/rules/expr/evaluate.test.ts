import { describe, expect, it } from 'vitest'
import {
  evaluate,
  isTruthy,
  parseExpression,
  type EvalContext,
  type Value,
} from '../../../../../../src/main/core/rules/expr'

const NOW_MS = Date.parse('2024-05-02T11:22:33.444Z') // a Thursday
const OPEN_MS = NOW_MS - (1 * 3600 + 8 * 60 + 59) * 1000

const ctx: EvalContext = {
  command: {
    entity: 'telegram',
    type: 'webhook',
    source: 'telegram',
    severity: 'WARNING',
    message: 'Hello World',
    date: '2024-05-02T11:00:00.000Z',
    tags: {
      'message.chat.id': '-100123',
      'message.from.first_name': 'Ann',
      'x-y': 'dash',
      count: '5',
      public: 'false',
      'repository.authors[0]': 'john.doe',
      Mixed: 'M',
      empty: '',
    },
  },
  window: {
    count: 3,
    status: 'REPEAT',
    beforeStatus: 'OPEN',
    repeatCount: 2,
    openTimeMs: OPEN_MS,
    rule: 'telegram-echo',
    windowText: 'length(1)',
  },
  nowMs: NOW_MS,
  receivedAtMs: Date.parse('2024-05-02T11:00:00.123Z'),
}

function run(source: string, context: EvalContext = ctx): Value {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`)
  const result = evaluate(parsed.value, context)
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`)
  return result.value
}

function runError(
  source: string,
  context: EvalContext = ctx,
): { message: string; line: number; column: number } {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`)
  const result = evaluate(parsed.value, context)
  if (result.ok) throw new Error(`${source}: expected an error, got ${JSON.stringify(result.value)}`)
  return result.error
}

describe('evaluate fields', () => {
  it.each<[string, Value]>([
    ['entity', 'telegram'],
    ['type', 'webhook'],
    ['source', 'telegram'],
    ['severity', 'WARNING'],
    ['message', 'Hello World'],
    ['date = "2024-05-02T11:00:00Z"', true],
    ['date.millis', Date.parse('2024-05-02T11:00:00.000Z')],
    ['tags.message.chat.id', '-100123'],
    ["tags['x-y']", 'dash'],
    ['tags["x-y"]', 'dash'],
    ['tags.repository.authors[0]', 'john.doe'],
    ['tags.mixed', 'M'],
    ['tags.missing', null],
    ['tags[entity]', null],
    ['tags.isEmpty()', false],
    ['tags.size()', 8],
    ["tags.contains('count')", true],
    ['rule', 'telegram-echo'],
    ['status', 'REPEAT'],
    ['before_status', 'OPEN'],
    ['repeat_count', 2],
    ['window', 'length(1)'],
    ['open_time.millis', OPEN_MS],
    ['alert_duration', '00:01:08:59'],
    ['alert_duration_interval', '1h:8m:59s'],
    ['received_datetime.millis', Date.parse('2024-05-02T11:00:00.123Z')],
    ['count()', 3],
    ['now.millis', NOW_MS],
    ['now.hourOfDay', 11],
    ['now.day_of_week', 'Thursday'],
    ["now.dayOfWeek = 'thursday'", true],
    ['now().year', 2024],
    ['value', null],
    ['metric', null],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected)
  })

  it('gives window fields null and repeat_count null without a window (filters)', () => {
    const filterCtx: EvalContext = { command: ctx.command, nowMs: NOW_MS }
    expect(
      run('[rule, status, before_status, repeat_count, window, open_time, alert_duration]', filterCtx),
    ).toEqual([null, null, null, null, null, null, null])
    expect(runError('count() > 1', filterCtx).message).toContain('count() needs a window')
  })

  it('renders alert_duration_interval empty on OPEN', () => {
    const openCtx: EvalContext = { ...ctx, window: { count: 1, status: 'OPEN', openTimeMs: OPEN_MS } }
    expect(run('alert_duration_interval', openCtx)).toBe('')
  })
})

describe('evaluate operators', () => {
  it.each<[string, Value]>([
    ["'a' = 'A'", true],
    ["'a' == 'b'", false],
    ["'a' != 'A'", false],
    ["'a' <> 'b'", true],
    ["5 = '5'", true],
    ["'5.0' = 5", true],
    ["5 = 'five'", false],
    ["'5' = '5.0'", false],
    ["true = 'TRUE'", true],
    ['tags.public = false', true],
    ['[1, 2] = [1, 2]', true],
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 2', true],
    ['2 >= 3', false],
    ["'10' > 9", true],
    ["'B' < 'a'", true],
    ["'b' < 'a'", false],
    ["'abc' < 5", false],
    ['now > date', true],
    ["date < '2024-05-02T12:00:00+00:30'", true],
    ['5 BETWEEN 1 AND 5', true],
    ['0 BETWEEN 1 AND 5', false],
    ["'b' BETWEEN 'a' AND 'c'", true],
    ["'B' BETWEEN 'a' AND 'c'", false],
    ['tags.count BETWEEN 1 AND 10', true],
    ['0 NOT BETWEEN 1 AND 5', true],
    ["message LIKE 'hello*'", true],
    ["message LIKE 'Hello?World'", true],
    ["message LIKE 'Hello'", false],
    ["message LIKE ('x*', '*world')", true],
    ["message NOT LIKE 'x*'", true],
    ["message LIKE ['no', 'H*']", true],
    ["'a.b' LIKE 'a*'", true],
    ["entity IN ('slack', 'Telegram')", true],
    ["entity NOT IN ('slack', 'telegram')", false],
    ['5 IN (1, 5)', true],
    ["'5' IN (1, 5)", true],
    ["entity IN split('a,telegram', ',')", true],
    ['true AND false', false],
    ['true && true', true],
    ['false OR true', true],
    ['false || false', false],
    ['NOT true', false],
    ['!false', true],
    ["'false' OR 0", false],
    ['1 ? 2 : 3', 2],
    ["tags.missing ? 'yes' : 'no'", 'no'],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 - 2 - 1', 4],
    ['7 / 2', 3.5],
    ['7 % 4', 3],
    ['-3 + 1', -2],
    ["-'4'", -4],
    ["'a' + 'b'", 'ab'],
    ["'n=' + 5", 'n=5'],
    ['tags.count + 1', '51'],
    ['tags.count * 2', 10],
    ["tags.missing + 'x'", 'x'],
    ['tags.missing + 1', null],
    ['now - open_time', NOW_MS - OPEN_MS],
    ['[1, "a"][1]', 'a'],
    ['[1][5]', null],
    ["'abc'[0]", 'a'],
    ['2e21 + 0 = 2000000000000000000000', true],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected)
  })

  it('short-circuits AND and OR', () => {
    expect(run('false AND 1 / 0 = 1')).toBe(false)
    expect(run('true OR nosuch()')).toBe(true)
  })

  it('evaluates the filter of rules_outgoing_webhook.xml with AND binding tighter than OR', () => {
    const filter =
      "type = 'webhook' && source = 'slack' || source = 'telegram' && entity = 'slack' || entity = 'telegram'"
    expect(run(filter)).toBe(true)
    const other = { ...ctx, command: { ...ctx.command, entity: 'slack', source: 'github' } }
    expect(run(filter, other)).toBe(false)
  })
})

describe('evaluate null and missing tags', () => {
  it.each<[string, Value]>([
    ["tags.missing = 'x'", false],
    ["tags.missing != 'x'", true],
    ['tags.missing = null', true],
    ['tags.missing != null', false],
    ['tags.empty = null', false],
    ['null = null', true],
    ['tags.missing > 1', false],
    ['tags.missing < 1', false],
    ['tags.missing BETWEEN 1 AND 2', false],
    ["tags.missing LIKE '*'", false],
    ["tags.missing NOT LIKE '*'", true],
    ["tags.missing IN ('a')", false],
    ['tags.missing IN (null)', true],
    ['upper(tags.missing)', ''],
    ['length(tags.missing)', 0],
    ["concat(tags.missing, 'x')", 'x'],
    ["tags.missing.contains('a')", false],
    ["ifEmpty(tags.missing, 'default')", 'default'],
    ['isEmpty(tags.missing)', true],
    ['-tags.missing', null],
    ['open_time.millis', OPEN_MS],
    ['tags.missing.foo', null],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected)
  })
})

describe('evaluate functions', () => {
  it.each<[string, Value]>([
    ["upper('abc')", 'ABC'],
    ["lower('ABC')", 'abc'],
    ["trim('  a b  ')", 'a b'],
    ["length('abc')", 3],
    ["truncate('abcdef', 3)", 'abc'],
    ["startsWith('abc', 'ab')", true],
    ["endsWith('abc', 'bc')", true],
    ["contains('abc', 'b')", true],
    ["message.contains('world')", false],
    ["['a', 'b'].contains('B')", true],
    ["replace('a-b-c', '-', '+')", 'a+b+c'],
    ["split('a,b,,c', ',')", ['a', 'b', '', 'c']],
    ["keepAfter('a.b.c', '.')", 'b.c'],
    ["keepAfterLast('a.b.c', '.')", 'c'],
    ["keepBefore('a.b.c', '.')", 'a'],
    ["keepBeforeLast('a.b.c', '.')", 'a.b'],
    ["keepAfter('abc', 'x')", 'abc'],
    ["removeBeginning('/start now', '/start ')", 'now'],
    ["removeEnding('file.txt', '.txt')", 'file'],
    ["capFirst('hello world')", 'Hello world'],
    ["capitalize('hello big world')", 'Hello Big World'],
    ["abbreviate('abcdefghij', 6)", 'abc...'],
    ["abbreviate('abc', 6)", 'abc'],
    ["indexOf('abcabc', 'c')", 2],
    ["indexOf('abcabc', 'c', 3)", 5],
    ["indexOf('abc', 'x')", -1],
    ["countMatches('a-b-c', '-')", 2],
    ["urlencode('a b&c/é')", 'a%20b%26c%2F%C3%A9'],
    ['jsonencode(\'say "hi"\\n\')', 'say \\"hi\\"\\n'],
    ["htmlDecode('&lt;b&gt; &amp; &#39;x&#x27; &quot;')", "<b> & 'x' \""],
    ["htmlDecode('&constructor; &#1114112;')", '&constructor; &#1114112;'],
    ['unquote(\'"quoted"\')', 'quoted'],
    ["unquote('\\'q\\'')", 'q'],
    ["unquote('\"mismatch\\'')", '"mismatch\''],
    ["concat('a', 1, null, true)", 'a1true'],
    ["concat(['a', 'b'], '; ')", 'a; b'],
    ["ifEmpty('', 'b')", 'b'],
    ["ifEmpty('a', 'b')", 'a'],
    ["coalesce(tags.missing, '', 'c', 'd')", 'c'],
    ["coalesce([null, 'x'])", 'x'],
    ['coalesce(tags.missing)', null],
    ["likeAny('telegram', ['slack', 'tele*'])", true],
    ["likeAny('telegram', 'x*')", false],
    ["matches('abc123', '[a-z]+\\d+')", true],
    ["matches('abc123x', '[a-z]+\\d+')", false],
    ["matches(['x', 'ab1'], '[a-z]+\\d')", true],
    ["size(['a', 'b'])", 2],
    ["size('abc')", 3],
    ['isEmpty([])', true],
    ["isEmpty('x')", false],
    ["toNumber('42.5')", 42.5],
    ["toNumber('x')", null],
    ['toNumber(true)', 1],
    ["toBoolean('TRUE')", true],
    ["toBoolean('yes')", true],
    ["toBoolean('no')", false],
    ['toBoolean(0)', false],
    ['count()', 3],
    ['now().millis = now.millis', true],
    ['elapsed_minutes(open_time)', 68 + 59 / 60],
    ["elapsed_minutes('2024-05-02T11:20:33.444Z')", 2],
    ['elapsed_minutes(tags.missing)', null],
    ['date_format(now)', '2024-05-02T11:22:33.444Z'],
    ["date_format(now, 'yyyy-MM-dd HH:mm:ss')", '2024-05-02 11:22:33'],
    ["date_format(now, 'yyyy-MM-dd HH:mm XXX', 'Europe/Berlin')", '2024-05-02 13:22 +02:00'],
    ["date_format(now, 'HH:mm', '+05:30')", '16:52'],
    ["date_format(now, 'iso', 'America/New_York')", '2024-05-02T07:22:33.444-04:00'],
    ["date_format(now, 'seconds')", '1714648953'],
    ["date_format(1714648953444, 'milliseconds')", '1714648953444'],
    ["date_format('2024-05-02T11:00:00Z', 'dd.MM.yyyy')", '02.05.2024'],
    ['date_format(tags.missing)', null],
    ["message.upper().replace('WORLD', 'there')", 'HELLO there'],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected)
  })
})

describe('evaluate errors', () => {
  it.each([
    ['number + list', '1 + [1]', 1, 1, "'+' cannot use a list"],
    ['unknown function at runtime', "entity + nosuch('x')", 1, 10, "Unknown function 'nosuch'"],
    ['wrong arity', 'upper()', 1, 1, 'upper() takes 1 argument, got 0'],
    ['wrong arity as a method', "message.upper('x')", 1, 1, 'upper() takes 1 argument, got 2'],
    ['division by zero', '1 / 0', 1, 1, 'Division by zero'],
    ['modulo by zero', '1 % 0', 1, 1, 'Division by zero'],
    ['text in arithmetic', "'a' * 2", 1, 1, "needs numbers, got the text 'a'"],
    ['ordering booleans', 'true < 1', 1, 1, 'cannot order a boolean'],
    ['negating text', "-'x'", 1, 1, 'Cannot negate a text'],
    ['bad regex', "matches('a', '(')", 1, 1, 'invalid regular expression'],
    ['long regex', `matches('a', '${'a'.repeat(1001)}')`, 1, 1, 'up to 1000 characters'],
    ['localized date pattern', "date_format(now, 'EEE')", 1, 1, "cannot use the pattern 'EEE'"],
    ['unknown zone', "date_format(now, 'iso', 'Mars/Base')", 1, 1, "time zone 'Mars/Base'"],
    ['not a date', "date_format('soon')", 1, 1, 'expects a date, got text'],
    ['unknown date field', 'now.hour_of_day', 1, 1, "A date has no field 'hour_of_day'"],
    ['abbreviate too narrow', "abbreviate('abcdef', 2)", 1, 1, 'at least 4'],
    ['non-numeric argument', "truncate('abc', 'x')", 1, 1, 'expects a number as argument 2'],
    ['member of a text', "'abc'.length", 1, 1, "Cannot read 'length' of a text"],
    ['non-integer index', "[1]['x']", 1, 1, 'index must be a whole number'],
    ['error on a later line', "entity = 'telegram'\n  AND 1 / 0 = 1", 2, 7, 'Division by zero'],
  ])('%s: %s', (_label, source, line, column, message) => {
    const error = runError(source)
    expect(error).toMatchObject({ line, column })
    expect(error.message).toContain(message)
  })
})

describe('isTruthy', () => {
  it.each<[Value, boolean]>([
    [null, false],
    [false, false],
    [true, true],
    [0, false],
    [2, true],
    ['', false],
    ['false', false],
    ['FALSE', false],
    ['0', true],
    ['x', true],
    [[], false],
    [[0], true],
    [{}, false],
    [{ a: '1' }, true],
    [new Date(0), true],
  ])('%j → %s', (value, expected) => {
    expect(isTruthy(value)).toBe(expected)
  })
})
