import { describe, expect, it } from 'vitest'
import { parseSeverity } from '../../../../../src/main/core/convert'
import { convertFails, convertOk } from './webhook-request'

// ATSD-BEHAVIOUR §3: code, name, aliases.
const TABLE = [
  { code: 0, name: 'UNDEFINED', aliases: [] },
  { code: 1, name: 'UNKNOWN', aliases: [] },
  { code: 2, name: 'NORMAL', aliases: ['INFO'] },
  { code: 3, name: 'WARNING', aliases: ['WARN'] },
  { code: 4, name: 'MINOR', aliases: [] },
  { code: 5, name: 'MAJOR', aliases: [] },
  { code: 6, name: 'CRITICAL', aliases: ['ERROR'] },
  { code: 7, name: 'FATAL', aliases: [] },
]

const inputs = TABLE.flatMap(({ code, name, aliases }) =>
  [
    String(code),
    name,
    name.toLowerCase(),
    capitalise(name),
    ...aliases,
    ...aliases.map((a) => a.toLowerCase()),
  ].map((input) => [input, name] as const),
)

function capitalise(text: string): string {
  return text.charAt(0) + text.slice(1).toLowerCase()
}

describe('parseSeverity (ATSD-BEHAVIOUR §3)', () => {
  it.each(inputs)('§3 %s → %s', (input, expected) => {
    expect(parseSeverity(input)).toBe(expected)
  })

  it.each(['8', '-1', '3.0', 'warnings', 'HIGH', '', ' ', 'NORMAL WARNING'])('§3 rejects %j', (input) => {
    expect(parseSeverity(input)).toBeUndefined()
  })

  it('§3 accepts surrounding whitespace and a zero-padded code', () => {
    expect(parseSeverity(' warn ')).toBe('WARNING')
    expect(parseSeverity('03')).toBe('WARNING')
  })

  it.each(inputs)('§3 severity=%s sets the canonical name %s on the command', (input, expected) => {
    expect(convertOk(`/api/v1/messages/webhook/x?severity=${input}`).cmd.severity).toBe(expected)
  })

  it.each([
    ['severity', 'severity=urgent', 'urgent'],
    ['command.severity', 'command.severity=level', '9'],
    ['header.severity', 'header.severity=X-Severity', 'loud'],
  ])('§3 an unknown %s is a bad_parameter that lists the accepted values', (param, query, value) => {
    const error = convertFails(`/api/v1/messages/webhook/x?${query}`, {
      headers: { 'X-Severity': 'loud' },
      body: { level: 9 },
    })
    expect(error).toMatchObject({ code: 'bad_parameter', param, value })
    expect(error.message).toBe(
      `Bad value "${value}" for ${param}: use a code 0-7 or one of UNDEFINED, UNKNOWN, NORMAL (INFO), ` +
        'WARNING (WARN), MINOR, MAJOR, CRITICAL (ERROR), FATAL.',
    )
  })
})
