import { z } from 'zod'

/** Chat kinds the simulator can create (Telegram's Chat.type). */
export const SimChatType = z.enum(['private', 'group', 'supergroup', 'channel'])

export const SimChatInput = z.object({
  type: SimChatType.default('private'),
  /** The fake user who writes (private chats: also the chat's name). */
  firstName: z.string().min(1).max(64).default('Ada'),
  lastName: z.string().max(64).optional(),
  username: z
    .string()
    .regex(/^[A-Za-z0-9_]{0,32}$/)
    .optional(),
  /** Group/channel title. */
  title: z.string().max(128).optional(),
  /** The bot this chat talks to (created on first use); default: the connected bot. */
  botToken: z.string().optional(),
})

export const SimChat = z.object({
  id: z.number().int(),
  type: SimChatType,
  title: z.string(),
  botId: z.number().int(),
  botUsername: z.string(),
  user: z.object({
    id: z.number().int(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    username: z.string().nullable(),
  }),
  createdAt: z.string(),
})
export type SimChat = z.infer<typeof SimChat>

export const SimSendInput = z.object({
  id: z.coerce.number().int(),
  text: z.string().min(1).max(4096),
  /** Edit this earlier user message instead of sending a new one (an `edited_message` update). */
  editMessageId: z.number().int().optional(),
  replyToMessageId: z.number().int().optional(),
})

export const SimPressInput = z.object({
  id: z.coerce.number().int(),
  /** The bot message carrying the inline keyboard. */
  messageId: z.number().int(),
  data: z.string().max(64),
})

export const TranscriptItem = z.object({
  messageId: z.number().int(),
  from: z.enum(['user', 'bot']),
  text: z.string(),
  /** ISO time. */
  date: z.string(),
  /** Bot messages: the parse mode they were sent with, for rendering. */
  parseMode: z.string().nullable(),
  edited: z.boolean(),
  /** The update this user message produced, and where it went (request/message ids once received). */
  updateId: z.number().int().nullable(),
  replyMarkup: z.unknown().nullable(),
})
export type TranscriptItem = z.infer<typeof TranscriptItem>
