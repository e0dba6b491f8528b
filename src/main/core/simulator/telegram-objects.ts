import type { UserFromGetMe } from '@grammyjs/types'
import type { BotRow, ChatRow, MemberRow, MessageRow } from './sim-repo'

/** A Bot API object as sent on the wire (field order follows the samples in TELEGRAM.md §5). */
export type TgObject = Record<string, unknown>

const sec = (ms: number) => Math.floor(ms / 1000)

/** Drops undefined fields, so optional ones are absent rather than null. */
const compact = (o: TgObject): TgObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null))

export const simBotUsername = (id: number) => `sim_${id}_bot`
export const simBotName = (id: number) => `Sim Bot ${id}`

/** The bot as a message sender. */
export const botUser = (bot: Pick<BotRow, 'id' | 'firstName' | 'username'>): TgObject => ({
  id: bot.id,
  is_bot: true,
  first_name: bot.firstName,
  username: bot.username,
})

/** getMe: the full bot User (TELEGRAM.md §6); `can_read_all_group_messages` is true only with privacy mode off. */
export const getMeResult = (bot: BotRow): UserFromGetMe => ({
  id: bot.id,
  is_bot: true,
  first_name: bot.firstName,
  username: bot.username,
  can_join_groups: true,
  can_read_all_group_messages: !bot.privacy,
  // Inline mode is always on in the simulator (BotFather's /setinline), so getMe says so.
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
})

/** A group member as a Telegram User. */
export const memberUser = (m: Pick<MemberRow, 'userId' | 'firstName' | 'lastName' | 'username'>): TgObject =>
  compact({
    id: m.userId,
    is_bot: false,
    first_name: m.firstName,
    last_name: m.lastName,
    username: m.username,
    language_code: 'en',
  })

/** The chat's fake user (its first member). */
export const userOf = (chat: ChatRow): TgObject =>
  memberUser({
    userId: chat.userId,
    firstName: chat.userFirstName,
    lastName: chat.userLastName,
    username: chat.userUsername,
  })

export function chatOf(chat: ChatRow): TgObject {
  if (chat.type === 'private') {
    return compact({
      id: chat.id,
      first_name: chat.userFirstName,
      last_name: chat.userLastName,
      username: chat.userUsername,
      type: 'private',
    })
  }
  return compact({ id: chat.id, title: chat.title, username: chat.username, type: chat.type })
}

const entitiesOf = (m: MessageRow) =>
  m.entities.length
    ? m.entities.map(({ offset, length, type, ...extra }) => ({ offset, length, type, ...extra }))
    : undefined

/** A message's content: a service message's fields, a file with its caption, or the text and its entities. */
function bodyOf(m: MessageRow): TgObject {
  if (m.service) return m.service
  if (m.media) return { ...m.media, caption: m.text || undefined, caption_entities: entitiesOf(m) }
  return { text: m.text, entities: entitiesOf(m) }
}

/**
 * A Message. Channel posts (also the bot's) have no `from` but `sender_chat`; `reply_to_message` is one level
 * deep; only inline keyboards appear in `reply_markup`.
 */
export function messageOf(
  m: MessageRow,
  chat: ChatRow,
  bot: Pick<BotRow, 'id' | 'firstName' | 'username'>,
  replied?: MessageRow | null,
): TgObject {
  const inChannel = chat.type === 'channel'
  const markup = m.replyMarkup as { inline_keyboard?: unknown } | null
  return compact({
    message_id: m.messageId,
    from: inChannel ? undefined : m.fromBot ? botUser(bot) : (m.fromUser ?? userOf(chat)),
    sender_chat: inChannel ? chatOf(chat) : undefined,
    chat: chatOf(chat),
    date: sec(m.date),
    edit_date: m.editDate === null ? undefined : sec(m.editDate),
    ...m.forward,
    reply_to_message: replied ? messageOf(replied, chat, bot) : undefined,
    via_bot: m.viaBot ? botUser(bot) : undefined,
    ...bodyOf(m),
    reply_markup: markup && Array.isArray(markup.inline_keyboard) ? markup : undefined,
  })
}
