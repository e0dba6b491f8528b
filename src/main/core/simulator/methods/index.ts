import { getUpdates } from './get-updates'
import { deleteMessage, editMessageReplyMarkup, editMessageText, sendMessage } from './message-methods'
import type { BotMethod } from './method-types'
import { deleteMyCommands, getMyCommands, setMyCommands } from './command-methods'
import { answerCallbackQuery, getMe, logOut, sendChatAction } from './misc-methods'
import { deleteWebhook, getWebhookInfo, setWebhook } from './webhook-methods'
import { copyMessage, forwardMessage, getChat } from './chat-methods'
import {
  getFile,
  sendAnimation,
  sendAudio,
  sendDocument,
  sendPhoto,
  sendSticker,
  sendVideo,
  sendVoice,
} from './file-methods'
import { answerInlineQuery } from '../inline'

export type { BotMethod, MethodAnswer } from './method-types'

/** The Bot API methods the simulator implements, by lower-case name (method names are case-insensitive). */
export const BOT_METHODS: ReadonlyMap<string, BotMethod> = new Map(
  Object.entries({
    getMe,
    logOut,
    close: logOut,
    setWebhook,
    deleteWebhook,
    getWebhookInfo,
    getUpdates,
    sendMessage,
    editMessageText,
    editMessageReplyMarkup,
    deleteMessage,
    answerCallbackQuery,
    answerInlineQuery,
    sendChatAction,
    setMyCommands,
    getMyCommands,
    deleteMyCommands,
    sendPhoto,
    sendDocument,
    sendAudio,
    sendVideo,
    sendVoice,
    sendAnimation,
    sendSticker,
    getFile,
    getChat,
    copyMessage,
    forwardMessage,
  }).map(([name, method]) => [name.toLowerCase(), method]),
)

/** Methods a webhook answer may not call (TELEGRAM.md §4): get*, setWebhook, deleteWebhook, close, logOut. */
export const isAllowedInWebhookAnswer = (name: string): boolean => {
  const lower = name.toLowerCase()
  return !lower.startsWith('get') && !['setwebhook', 'deletewebhook', 'close', 'logout'].includes(lower)
}
