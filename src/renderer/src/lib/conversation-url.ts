import { ConversationQuery } from '@shared/api'

/** The Conversations page's view as the URL holds it: `chat=42&method=sendMessage&errors=1`. */
export interface ConversationView {
  chat: number | null
  method?: string
  errorsOnly?: boolean
}

// Checked with the contract's own schema, so a hand-edited URL cannot send a bad query.
export function conversationViewFromParams(params: URLSearchParams): ConversationView {
  const chat = ConversationQuery.shape.chat.safeParse(params.get('chat') || undefined)
  const method = ConversationQuery.shape.method.safeParse(params.get('method')?.trim() || undefined)
  return {
    chat: chat.success ? chat.data : null,
    ...(method.success && method.data && { method: method.data }),
    ...(params.get('errors') === '1' && { errorsOnly: true }),
  }
}

export function conversationViewToParams(view: ConversationView): URLSearchParams {
  const params = new URLSearchParams()
  if (view.chat !== null) params.set('chat', String(view.chat))
  const method = view.method?.trim()
  if (method) params.set('method', method)
  if (view.errorsOnly) params.set('errors', '1')
  return params
}
