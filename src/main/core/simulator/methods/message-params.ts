import { badRequest, forbidden } from '../bot-api-error'
import type { Entity } from '../format/formatted-text'
import { parseFormatted, parseModeOf, type FormattedText } from '../format/formatted-text'
import type { ParamReader } from '../params'
import type { SimContext } from '../sim-context'
import type { BotRow, ChatRow, MessageRow } from '../sim-repo'

/** The chat `chat_id` names: a numeric id or `@username` (channels), of this bot (TELEGRAM.md §6). */
export function chatParam(ctx: SimContext, bot: BotRow, p: ParamReader, name = 'chat_id'): ChatRow {
  const raw = p.str(name)?.trim()
  if (!raw) throw badRequest('chat_id is empty')
  let chat: ChatRow | null = null
  if (/^-?\d+$/.test(raw)) chat = ctx.repo.chat(Number(raw))
  else if (raw.startsWith('@')) chat = ctx.repo.chatByUsername(bot.id, raw.slice(1))
  if (!chat || chat.botId !== bot.id) throw badRequest('chat not found')
  return chat
}

/** A chat the bot may write to: a user who blocked the bot answers 403. */
export function writableChat(ctx: SimContext, bot: BotRow, p: ParamReader): ChatRow {
  const chat = chatParam(ctx, bot, p)
  if (chat.blocked) throw forbidden('bot was blocked by the user')
  // Removed from the group (TELEGRAM-FACTS.md §7): a basic group says "not a member", a supergroup "kicked".
  if (chat.botStatus === 'left') throw forbidden(`bot is not a member of the ${chat.type} chat`)
  if (chat.botStatus === 'kicked') throw forbidden(`bot was kicked from the ${chat.type} chat`)
  return chat
}

/** The stored message `message_id` names in `chat`, or the given error. */
export function messageParam(ctx: SimContext, chat: ChatRow, p: ParamReader, missing: string): MessageRow {
  const id = p.int('message_id')
  if (id === undefined) throw badRequest('message identifier is not specified')
  const m = ctx.repo.message(chat.id, id)
  if (!m) throw badRequest(missing)
  return m
}

/** `entities` (or `caption_entities`) as JSON MessageEntity[]. */
export function entitiesParam(p: ParamReader, name = 'entities'): Entity[] {
  const value = p.json(name, 'entities')
  if (value === undefined) return []
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object")
  return value.map((e: unknown) => {
    const o = e as Partial<Entity> | null
    if (!o || typeof o.type !== 'string' || !Number.isInteger(o.offset) || !Number.isInteger(o.length)) {
      throw badRequest("can't parse MessageEntity JSON object")
    }
    return o as Entity
  })
}

/**
 * `text` with `parse_mode` or `entities` → plain text and entities, with Telegram's checks: empty text, raw
 * text over 32 KiB, parsed text over 4096 characters.
 */
export function textParam(p: ParamReader): FormattedText & { source: string; parseMode: string | null } {
  const source = p.str('text') ?? ''
  if (Buffer.byteLength(source) > 32 * 1024) throw badRequest('text is too long')
  const parseMode = parseModeOf(p.str('parse_mode'))
  const parsed = parseFormatted(source, parseMode)
  if (parseMode === null) {
    const entities = entitiesParam(p).filter((e) => e.offset + e.length <= parsed.text.length)
    parsed.entities = entities
  }
  if (parsed.text.length === 0) throw badRequest('message text is empty')
  if (parsed.text.length > 4096) throw badRequest('message is too long')
  return { ...parsed, source, parseMode }
}

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" must be an Array')
  for (const row of rows) {
    if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" must be an Array of Arrays')
    for (const button of row as unknown[]) {
      const b = button as Record<string, unknown> | null
      if (!b || typeof b !== 'object')
        throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
      if (typeof b.text !== 'string')
        throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String')
      const data = b.callback_data
      if (
        data !== undefined &&
        (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)
      ) {
        throw badRequest('BUTTON_DATA_INVALID')
      }
      if (b.url === undefined && data === undefined && Object.keys(b).length === 1) {
        throw badRequest(
          "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        )
      }
    }
  }
}

/** `reply_markup`: an inline keyboard (checked like Telegram), a reply keyboard, its removal or force_reply. */
export function replyMarkupParam(p: ParamReader): unknown {
  const value = p.json('reply_markup', 'reply keyboard markup')
  if (value === undefined) return null
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest("can't parse reply keyboard markup JSON object")
  }
  const markup = value as Record<string, unknown>
  if ('inline_keyboard' in markup) checkInlineKeyboard(markup.inline_keyboard)
  else if (!('keyboard' in markup) && !('remove_keyboard' in markup) && !('force_reply' in markup)) {
    throw badRequest("can't parse reply keyboard markup JSON object")
  }
  return markup
}

/**
 * The message to reply to: `reply_parameters` or the legacy `reply_to_message_id`, with
 * `allow_sending_without_reply` (TELEGRAM.md §6).
 */
export function replyParam(ctx: SimContext, chat: ChatRow, p: ParamReader): MessageRow | null {
  const params = p.json('reply_parameters', 'reply parameters') as
    { message_id?: unknown; chat_id?: unknown; allow_sending_without_reply?: unknown } | undefined
  const id = params ? Number(params.message_id) : p.int('reply_to_message_id')
  if (id === undefined || !Number.isInteger(id) || id === 0) return null
  const allowWithout = params
    ? params.allow_sending_without_reply === true
    : p.bool('allow_sending_without_reply')
  const replied = ctx.repo.message(chat.id, id)
  if (!replied && !allowWithout) throw badRequest('message to be replied not found')
  return replied
}
