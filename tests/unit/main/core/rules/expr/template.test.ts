import { describe, expect, it } from 'vitest'
import {
  escapeJsonString,
  escapeTelegramHtml,
  escapeTelegramMarkdown,
  parseTemplate,
  renderTemplate,
  type EvalContext,
} from '../../../../../../src/main/core/rules/expr'

const SEED =
  'User ${tags.message.from.first_name} ${tags.message.from.last_name}/${tags.message.from.username} said "${message}"'

const ctx: EvalContext = {
  command: {
    entity: 'telegram',
    type: 'webhook',
    source: 'telegram',
    severity: null,
    message: 'Hi_there *bold* <b> & "q"',
    date: '2024-05-02T11:00:00.000Z',
    tags: {
      'message.from.first_name': 'Ann',
      'message.from.username': 'ann_1',
      request_ip: '192.0.2.1',
      action: 'started',
    },
  },
  window: { count: 1, status: 'OPEN', rule: 'echo', openTimeMs: Date.parse('2024-05-02T11:00:00Z') },
  nowMs: Date.parse('2024-05-02T11:22:33.444Z'),
  receivedAtMs: Date.parse('2024-05-02T11:00:00.123Z'),
}

describe('renderTemplate', () => {
  it('renders the seed text, a missing last name as empty', () => {
    expect(renderTemplate(SEED, ctx)).toEqual({
      text: 'User Ann /ann_1 said "Hi_there *bold* <b> & "q""',
      empty: ['tags.message.from.last_name'],
      errors: [],
    })
  })

  it.each([
    ['${entity}', 'telegram'],
    [
      '${tags}',
      'action=started, message.from.first_name=Ann, message.from.username=ann_1, request_ip=192.0.2.1',
    ],
    ['${tags.request_ip}', '192.0.2.1'],
    ['[${status}] ${rule}', '[OPEN] echo'],
    ['${received_datetime}', '2024-05-02T11:00:00.123Z'],
    ['${date}', '2024-05-02T11:00:00.000Z'],
    ['${now}', '2024-05-02T11:22:33.444Z'],
    ['${open_time}', '2024-05-02T11:00:00.000Z'],
    ['${alert_duration}', '00:00:22:33'],
    ['${count() * 2}', '2'],
    ['${1 / 4}', '0.25'],
    ['${true}', 'true'],
    ["${split('a,b', ',')}", 'a, b'],
    ["${'}'}", '}'],
    ['${concat(\'{\', "}")}', '{}'],
    ["${'it\\'s}'}", "it's}"],
    ['no placeholders', 'no placeholders'],
    ['$ and { alone', '$ and { alone'],
    ['${entity}${type}', 'telegramwebhook'],
    ['a\n${upper(source)}\nb', 'a\nTELEGRAM\nb'],
  ])('renders %j', (template, expected) => {
    expect(renderTemplate(template, ctx).text).toBe(expected)
  })

  it('renders unknown fields and nulls as empty and lists them', () => {
    expect(renderTemplate('${value}|${severity}|${metric}|${alert_duration_interval}', ctx)).toEqual({
      text: '|||',
      empty: ['value', 'severity', 'metric', 'alert_duration_interval'],
      errors: [],
    })
  })

  it('keeps a placeholder that fails to parse unchanged and reports it with its position in the text', () => {
    const result = renderTemplate('Hello\n  ${entity +} and ${entity}', ctx)
    expect(result.text).toBe('Hello\n  ${entity +} and telegram')
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({ line: 2, column: 13, offset: 18, expected: ['expression'] })
  })

  it('keeps a placeholder that fails to evaluate unchanged and reports it', () => {
    const result = renderTemplate('x=${1 / 0} y=${nosuch(entity)}', ctx)
    expect(result.text).toBe('x=${1 / 0} y=${nosuch(entity)}')
    expect(result.errors.map((e) => [e.column, e.message])).toEqual([
      [5, "Division by zero in '/'"],
      [16, "Unknown function 'nosuch'"],
    ])
  })

  it('keeps an unclosed placeholder unchanged and reports where it opened', () => {
    const result = renderTemplate('a ${entity} b ${upper(entity', ctx)
    expect(result.text).toBe('a telegram b ${upper(entity')
    expect(result.errors[0]?.message).toBe(
      "Expected '}' to close the placeholder opened at line 1, column 15",
    )
    expect(result.errors[0]).toMatchObject({ line: 1, column: 29, expected: ['}'] })
  })

  it('escapes rendered values but not the literal text', () => {
    const text = '*${message}* ${tags.message.from.username}'
    expect(renderTemplate(text, ctx, escapeTelegramMarkdown).text).toBe(
      '*Hi\\_there \\*bold\\* <b> & "q"* ann\\_1',
    )
    expect(renderTemplate('<b>${message}</b>', ctx, escapeTelegramHtml).text).toBe(
      '<b>Hi_there *bold* &lt;b&gt; &amp; "q"</b>',
    )
    expect(renderTemplate('{"text": "${message}"}', ctx, escapeJsonString).text).toBe(
      '{"text": "Hi_there *bold* <b> & \\"q\\""}',
    )
  })
})

describe('parseTemplate', () => {
  it('splits text and placeholders with their offsets and raw text', () => {
    expect(
      parseTemplate('a ${ entity } b').map(({ kind, ...rest }) => ({ kind, ...rest, expr: undefined })),
    ).toEqual([
      { kind: 'text', text: 'a ', expr: undefined },
      { kind: 'expr', source: ' entity ', raw: '${ entity }', offset: 2, expr: undefined },
      { kind: 'text', text: ' b', expr: undefined },
    ])
  })

  it('positions expression spans in the whole text', () => {
    const [, part] = parseTemplate('line1\nxx ${tags.a}')
    expect(part).toMatchObject({
      kind: 'expr',
      expr: { kind: 'tag', span: { start: 11, line: 2, column: 6 } },
    })
  })

  it('handles nested braces and quotes inside a placeholder', () => {
    const parts = parseTemplate("${concat('}', \"{\")} ${'\\'}'}")
    expect(parts.filter((p) => p.kind === 'expr').map((p) => p.kind === 'expr' && p.source)).toEqual([
      'concat(\'}\', "{")',
      "'\\'}'",
    ])
  })
})

describe('escapers', () => {
  it.each([
    [escapeTelegramMarkdown, 'a_b*c`d[e]f\\g', 'a\\_b\\*c\\`d\\[e]f\\g'],
    [escapeTelegramHtml, '<a href="x">&amp;</a>', '&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;'],
    [escapeJsonString, 'a"b\\c\nd\te\u0001', 'a\\"b\\\\c\\nd\\te\\u0001'],
  ])('%o escapes %j', (escape, input, expected) => {
    expect(escape(input)).toBe(expected)
  })
})
