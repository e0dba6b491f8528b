import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { MessageCommand } from '@shared/message'
import { RuleAction, type RuleActionInput } from '@shared/rules'
import { renderAction } from '../../../../../src/main/core/rules/render-action'
import { parseFormatted, type ParseMode } from '../../../../../src/main/core/simulator/format/formatted-text'

const T0 = Date.parse('2024-05-29T16:00:00.000Z')

/** Renders `action` for a command whose message is `message`. */
function render(action: RuleActionInput, message: string) {
  const command: MessageCommand = {
    entity: 'e',
    type: 'webhook',
    source: 's',
    severity: null,
    message,
    date: new Date(T0).toISOString(),
    tags: {},
  }
  return renderAction(RuleAction.parse(action), 'OPEN', { command, nowMs: T0 }).action
}

/** A Telegram text rendered from `text` in `parseMode`, then parsed as the simulator (Telegram) parses it. */
function telegram(parseMode: ParseMode, text: string, message: string) {
  const rendered = render({ kind: 'telegram', chatId: '1', text, parseMode }, message)
  if (rendered.kind !== 'telegram') throw new Error('not telegram')
  return {
    sent: rendered.payload.text as string,
    ...parseFormatted(rendered.payload.text as string, parseMode),
  }
}

function httpBody(contentType: string, body: string, message: string): string {
  const rendered = render({ kind: 'http', url: 'http://127.0.0.1/x', contentType, body }, message)
  if (rendered.kind !== 'http') throw new Error('not http')
  return rendered.body
}

const hostOf = (url: string | undefined) => new URL(url ?? 'invalid:').host

