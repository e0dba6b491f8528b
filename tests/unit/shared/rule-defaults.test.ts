import { describe, expect, it } from 'vitest'
import { refireWarnings, TELEGRAM_REPLY_ACTION, telegramReplyRule } from '@shared/rule-defaults'

const openOnly = { kind: 'telegram' as const, chatId: '${tags.message.chat.id}', on: ['OPEN' as const] }

describe('refireWarnings', () => {
  it('warns when every chat shares the entity window and the actions fire on OPEN only', () => {
    const [warning, ...rest] = refireWarnings({
      filter: "entity = 'telegram'",
      groupByEntity: true,
      groupTags: 'none',
      actions: [openOnly],
    })
    expect(rest).toEqual([])
    expect(warning).toContain('No action fires on REPEAT')
    expect(warning).toContain('every chat shares one window')
    expect(warning).toContain('message.chat.id')
  })

  it('warns about the same chat when grouped per chat but still firing on OPEN only', () => {
    const warnings = refireWarnings({ groupTags: ['message.chat.id'], actions: [openOnly] })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('later messages in the same chat')
  })

  it('counts the contract default (no `on`) as OPEN only', () => {
    expect(refireWarnings({ actions: [{ kind: 'desktop' }] })).toHaveLength(1)
  })

  it('does not warn for one window per chat with actions on OPEN and REPEAT, nor for a rule without actions', () => {
    expect(refireWarnings(telegramReplyRule('telegram'))).toEqual([])
    expect(refireWarnings({ groupTags: ['message.chat.id'], actions: [TELEGRAM_REPLY_ACTION] })).toEqual([])
    expect(refireWarnings({ actions: [] })).toEqual([])
  })

  it('ignores disabled actions', () => {
    expect(refireWarnings({ actions: [{ ...openOnly, enabled: false }] })).toEqual([])
  })
})
