import type { z } from 'zod'
import { AppError } from '@shared/errors'
import type { SimFileContent, SimSendFileInput } from '@shared/simulator'
import { BotApiError } from './bot-api-error'
import type { FileRow } from './files/files-repo'
import { MAX_PHOTO_BYTES, MAX_UPLOAD_BYTES } from './files/input-file'
import { insertFile, newFileOf } from './files/new-file'
import type { SimContext } from './sim-context'
import type { BotRow, ChatRow } from './sim-repo'

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/

/**
 * Stores the file a simulated user sends (control API `sendSimFile`): the same checks as a bot's upload, as
 * AppErrors that say what to change. Telegram's apps send any picture as a photo; here a photo must be an image
 * the simulator can read the size of.
 */
export async function storeUserFile(
  ctx: SimContext,
  bot: BotRow,
  chat: ChatRow,
  input: z.output<typeof SimSendFileInput>,
): Promise<FileRow> {
  const text = input.base64.replace(/\s+/g, '')
  if (!BASE64.test(text)) {
    throw new AppError('invalid_input', 'base64 is not base64: use the standard or URL-safe alphabet', {
      where: [{ path: ['base64'] }],
    })
  }
  const bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64')
  const limit = input.kind === 'photo' ? MAX_PHOTO_BYTES : MAX_UPLOAD_BYTES
  if (bytes.length === 0) {
    throw new AppError('invalid_input', 'The file is empty', { where: [{ path: ['base64'] }] })
  }
  if (bytes.length > limit) {
    throw new AppError(
      'too_large',
      `The file has ${bytes.length} bytes; a ${input.kind} can have at most ${limit} (Telegram's limit for bots)`,
      { where: [{ path: ['base64'] }] },
    )
  }
  let file
  try {
    file = newFileOf(
      input.kind,
      { bytes, name: input.fileName, type: input.mimeType ?? null },
      { botId: bot.id, chatId: chat.id, now: ctx.now() },
    )
  } catch (err) {
    if (!(err instanceof BotApiError)) throw err
    throw new AppError(
      'invalid_input',
      err.description.includes('IMAGE_PROCESS_FAILED')
        ? 'This photo is not a PNG, JPEG, GIF, WebP or BMP image: send it as a document'
        : 'This photo is too long or too large for Telegram (width + height at most 10000, ratio at most 20)',
      { where: [{ path: ['base64'] }] },
    )
  }
  return ctx.write(() => insertFile(ctx.files, file))
}

/** A stored file and its bytes (control API `getSimFile`), for the Simulator page. */
export function fileContent(ctx: SimContext, fileId: string): z.output<typeof SimFileContent> {
  const file = ctx.files.byFileId(fileId)
  const bytes = file && ctx.files.bytes(file.id)
  if (!file || !bytes) {
    throw new AppError('not_found', `The simulator has no file ${fileId}`, { where: [{ path: ['fileId'] }] })
  }
  return {
    kind: file.kind,
    fileId: file.fileId,
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    width: file.width,
    height: file.height,
    base64: bytes.toString('base64'),
  }
}