describe('placeholders are escaped for where they land (issue 18.7)', () => {
  it('HTML href: a quote in the value cannot add an attribute or move the link', () => {
    const r = telegram(
      'HTML',
      '<a href="https://ok.example/?q=${message}">open</a>',
      '" href="https://evil.example/phish',
    )
    expect(r.text).toBe('open')
    expect(r.entities).toHaveLength(1)
    expect(hostOf(r.entities[0]!.url)).toBe('ok.example')
    expect(new URL(r.entities[0]!.url!).searchParams.get('q')).toBe('" href="https://evil.example/phish')
  })

  it('HTML href filled entirely by a value stays one attribute', () => {
    const r = telegram('HTML', '<a href="${message}">open</a>', 'https://ok.example/" title="x')
    expect(r.entities).toEqual([
      { type: 'text_link', offset: 0, length: 4, url: 'https://ok.example/" title="x' },
    ])
  })

  it('Markdown link text: a ] in the value cannot end the text and bring its own URL', () => {
    const r = telegram('Markdown', '[${message}](https://ok.example)', 'details](https://evil.example/x')
    expect(r.entities).toHaveLength(1)
    expect(r.entities[0]!.url).toBe('https://ok.example')
    expect(r.text).toBe('details\uff3d(https://evil.example/x')
  })

  it.each([
    ['HTML', 'Alert: ${message}', 'Alert: <b>inj</b> …'],
    ['Markdown', 'Alert: ${message}', 'Alert: *inj* _x_ `y` [z](https://evil.example)'],
    ['MarkdownV2', 'Alert: ${message}', 'Alert: *inj* _x_ ~s~ ||p|| [z](https://evil.example) a.b!'],
  ] as const)('%s: user markup is shown as text, not dropped or applied', (mode, template, message) => {
    const r = telegram(mode, template, message)
    expect(r.text).toBe(`Alert: ${message}`)
    expect(r.entities).toEqual([])
  })

  it.each(['Markdown', 'MarkdownV2'] as const)(
    '%s inside bold: snake_case a*b is accepted and shown whole',
    (mode) => {
      const r = telegram(mode, '*${message}*', 'snake_case a*b')
      expect(r.text).toBe('snake_case a*b')
      // Markdown v1 cannot escape inside an entity: it closes and reopens it around the '*', which is plain.
      const bold = new Set(
        r.entities
          .filter((e) => e.type === 'bold')
          .flatMap((e) => Array.from({ length: e.length }, (_, k) => e.offset + k)),
      )
      expect(bold.size).toBe(mode === 'Markdown' ? 13 : 14)
    },
  )

  it.each([
    ['Markdown', '_${message}_', 'a_b*c', 'italic'],
    ['Markdown', '`${message}`', 'a`b_c', 'code'],
    ['MarkdownV2', '`${message}`', 'a`b\\c.d', 'code'],
    ['MarkdownV2', '```\n${message}```', 'x``` y\\', 'pre'],
    ['HTML', '<pre><code class="language-js">${message}</code></pre>', '</code></pre><b>x', 'pre'],
  ] as const)('%s %s keeps %j whole in %s runs', (mode, template, message, type) => {
    const r = telegram(mode, template, message)
    expect(r.text.replace(/\u200b/g, '')).toBe(message.trim())
    const runs = r.entities.filter((e) => e.type === type)
    // Markdown v1 leaves each escaped marker outside the runs (closed, escaped, reopened).
    const marker = { italic: '_', code: '`' }[type as string]
    const outside = mode === 'Markdown' && marker ? message.split(marker).length - 1 : 0
    expect(runs.reduce((n, e) => n + e.length, 0)).toBe(r.text.length - outside)
  })

  it('MarkdownV2 link URL: ) and \\ in the value cannot end the URL', () => {
    const r = telegram(
      'MarkdownV2',
      '[site](https://ok.example/u/${message})',
      'a) [x](https://evil.example\\',
    )
    expect(r.entities).toHaveLength(1)
    expect(hostOf(r.entities[0]!.url)).toBe('ok.example')
    expect(r.text).toBe('site')
  })

  it('MarkdownV2 link URL filled by a value keeps the value as the URL', () => {
    const r = telegram('MarkdownV2', '[site](${message})', 'https://ok.example/a_(b)')
    expect(r.entities[0]!.url).toBe('https://ok.example/a_(b)')
  })

  it('${raw:expr} puts markup from data in as it is', () => {
    expect(telegram('HTML', 'x ${raw:message}', '<b>bold</b>').entities).toEqual([
      { type: 'bold', offset: 2, length: 4 },
    ])
    expect(telegram('MarkdownV2', '${ raw: message }', '*b*').entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
    ])
  })

  it('form body: a value cannot add fields', () => {
    const body = httpBody(
      'application/x-www-form-urlencoded',
      'chat=1&text=${message}',
      'hi&chat=666&admin=true',
    )
    const form = new URLSearchParams(body)
    expect(form.getAll('chat')).toEqual(['1'])
    expect(form.get('text')).toBe('hi&chat=666&admin=true')
    expect(form.has('admin')).toBe(false)
  })

  it('XML body: a value cannot close its element or add one', () => {
    const body = httpBody(
      'application/xml',
      '<msg><chat>1</chat><text>${message}</text></msg>',
      '</text><chat>666</chat>',
    )
    const doc = new XMLParser({ parseTagValue: false }).parse(body) as {
      msg: { chat: unknown; text: string }
    }
    expect(doc.msg.chat).toBe('1')
    expect(doc.msg.text).toBe(
      '&lt;/text&gt;&lt;chat&gt;666&lt;/chat&gt;'.replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
    )
  })

  it('XML CDATA: ]]> in a value is split, not an end', () => {
    const body = httpBody('text/xml', '<t><![CDATA[${message}]]></t>', 'a]]><x/>')
    const doc = new XMLParser({ parseTagValue: false }).parse(body) as { t: string }
    expect(doc.t).toBe('a]]><x/>')
  })

  it.each([
    ['{"text": "${message}"}', 'a", "admin": true, "x": "', { text: 'a", "admin": true, "x": "' }],
    ['{"n": ${message}}', '1, "admin": true', { n: '1, "admin": true' }],
    ['{"n": ${message}}', '42', { n: 42 }],
  ])('JSON body %s with %j', (template, message, expected) => {
    expect(JSON.parse(httpBody('application/json', template, message))).toEqual(expected)
  })

  it('URL and header values: one component, one line', () => {
    const rendered = render(
      {
        kind: 'http',
        url: 'http://127.0.0.1/a/${message}?q=${message}',
        headers: { 'x-note': '${message}' },
        body: '',
      },
      'b/../c?d=1&e\r\nx-admin: 1',
    )
    if (rendered.kind !== 'http') throw new Error('not http')
    const url = new URL(rendered.url)
    expect(url.pathname.split('/')).toHaveLength(3)
    expect(url.searchParams.get('q')).toBe('b/../c?d=1&e\r\nx-admin: 1')
    expect(rendered.headers['x-note']).toBe('b/../c?d=1&e x-admin: 1')
  })
})
