import { describe, expect, it } from 'vitest'
import { tokenizeYaml } from '@renderer/lib/yaml-tokens'

const typed = (text: string) => tokenizeYaml(text).map((t) => `${t.type}:${text.slice(t.from, t.to)}`)

describe('tokenizeYaml', () => {
  it('marks keys, strings, numbers, durations, comments and flow punctuation', () => {
    expect(typed('  - expect: { chat: ada, text: "Hi, Ada", within: 2s } # greets')).toEqual([
      'punctuation:-',
      'property:expect',
      'punctuation::',
      'punctuation:{',
      'property:chat',
      'punctuation::',
      'punctuation:,',
      'property:text',
      'punctuation::',
      'string:"Hi, Ada"',
      'punctuation:,',
      'property:within',
      'punctuation::',
      'number:2s',
      'punctuation:}',
      'comment:# greets',
    ])
  })

  it('a # inside a word is not a comment, and unclosed quotes never throw', () => {
    expect(typed('text: C#')).toEqual(['property:text', 'punctuation::'])
    expect(typed('text: "open')).toEqual(['property:text', 'punctuation::', 'string:"open'])
  })
})
