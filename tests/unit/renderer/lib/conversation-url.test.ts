import { describe, expect, it } from 'vitest'
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
