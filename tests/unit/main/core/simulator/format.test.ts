import { describe, expect, it } from 'vitest'
import { BotApiError } from '../../../../../src/main/core/simulator/bot-api-error'
import { detectEntities } from '../../../../../src/main/core/simulator/format/detect-entities'
import { parseFormatted, parseModeOf } from '../../../../../src/main/core/simulator/format/formatted-text'

const parseError = (text: string, mode: 'MarkdownV2' | 'HTML' | 'Markdown') => {
  try {
    parseFormatted(text, mode)
  } catch (err) {
    return err instanceof BotApiError ? `${err.code} ${err.description}` : String(err)
  }
  return 'parsed'
}

describe('parseModeOf', () => {
  it.each([
    ['MarkdownV2', 'MarkdownV2'],
    ['markdownv2', 'MarkdownV2'],
    ['HTML', 'HTML'],
    ['html', 'HTML'],
    ['Markdown', 'Markdown'],
    ['', null],
    [undefined, null],
  ])('reads %s case-insensitively', (value, mode) => {
    expect(parseModeOf(value)).toBe(mode)
  })

  it('refuses an unknown mode with "Bad Request: unsupported parse_mode"', () => {
    expect(() => parseModeOf('markdown3')).toThrow('Bad Request: unsupported parse_mode')
  })
})

describe('MarkdownV2 (TELEGRAM.md §6 "Escaping")', () => {
  it.each([
    [
      '*bold* and _italic_',
      'bold and italic',
      [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'italic', offset: 9, length: 6 },
      ],
    ],
    [
      '__under__ ~strike~ ||spoiler||',
      'under strike spoiler',
      [
        { type: 'underline', offset: 0, length: 5 },
        { type: 'strikethrough', offset: 6, length: 6 },
        { type: 'spoiler', offset: 13, length: 7 },
      ],
    ],
    [
      '*bold _nested_*',
      'bold nested',
      [
        { type: 'bold', offset: 0, length: 11 },
        { type: 'italic', offset: 5, length: 6 },
      ],
    ],
    ['`a.b-c` done\\.', 'a.b-c done.', [{ type: 'code', offset: 0, length: 5 }]],
    ['```js\nlet x = 1;\n```', 'let x = 1;', [{ type: 'pre', offset: 0, length: 10, language: 'js' }]],
    [
      '[site](https://example.com/a_(b\\))',
      'site',
      [{ type: 'text_link', offset: 0, length: 4, url: 'https://example.com/a_(b)' }],
    ],
    ['>quoted\n>more\nplain', 'quoted\nmore\nplain', [{ type: 'blockquote', offset: 0, length: 11 }]],
    ['cpu\\_busy \\= 97\\.5 \\!', 'cpu_busy = 97.5 !', []],
    ['😀 *x*', '😀 x', [{ type: 'bold', offset: 3, length: 1 }]],
  ])('parses %j', (source, text, entities) => {
    expect(parseFormatted(source, 'MarkdownV2')).toEqual({ text, entities })
  })

  it.each([
    ['Done.', "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ['a-b', "Character '-' is reserved and must be escaped with the preceding '\\'"],
    ['x!', "Character '!' is reserved and must be escaped with the preceding '\\'"],
    ['(1)', "Character '(' is reserved and must be escaped with the preceding '\\'"],
    ['*open', "Can't find end of Bold entity at byte offset 0"],
    ['é _open', "Can't find end of Italic entity at byte offset 3"],
    ['hi, __open', "Can't find end of Underline entity at byte offset 4"],
    ['~open', "Can't find end of Strikethrough entity at byte offset 0"],
    ['||open', "Can't find end of Spoiler entity at byte offset 0"],
    ['`code', "Can't find end of Code entity at byte offset 0"],
    ['```open', "Can't find end of Pre entity at byte offset 0"],
    ['```js\nlet x', "Can't find end of PreCode entity at byte offset 0"],
    ['[link', "Can't find end of TextUrl entity at byte offset 0"],
    ['![👍', "Can't find end of CustomEmoji entity at byte offset 0"],
    ['*bold _inner', "Can't find end of Italic entity at byte offset 6"],
  ])('refuses %j with "%s"', (source, detail) => {
    expect(parseError(source, 'MarkdownV2')).toBe(`400 Bad Request: can't parse entities: ${detail}`)
  })
})

