import { describe, expect, it } from 'vitest'
import { ConversationQuery } from '@shared/api'
import { conversationViewFromParams, conversationViewToParams } from '@renderer/lib/conversation-url'

describe('conversation view in the URL', () => {
  it('round-trips chat, method and errors only', () => {
    const view = { chat: -100123, method: 'sendMessage', errorsOnly: true }
    const params = conversationViewToParams(view)
    expect(params.toString()).toBe('chat=-100123&method=sendMessage&errors=1')
    expect(conversationViewFromParams(params)).toEqual(view)
  })

  it('ignores a chat that is not a number and an empty method', () => {
    expect(conversationViewFromParams(new URLSearchParams('chat=abc&method=%20'))).toEqual({ chat: null })
  })
})

// conversation-url.ts checks the URL by hand (zod is not on the first page); it must agree with the schema.
describe('conversation URL checks agree with ConversationQuery', () => {
  it.each(['42', '-100123', '0', ' 7 ', '1e3', '0x10', '12.5', 'abc', '9007199254740993'])(
    'chat=%s',
    (raw) => {
      const parsed = ConversationQuery.shape.chat.safeParse(raw)
      const view = conversationViewFromParams(new URLSearchParams({ chat: raw }))
      expect(view.chat).toEqual(parsed.success ? parsed.data : null)
    },
  )

  it.each(['sendMessage', 'x'.repeat(100), 'x'.repeat(101)])('method of %#', (raw) => {
    const parsed = ConversationQuery.shape.method.safeParse(raw)
    const view = conversationViewFromParams(new URLSearchParams({ method: raw }))
    expect(view.method).toEqual(parsed.success ? parsed.data : undefined)
  })
})
