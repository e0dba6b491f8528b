import { badRequest, tooManyRequests } from '../bot-api-error'
import { parseFormatted, parseModeOf } from '../format/formatted-text'
import type { FileKind } from '../files/file-ids'
import { checkUploadSize, readInputFile } from '../files/input-file'
import { mediaOf, type MediaExtras } from '../files/media'
import { insertFile, newFileOf } from '../files/new-file'
import type { ParamReader } from '../params'
import type { MessageRow } from '../sim-repo'
import { messageOf } from '../telegram-objects'
import { entitiesParam, replyMarkupParam, replyParam, writableChat } from './message-params'
import type { BotMethod } from './method-types'

/** Files of up to this size can be downloaded (getFile; TELEGRAM-FACTS.md §1). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

/**
 * `caption` with `parse_mode` or `caption_entities`: plain text and entities, at most 1024 characters after
 * parsing (`message caption is too long`, TELEGRAM-FACTS.md §7).
 */
export function captionParam(p: ParamReader): {
  text: string
  source: string
  parseMode: string | null
  entities: MessageRow['entities']
} {
  const source = p.str('caption') ?? ''
  const parseMode = parseModeOf(p.str('parse_mode'))
  const parsed = parseFormatted(source, parseMode)
  if (parseMode === null) {
    parsed.entities = entitiesParam(p, 'caption_entities').filter(
      (e) => e.offset + e.length <= parsed.text.length,
    )
  }
  if ([...parsed.text].length > 1024) throw badRequest('message caption is too long')
  return { ...parsed, source, parseMode }
}

const extrasOf = (p: ParamReader): MediaExtras => ({
  duration: p.int('duration'),
  width: p.int('width'),
  height: p.int('height'),
  performer: p.str('performer'),
  title: p.str('title'),
  emoji: p.str('emoji'),
})

/**
 * send<File>: one implementation for sendPhoto, sendDocument, sendAudio, sendVideo, sendVoice, sendAnimation
 * and sendSticker. The file comes as an upload, a file_id this bot knows, or a URL (files/input-file.ts); the
 * answer is the Message with the file's fields, caption and caption_entities.
 */
function sendFile(kind: FileKind): BotMethod {
  return async ({ bot, p, ctx, signal }) => {
    const chat = writableChat(ctx, bot, p)
    const caption = kind === 'sticker' ? null : captionParam(p)
    const replied = replyParam(ctx, chat, p)
    const replyMarkup = replyMarkupParam(p)
    const input = await readInputFile(ctx, bot, p, kind, kind, signal)
    let fresh = null
    if ('incoming' in input) {
      checkUploadSize(kind, input.incoming.bytes.length)
      fresh = newFileOf(kind, input.incoming, { botId: bot.id, chatId: chat.id, now: ctx.now() })
    }
    const retryAfter = ctx.limiter.take(bot.id, chat.id, chat.type === 'group' || chat.type === 'supergroup')
    if (retryAfter > 0) throw tooManyRequests(retryAfter)
    const extras = extrasOf(p)
    const row = await ctx.write(() => {
      const file = 'known' in input ? input.known : insertFile(ctx.files, fresh!)
      const saved: MessageRow = {
        chatId: chat.id,
        messageId: ctx.repo.nextMessageId(chat.id),
        fromBot: true,
        text: caption?.text ?? '',
        sourceText: caption?.parseMode ? caption.source : null,
        parseMode: caption?.parseMode ?? null,
        entities: caption?.entities ?? [],
        replyMarkup,
        replyTo: replied?.messageId ?? null,
        date: ctx.now(),
        editDate: null,
        updateId: null,
        media: mediaOf(kind, file, extras),
      }
      ctx.repo.saveMessage(saved)
      return saved
    })
    ctx.emitItem(row)
    return { result: messageOf(row, chat, bot, replied) }
  }
}

export const sendPhoto = sendFile('photo')
export const sendDocument = sendFile('document')
export const sendAudio = sendFile('audio')
export const sendVideo = sendFile('video')
export const sendVoice = sendFile('voice')
export const sendAnimation = sendFile('animation')
export const sendSticker = sendFile('sticker')

/**
 * getFile: `{file_id, file_unique_id, file_size, file_path}` for a file of this bot; over 20 MB `file is too
 * big`; no id `file_id not specified`; an id it does not know `invalid file_id` (TELEGRAM-FACTS.md §1).
 */
export const getFile: BotMethod = async ({ bot, p, ctx }) => {
  const fileId = p.str('file_id')?.trim()
  if (!fileId) throw badRequest('file_id not specified')
  const file = ctx.files.byFileId(fileId)
  if (!file || file.botId !== bot.id) throw badRequest('invalid file_id')
  if (file.size > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big')
  return {
    result: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.size,
      file_path: file.filePath,
    },
  }
}
