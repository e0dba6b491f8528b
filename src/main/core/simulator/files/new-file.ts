import { badRequest } from '../bot-api-error'
import { FILE_DIRECTORY, newFileIds, type FileKind } from './file-ids'
import type { FileRow, FilesRepo, NewFile } from './files-repo'
import { readImageInfo } from './image-size'
import type { IncomingFile } from './input-file'
import { extensionForMime, extensionOf, mimeTypeOf } from './mime'

/** Photo checks of sendPhoto (TELEGRAM-FACTS.md §1): width + height at most 10000, ratio at most 20. */
function checkPhotoDimensions(width: number, height: number): void {
  if (width + height > 10_000 || Math.max(width, height) / Math.min(width, height) > 20) {
    throw badRequest('PHOTO_INVALID_DIMENSIONS')
  }
}

/**
 * A received file as the row to store, with Telegram's checks. Bytes that are no image the simulator can read
 * (PNG, JPEG, GIF, WebP, BMP) sent as a photo answer `IMAGE_PROCESS_FAILED`, the cloud's pass-through text for
 * an image it cannot process (observed: mullwar/telebot#144, ldb/lua-telegram-bot#28; not in TELEGRAM-FACTS.md).
 */
export function newFileOf(
  kind: FileKind,
  incoming: IncomingFile,
  owner: { botId: number; chatId: number | null; now: number },
): NewFile {
  // Sizes come from the image header for pictures and GIF animations (video sizes are the bot's parameters).
  const image =
    kind === 'photo' || kind === 'sticker' || kind === 'animation' ? readImageInfo(incoming.bytes) : null
  if (kind === 'photo') {
    if (!image) throw badRequest('IMAGE_PROCESS_FAILED')
    checkPhotoDimensions(image.width, image.height)
  }
  const photoFormat = kind === 'photo' && image ? (image.format === 'jpeg' ? 'jpg' : image.format) : null
  // A photo is known by its pixels, not its name (Telegram drops a photo's file name); other files by their name.
  const fileName = kind === 'photo' ? null : incoming.name
  const mimeType =
    kind === 'photo' ? image!.mimeType : (mimeTypeOf(incoming.name, incoming.type) ?? image?.mimeType ?? null)
  const extension = photoFormat ?? (extensionOf(incoming.name) || extensionForMime(mimeType))
  return {
    botId: owner.botId,
    chatId: owner.chatId,
    kind,
    ...newFileIds(kind, incoming.bytes),
    fileName,
    mimeType,
    width: image?.width ?? null,
    height: image?.height ?? null,
    createdAt: owner.now,
    bytes: incoming.bytes,
    extension,
  }
}

/** Inside a write: stores the file under its kind's directory (`photos/file_7.png`). */
export const insertFile = (repo: FilesRepo, file: NewFile): FileRow =>
  repo.insert(file, FILE_DIRECTORY[file.kind])
