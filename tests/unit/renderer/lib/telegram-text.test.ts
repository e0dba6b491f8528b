import { describe, expect, it } from 'vitest'
import { inlineKeyboardOf } from '@renderer/lib/inline-keyboard'
import { parseTelegramText } from '@renderer/lib/telegram-text'

describe('parseTelegramText', () => {
  it.each([
    ['plain text stays as it is', 'a *b* <i>', null, [{ text: 'a *b* <i>' }]],
    [
      'Markdown bold, italic, code',
      '*b* _i_ `c`',
      'Markdown',
      [
        { text: 'b', bold: true },
        { text: ' ' },
        { text: 'i', italic: true },
        { text: ' ' },
        { text: 'c', code: true },
      ],
    ],
    ['Markdown escapes', 'ann\\_1 \\*', 'Markdown', [{ text: 'ann_1 *' }]],
    ['Markdown unclosed markers are text', 'a_b', 'Markdown', [{ text: 'a_b' }]],
    [
      'Markdown links, only safe schemes',
      '[x](https://a.b) [y](javascript:alert(1))',
      'Markdown',
      [{ text: 'x', href: 'https://a.b' }, { text: ' y)' }],
    ],
    ['Markdown pre drops the language line', '```js\nx()\n```', 'Markdown', [{ text: 'x()\n', pre: true }]],
    [
      'MarkdownV2 nesting',
      '*bold _both_*',
      'MarkdownV2',
      [
        { text: 'bold ', bold: true },
        { text: 'both', bold: true, italic: true },
      ],
    ],
    [
      'MarkdownV2 underline, strike, spoiler',
      '__u__ ~s~ ||p||',
      'MarkdownV2',
      [
        { text: 'u', underline: true },
        { text: ' ' },
        { text: 's', strike: true },
        { text: ' ' },
        { text: 'p', spoiler: true },
      ],
    ],
    ['MarkdownV2 escapes', 'a\\.b\\!', 'MarkdownV2', [{ text: 'a.b!' }]],
    [
      'MarkdownV2 link with styled text',
      '[*go*](tg://user?id=1)',
      'MarkdownV2',
      [{ text: 'go', bold: true, href: 'tg://user?id=1' }],
    ],
    ['MarkdownV2 quote lines', '>q\nn', 'MarkdownV2', [{ text: 'q\n', quote: true }, { text: 'n' }]],
    [
      'HTML tags and entities',
      '<b>B</b> &amp; <i>i</i> &lt;x&gt; &#x41;',
      'HTML',
      [{ text: 'B', bold: true }, { text: ' & ' }, { text: 'i', italic: true }, { text: ' <x> A' }],
    ],
    [
      'HTML spoiler span and links',
      '<span class="tg-spoiler">s</span><a href="https://x.y/?a=1&amp;b=2">l</a>',
      'HTML',
      [
        { text: 's', spoiler: true },
        { text: 'l', href: 'https://x.y/?a=1&b=2' },
      ],
    ],
    [
      'HTML unknown tags are text',
      '<img src=x onerror=alert(1)>',
      'HTML',
      [{ text: '<img src=x onerror=alert(1)>' }],
    ],
    ['HTML unsafe hrefs are dropped', '<a href="javascript:alert(1)">x</a>', 'HTML', [{ text: 'x' }]],
  ])('%s', (_label, text, mode, expected) => {
    expect(parseTelegramText(text, mode)).toEqual(expected)
  })
})

describe('inlineKeyboardOf', () => {
  it('reads callback and URL buttons row by row, and nothing from anything else', () => {
    const markup = {
      inline_keyboard: [
        [
          { text: 'Yes', callback_data: 'y' },
          { text: 'Docs', url: 'https://x.y' },
        ],
        [{ text: 'Bad', url: 'javascript:x' }, 'junk'],
        'junk',
      ],
    }
    expect(inlineKeyboardOf(markup)).toEqual([
      [
        { kind: 'callback', text: 'Yes', data: 'y' },
        { kind: 'url', text: 'Docs', url: 'https://x.y' },
      ],
      [{ kind: 'other', text: 'Bad' }],
    ])
    expect(inlineKeyboardOf(null)).toEqual([])
    expect(inlineKeyboardOf({ keyboard: [] })).toEqual([])
  })
})
