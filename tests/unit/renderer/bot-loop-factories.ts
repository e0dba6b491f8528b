import type {
  BotCall,
  ConversationChat,
  ForwardAttempt,
  ForwardedUpdate,
  ForwardingState,
} from '@shared/bot-loop'

const at = (second: number) => `2024-05-29T12:00:${String(second).padStart(2, '0')}.000Z`

export function forwardedUpdate(updateId: number, patch: Partial<ForwardedUpdate> = {}): ForwardedUpdate {
  return {
    updateId,
    requestId: updateId,
    time: at(updateId % 60),
    chatId: 1,
    updateType: 'message',
    text: '/start',
    state: 'delivered',
    attempts: 1,
    ...patch,
  }
}

export function forwardAttempt(id: number, patch: Partial<ForwardAttempt> = {}): ForwardAttempt {
  return {
    id,
    time: at(id % 60),
    updateId: 1,
    requestId: 1,
    chatId: 1,
    attempt: 1,
    url: 'http://127.0.0.1:3000/hook',
    status: 200,
    durationMs: 12,
    responseBody: '',
    responseTruncated: false,
    error: null,
    delivered: true,
    replyCallId: null,
    ...patch,
  }
}

export function botCall(id: number, patch: Partial<BotCall> = {}): BotCall {
  return {
    id,
    time: at(id % 60),
    botId: 123456,
    method: 'sendMessage',
    source: 'proxy',
    answeredBy: 'upstream',
    params: { chat_id: 1, text: 'Hi' },
    files: [],
    httpStatus: 200,
    ok: true,
    errorCode: null,
    description: null,
    retryAfter: null,
    result: { message_id: 10 },
    durationMs: 5,
    chatId: 1,
    messageId: 10,
    updateId: 1,
    requestId: 1,
    text: 'Hi',
    warning: null,
    ...patch,
  }
}

export function conversationChat(chatId: number, patch: Partial<ConversationChat> = {}): ConversationChat {
  return {
    chatId,
    title: `Chat ${chatId}`,
    lastTime: at(chatId % 60),
    updates: 1,
    calls: 1,
    errors: 0,
    ...patch,
  }
}

export function forwardingState(patch: Partial<ForwardingState> = {}): ForwardingState {
  return {
    mode: 'polling',
    url: null,
    hasSecretToken: false,
    timeoutMs: 10_000,
    maxConnections: 40,
    lastPollAt: null,
    allowedUpdates: null,
    setBy: null,
    pendingCount: 0,
    lastErrorAt: null,
    lastErrorMessage: null,
    ...patch,
  }
}
