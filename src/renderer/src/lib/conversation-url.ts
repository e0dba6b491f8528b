/** The Conversations page's view as the URL holds it: `chat=42&method=sendMessage&errors=1`. */
export interface ConversationView {
  chat: number | null
  method?: string
  errorsOnly?: boolean
}

/** `ConversationQuery.method`'s longest value. */
const METHOD_MAX_LENGTH = 100

// Checked as the contract's `ConversationQuery` would, so a hand-edited URL cannot send a bad query. By hand,
// not with the schema: a request's Conversation tab links here from the first page, and zod loads later
// (issue 16); tests/unit/renderer/lib/conversation-url.test.ts checks the rules against the schema.
export function conversationViewFromParams(params: URLSearchParams): ConversationView {
  const chat = params.get('chat') || ''
  const method = params.get('method')?.trim() || ''
  return {
    // z.coerce.number().int(): whatever Number() reads as a safe integer.
    chat: chat !== '' && Number.isSafeInteger(Number(chat)) ? Number(chat) : null,
    ...(method !== '' && method.length <= METHOD_MAX_LENGTH && { method }),
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
