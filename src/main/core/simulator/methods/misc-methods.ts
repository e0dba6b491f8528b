import { badRequest } from '../bot-api-error'
import { getMeResult } from '../telegram-objects'
import { writableChat } from './message-params'
import type { BotMethod } from './method-types'

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
])

export const getMe: BotMethod = async ({ bot }) => ({ result: getMeResult(bot) })

/** Answers a callback query once; an unknown or already answered id is refused like an expired one. */
export const answerCallbackQuery: BotMethod = async ({ bot, p, ctx }) => {
  const id = p.str('callback_query_id') ?? ''
  if (ctx.callbacks.get(id) !== bot.id) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid')
  }
  ctx.callbacks.delete(id)
  return { result: true }
}

export const sendChatAction: BotMethod = async ({ bot, p, ctx }) => {
  writableChat(ctx, bot, p)
  if (!CHAT_ACTIONS.has(p.str('action') ?? '')) throw badRequest('wrong parameter action in request')
  return { result: true }
}

/** logOut and close: nothing to release in a simulator; they succeed like a healthy server. */
export const logOut: BotMethod = async () => ({ result: true })
