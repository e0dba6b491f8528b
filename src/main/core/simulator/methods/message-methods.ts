import { isDeepStrictEqual } from 'node:util'
import { badRequest, tooManyRequests } from '../bot-api-error'
import type { SimContext } from '../sim-context'
import type { BotRow, ChatRow, MessageRow } from '../sim-repo'
import { messageOf } from '../telegram-objects'
import {
  chatParam,
  messageParam,
  replyMarkupParam,
  replyParam,
  textParam,
  writableChat,
} from './message-params'
import type { BotMethod } from './method-types'

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message'

/** Stores a bot message (new, or edited), emits it to the transcript and answers the Message. */
/** Stores a bot message (a new one, `messageId` 0, takes the chat's next id in the same write) and emits it. */
async function saveBotMessage(ctx: SimContext, bot: BotRow, chat: ChatRow, draft: MessageRow) {
  const row = await ctx.write(() => {
    const saved = draft.messageId ? draft : { ...draft, messageId: ctx.repo.nextMessageId(chat.id) }
    ctx.repo.saveMessage(saved)
    return saved
  })
  ctx.emitItem(row)
  const replied = row.replyTo === null ? null : ctx.repo.message(chat.id, row.replyTo)
  return { result: messageOf(row, chat, bot, replied) }
}

export const sendMessage: BotMethod = async ({ bot, p, ctx }) => {
  const chat = writableChat(ctx, bot, p)
  const text = textParam(p)
  const replied = replyParam(ctx, chat, p)
  const replyMarkup = replyMarkupParam(p)
  const retryAfter = ctx.limiter.take(bot.id, chat.id, chat.type === 'group' || chat.type === 'supergroup')
  if (retryAfter > 0) throw tooManyRequests(retryAfter)
  return saveBotMessage(ctx, bot, chat, {
    chatId: chat.id,
    messageId: 0,
    fromBot: true,
    text: text.text,
    sourceText: text.parseMode ? text.source : null,
    parseMode: text.parseMode,
    entities: text.entities,
    replyMarkup,
    replyTo: replied?.messageId ?? null,
    date: ctx.now(),
    editDate: null,
    updateId: null,
  })
}

/** The bot's own message named by chat_id + message_id, for an edit. */
function editableMessage(call: Parameters<BotMethod>[0]): { chat: ChatRow; message: MessageRow } {
  const { bot, p, ctx } = call
  if (p.has('inline_message_id') && !p.has('chat_id')) throw badRequest('message to edit not found')
  const chat = chatParam(ctx, bot, p)
  const message = messageParam(ctx, chat, p, 'message to edit not found')
  if (!message.fromBot) throw badRequest("message can't be edited")
  return { chat, message }
}

export const editMessageText: BotMethod = async (call) => {
  const { bot, p, ctx } = call
  const { chat, message } = editableMessage(call)
  const text = textParam(p)
  // Like Telegram, an edit without reply_markup removes the inline keyboard.
  const replyMarkup = replyMarkupParam(p)
  const same =
    message.text === text.text &&
    isDeepStrictEqual(message.entities, text.entities) &&
    isDeepStrictEqual(message.replyMarkup ?? null, replyMarkup)
  if (same) throw badRequest(NOT_MODIFIED)
  return saveBotMessage(ctx, bot, chat, {
    ...message,
    text: text.text,
    sourceText: text.parseMode ? text.source : null,
    parseMode: text.parseMode,
    entities: text.entities,
    replyMarkup,
    editDate: ctx.now(),
  })
}

export const editMessageReplyMarkup: BotMethod = async (call) => {
  const { bot, p, ctx } = call
  const { chat, message } = editableMessage(call)
  const replyMarkup = replyMarkupParam(p)
  if (isDeepStrictEqual(message.replyMarkup ?? null, replyMarkup)) throw badRequest(NOT_MODIFIED)
  return saveBotMessage(ctx, bot, chat, { ...message, replyMarkup, editDate: ctx.now() })
}

/** Removes a message from the transcript (the bot's own, or the user's: bots may in private chats). */
export const deleteMessage: BotMethod = async ({ bot, p, ctx }) => {
  const chat = chatParam(ctx, bot, p)
  const message = messageParam(ctx, chat, p, 'message to delete not found')
  await ctx.write(() => ctx.repo.deleteMessage(chat.id, message.messageId))
  return { result: true }
}
