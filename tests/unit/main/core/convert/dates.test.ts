import { describe, expect, it } from 'vitest'
import { convertFails, convertOk } from './webhook-request'

const HOOK = '/api/v1/messages/webhook/x'

function dateOf(query: string, body?: object): string {
  return convertOk(`${HOOK}?${query}`, body === undefined ? {} : { body }).cmd.date
}

describe('convertWebhook: dates (ATSD-BEHAVIOUR §4)', () => {
  it.each([
    ['2016-06-09T16:15:04.005Z', '2016-06-09T16:15:04.005Z'],
    ['2016-06-09T12:15:04.005-04:00', '2016-06-09T16:15:04.005Z'],
    ['2016-06-24T20:00:45+0200', '2016-06-24T18:00:45.000Z'],
    ['2016-06-24T20:00:45.003000005+00:00', '2016-06-24T20:00:45.003Z'],
    ['2016-06-24T20:00:45.9999Z', '2016-06-24T20:00:45.999Z'],
    ['2016-02-29T23:59:59-1800', '2016-03-01T17:59:59.000Z'],
  ])('§4 valid ISO date=%s → %s', (input, expected) => {
    expect(dateOf(`date=${encodeURIComponent(input)}`)).toBe(expected)
  })

  it.each([
    ['2016-06-09T16:15:04', 'no zone'],
    ['2016-06-09T16:15Z', 'no seconds'],
    ['2016-06-09 16:15:04Z', 'no T'],
    ['2016-06-09T16:15:04PST', 'zone names'],
    ['2016-02-30T16:15:04Z', 'no such day'],
    ['2016-06-09T24:00:00Z', 'hour 24'],
    ['2016-06-09T16:15:04.1234567890Z', 'ten fraction digits'],
    ['2016-06-09T16:15:04+25:00', 'offset out of range'],
    ['2016-06-09T16:15:04z', 'lower-case z'],
    ['1465488904', 'numeric literal date'],
  ])('§4 invalid ISO date=%s (%s) is a bad_parameter', (input) => {
    const error = convertFails(`${HOOK}?date=${encodeURIComponent(input)}`)
    expect(error).toMatchObject({ code: 'bad_parameter', param: 'date', value: input })
    expect(error.message).toContain(`"${input}"`)
  })

  it.each([
    ['iso: ISO text', 'command.date=d', { d: '2016-06-09T16:15:04.005Z' }, '2016-06-09T16:15:04.005Z'],
    ['iso: 10 digits are seconds', 'command.date=d', { d: 1465488904 }, '2016-06-09T16:15:04.000Z'],
    ['iso: 11 digits are seconds', 'command.date=d', { d: 10000000000 }, '2286-11-20T17:46:40.000Z'],
    ['iso: 12 digits are milliseconds', 'command.date=d', { d: 100000000000 }, '1973-03-03T09:46:40.000Z'],
    ['iso: 13 digits are milliseconds', 'command.date=d', { d: '1465488904005' }, '2016-06-09T16:15:04.005Z'],
    ['seconds', 'command.date=d&datetimePattern=seconds', { d: 1465488904 }, '2016-06-09T16:15:04.000Z'],
    [
      'seconds with a fraction',
      'command.date=d&datetimePattern=SECONDS',
      { d: 1465488904.0059 },
      '2016-06-09T16:15:04.005Z',
    ],
    ['negative seconds', 'command.date=d&datetimePattern=seconds', { d: -1.5 }, '1969-12-31T23:59:58.500Z'],
    [
      'milliseconds',
      'command.date=d&datetimePattern=milliseconds',
      { d: 1465488904005 },
      '2016-06-09T16:15:04.005Z',
    ],
    [
      'milliseconds, few digits',
      'command.date=d&datetimePattern=milliseconds',
      { d: 5 },
      '1970-01-01T00:00:00.005Z',
    ],
    [
      'pattern without zone is UTC',
      `command.date=d&datetimePattern=${encodeURIComponent('yyyy-MM-dd HH:mm:ss')}`,
      { d: '2016-06-09 16:15:04' },
      '2016-06-09T16:15:04.000Z',
    ],
    [
      'pattern with SSS',
      `command.date=d&datetimePattern=${encodeURIComponent('yyyy-MM-dd HH:mm:ss.SSS')}`,
      { d: '2016-06-09 16:15:04.005' },
      '2016-06-09T16:15:04.005Z',
    ],
    [
      'pattern with XXX',
      `command.date=d&datetimePattern=${encodeURIComponent('yyyy-MM-dd HH:mm:ssXXX')}`,
      { d: '2016-06-09 12:15:04-04:00' },
      '2016-06-09T16:15:04.000Z',
    ],
    [
      'pattern with Z',
      `command.date=d&datetimePattern=${encodeURIComponent('dd.MM.yyyy HH:mm Z')}`,
      { d: '09.06.2016 18:15 +0200' },
      '2016-06-09T16:15:00.000Z',
    ],
    [
      'pattern with a quoted literal',
      `command.date=d&datetimePattern=${encodeURIComponent("yyyy-MM-dd'T'HH:mm:ss'y'")}`,
      { d: '2016-06-09T16:15:04y' },
      '2016-06-09T16:15:04.000Z',
    ],
    [
      'date-only pattern is the start of the day',
      'command.date=d&datetimePattern=uuuuMMdd',
      { d: 20160609 },
      '2016-06-09T00:00:00.000Z',
    ],
  ])('§4 command.date, %s', (_label, query, body, expected) => {
    expect(dateOf(query, body)).toBe(expected)
  })

  it('§4 the literal date stays ISO whatever datetimePattern says', () => {
    expect(dateOf('date=2016-06-09T16:15:04.005Z&datetimePattern=seconds')).toBe('2016-06-09T16:15:04.005Z')
  })

  it('§4 header.date follows datetimePattern too', () => {
    const { cmd } = convertOk(`${HOOK}?header.date=X-Sent&datetimePattern=milliseconds`, {
      headers: { 'X-Sent': '1465488904005' },
    })
    expect(cmd.date).toBe('2016-06-09T16:15:04.005Z')
  })

  it.each([
    ['a non-date for iso', 'command.date=d', { d: 'yesterday' }, 'expected an ISO-8601 date with a zone'],
    [
      'text for seconds',
      'command.date=d&datetimePattern=seconds',
      { d: '2016-06-09T16:15:04Z' },
      'Unix time in seconds',
    ],
    [
      'a fraction for milliseconds',
      'command.date=d&datetimePattern=milliseconds',
      { d: 1.5 },
      'Unix time in milliseconds',
    ],
    ['out of range', 'command.date=d&datetimePattern=milliseconds', { d: 9e15 }, 'out of range'],
    [
      'Feb 30 with a pattern',
      'command.date=d&datetimePattern=yyyy-MM-dd',
      { d: '2016-02-30' },
      "Invalid date '2016' '2' '30'",
    ],
    [
      'text that does not match the pattern',
      'command.date=d&datetimePattern=yyyy-MM-dd',
      { d: '2016/02/03' },
      'unexpected text at character 5',
    ],
    ['a pattern without a date', 'command.date=d&datetimePattern=HH:mm', { d: '10:11' }, 'no complete date'],
  ])('§4 command.date with %s is a bad_parameter naming the value', (_label, query, body, reason) => {
    const error = convertFails(`${HOOK}?${query}`, { body })
    expect(error).toMatchObject({ code: 'bad_parameter', param: 'command.date' })
    expect(error.message).toContain(reason)
    expect(error.message).toContain(`"${error.value}"`)
  })

  it.each(['bogus', "yyyy-MM-dd 'open", 'qqqq', 'ppp'])(
    '§4 datetimePattern=%s is a bad_parameter',
    (pattern) => {
      const error = convertFails(`${HOOK}?datetimePattern=${encodeURIComponent(pattern)}`)
      expect(error).toMatchObject({ code: 'bad_parameter', param: 'datetimePattern', value: pattern })
      expect(error.message).toContain('use iso, seconds, milliseconds or a Java DateTimeFormatter pattern')
    },
  )

  it('§4 an empty datetimePattern is the default iso', () => {
    expect(dateOf('command.date=d&datetimePattern=', { d: 1465488904 })).toBe('2016-06-09T16:15:04.000Z')
  })
})
