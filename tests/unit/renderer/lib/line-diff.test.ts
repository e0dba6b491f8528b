import { describe, expect, it } from 'vitest'
import { diffLines } from '@renderer/lib/line-diff'

const render = (expected: string, actual: string) =>
  diffLines(expected, actual).map((l) => `${l.op === 'same' ? ' ' : l.op === 'removed' ? '-' : '+'}${l.text}`)

describe('diffLines', () => {
  it.each([
    ['equal texts are all same', 'a\nb', 'a\nb', [' a', ' b']],
    ['one changed line is - then +', 'Hi, Ada', 'Hello, Ada', ['-Hi, Ada', '+Hello, Ada']],
    ['a line added in the middle', 'a\nc', 'a\nb\nc', [' a', '+b', ' c']],
    ['a line missing at the end', 'a\nb', 'a', [' a', '-b']],
    [
      'a changed keyboard row keeps the rest',
      '[Yes] [No]\n[Help]',
      '[Yes] [Maybe]\n[Help]',
      ['-[Yes] [No]', '+[Yes] [Maybe]', ' [Help]'],
    ],
  ])('%s', (_label, expected, actual, lines) => {
    expect(render(expected, actual)).toEqual(lines)
  })
})
