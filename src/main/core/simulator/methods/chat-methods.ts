import { badRequest } from '../bot-api-error'
import type { SimContext } from '../sim-context'
import type { BotRow, ChatRow, MessageRow } from '../sim-repo'
import { botUser, chatOf, messageOf, userOf, type TgObject } from '../telegram-objects'
import { captionParam } from './file-methods'
import { chatParam, replyMarkupParam, replyParam, writableChat } from './message-params'
import type { BotCall, BotMethod } from './method-types'
import type { ParamReader } from '../params'

/** A new group's default permissions: everything a member may do, except managing topics. */
const GROUP_PERMISSIONS = {
  can_send_messages: true,
  can_send_audios: true,
  can_send_documents: true,
  can_send_photos: true,
  can_send_videos: true,
  can_send_video_notes: true,
  can_send_voice_notes: true,
  can_send_polls: true,
  can_send_other_messages: true,
  can_add_web_page_previews: true,
  can_change_info: true,
  can_invite_users: true,
  can_pin_messages: true,
  can_manage_topics: false,
}

const giftTypes = (accepted: boolean) => ({
  unlimited_gifts: accepted,
  limited_gifts: accepted,
  unique_gifts: accepted,
  premium_subscription: accepted,
})

/**
 * getChat's ChatFullInfo (TELEGRAM-FACTS.md §3): the Chat fields plus the always-present accent_color_id
 * (Telegram's default is the id modulo 7), max_reaction_count and accepted_gift_types (all false for basic
 * groups); private chats add can_send_gift, groups their permissions and the legacy
 * all_members_are_administrators.
 */
export function chatFullInfoOf(chat: ChatRow): TgObject {
  const base = { ...chatOf(chat), accent_color_id: Math.abs(chat.id) % 7, max_reaction_count: 11 }
  switch (chat.type) {
    case 'private':
      return { ...base, can_send_gift: true, accepted_gift_types: giftTypes(true) }
    case 'group':
      return {
        ...base,
        permissions: GROUP_PERMISSIONS,
        all_members_are_administrators: true,
        accepted_gift_types: giftTypes(false),
      }
    case 'supergroup':
      return { ...base, permissions: GROUP_PERMISSIONS, accepted_gift_types: giftTypes(false) }
    case 'channel':
      return { ...base, accepted_gift_types: giftTypes(false) }
  }
}

export const getChat: BotMethod = async ({ bot, p, ctx }) => ({
  result: chatFullInfoOf(chatParam(ctx, bot, p)),
})

/** The message `from_chat_id` + `message_id` name (a chat of this bot), or `message to copy/forward not found`. */
function sourceMessage(ctx: SimContext, bot: BotRow, p: ParamReader, missing: string) {
  if (p.str('from_chat_id') === undefined) throw badRequest('parameter "from_chat_id" is required')
  const from = chatParam(ctx, bot, p, 'from_chat_id')
  const id = p.int('message_id')
  if (id === undefined) throw badRequest('message identifier is not specified')
  const message = ctx.repo.message(from.id, id)
  // Service messages (joins, leaves) cannot be copied or forwarded: the server reports them as not found.
  if (!message || message.service) throw badRequest(missing)
  return { from, message }
}

/** Stores a message the bot sends (a copy or a forward) in `chat` and emits it. */
async function saveSent(ctx: SimContext, chat: ChatRow, draft: Omit<MessageRow, 'messageId'>) {
  const row = await ctx.write(() => {
    const saved = { ...draft, messageId: ctx.repo.nextMessageId(chat.id) }
    ctx.repo.saveMessage(saved)
    return saved
  })
  ctx.emitItem(row)
  return row
}

/** Who the original was from, as `forward_origin` and the legacy `forward_*` fields the server still sends. */
function forwardOf(original: MessageRow, from: ChatRow, bot: BotRow): TgObject {
  if (original.forward) return original.forward // a forward of a forward names the first origin
  const date = Math.floor(original.date / 1000)
  if (from.type === 'channel') {
    const chat = chatOf(from)
    return {
      forward_origin: { type: 'channel', chat, message_id: original.messageId, date },
      forward_from_chat: chat,
      forward_from_message_id: original.messageId,
      forward_date: date,
    }
  }
  const user = original.fromBot ? botUser(bot) : (original.fromUser ?? userOf(from))
  return { forward_origin: { type: 'user', sender_user: user, date }, forward_from: user, forward_date: date }
}

/**
 * forwardMessage: the same content in `chat_id`, sent by the bot, with forward_origin (TELEGRAM-FACTS.md §3);
 * answers the Message.
 */
export const forwardMessage: BotMethod = async ({ bot, p, ctx }: BotCall) => {
  const chat = writableChat(ctx, bot, p)
  const { from, message } = sourceMessage(ctx, bot, p, 'message to forward not found')
  const row = await saveSent(ctx, chat, {
    ...message,
    chatId: chat.id,
    fromBot: true,
    fromUser: null,
    replyMarkup: null,
    replyTo: null,
    date: ctx.now(),
    editDate: null,
    updateId: null,
    forward: forwardOf(message, from, bot),
  })
  return { result: messageOf(row, chat, bot) }
}

/**
 * copyMessage: the content without a link to the original (no forward fields); `caption` replaces a file's
 * caption. Answers MessageId `{message_id}` (TELEGRAM-FACTS.md §3).
 */
export const copyMessage: BotMethod = async ({ bot, p, ctx }: BotCall) => {
  const chat = writableChat(ctx, bot, p)
  const { message } = sourceMessage(ctx, bot, p, 'message to copy not found')
  const replied = replyParam(ctx, chat, p)
  const replyMarkup = replyMarkupParam(p)
  const caption = message.media && p.has('caption') ? captionParam(p) : null
  const row = await saveSent(ctx, chat, {
    ...message,
    ...(caption && {
      text: caption.text,
      sourceText: caption.parseMode ? caption.source : null,
      parseMode: caption.parseMode,
      entities: caption.entities,
    }),
    chatId: chat.id,
    fromBot: true,
    fromUser: null,
    replyMarkup,
    replyTo: replied?.messageId ?? null,
    date: ctx.now(),
    editDate: null,
    updateId: null,
    forward: null,
  })
  return { result: { message_id: row.messageId } }
}