describe('legacy Markdown', () => {
  it.each([
    [
      '*bold* _it_ `c` [l](http://x.y)',
      'bold it c l',
      [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'italic', offset: 5, length: 2 },
        { type: 'code', offset: 8, length: 1 },
        { type: 'text_link', offset: 10, length: 1, url: 'http://x.y' },
      ],
    ],
    ['a.b-c! \\*not bold\\*', 'a.b-c! *not bold*', []],
    ['```py\nprint(1)```', 'print(1)', [{ type: 'pre', offset: 0, length: 8, language: 'py' }]],
  ])('parses %j', (source, text, entities) => {
    expect(parseFormatted(source, 'Markdown')).toEqual({ text, entities })
  })

  it('refuses an unclosed entity with its byte offset', () => {
    expect(parseError('ok *bold', 'Markdown')).toBe(
      "400 Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 3",
    )
  })
})

describe('HTML', () => {
  it.each([
    [
      '<b>bold</b> <i>it</i> &lt;tag&gt; &amp; &#x41;',
      'bold it <tag> & A',
      [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'italic', offset: 5, length: 2 },
      ],
    ],
    [
      '<a href="https://e.com">link</a><tg-spoiler>s</tg-spoiler>',
      'links',
      [
        { type: 'text_link', offset: 0, length: 4, url: 'https://e.com' },
        { type: 'spoiler', offset: 4, length: 1 },
      ],
    ],
    [
      '<pre><code class="language-ts">let a</code></pre>',
      'let a',
      [{ type: 'pre', offset: 0, length: 5, language: 'ts' }],
    ],
    ['<blockquote expandable>q</blockquote>', 'q', [{ type: 'expandable_blockquote', offset: 0, length: 1 }]],
    ['a &nbsp; b', 'a &nbsp; b', []],
  ])('parses %j', (source, text, entities) => {
    expect(parseFormatted(source, 'HTML')).toEqual({ text, entities })
  })

  it.each([
    ['<br>', 'Unsupported start tag "br" at byte offset 0'],
    ['<b>x</i>', 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['<b>open', 'Can\'t find end tag corresponding to start tag "b"'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler"'],
  ])('refuses %j with "%s"', (source, detail) => {
    expect(parseError(source, 'HTML')).toBe(`400 Bad Request: can't parse entities: ${detail}`)
  })
})

describe('parseFormatted', () => {
  it('trims surrounding whitespace and moves entities with the text', () => {
    expect(parseFormatted('  <b>hi</b>\n', 'HTML')).toEqual({
      text: 'hi',
      entities: [{ type: 'bold', offset: 0, length: 2 }],
    })
  })
})

describe('detectEntities (user text)', () => {
  it.each([
    ['/start', [{ type: 'bot_command', offset: 0, length: 6 }]],
    ['/alert@hookbench_demo_bot disk full', [{ type: 'bot_command', offset: 0, length: 25 }]],
    [
      'hi @ada_lovelace see #ops_1 https://example.com/x.',
      [
        { type: 'mention', offset: 3, length: 13 },
        { type: 'hashtag', offset: 21, length: 6 },
        { type: 'url', offset: 28, length: 21 },
      ],
    ],
    ['😀 /help', [{ type: 'bot_command', offset: 3, length: 5 }]],
    ['a/b and 3/4', []],
  ])('finds the entities of %j in UTF-16 units', (text, entities) => {
    expect(detectEntities(text)).toEqual(entities)
  })
})
