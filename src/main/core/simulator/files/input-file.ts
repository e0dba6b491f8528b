import { BotApiError, badRequest } from '../bot-api-error'
import type { ParamReader } from '../params'
import type { SimContext } from '../sim-context'
import type { BotRow } from '../sim-repo'
import { fileIdProblem, sameFileClass, tdTypeName, type FileKind } from './file-ids'
import type { FileRow } from './files-repo'

/** A file's bytes as they arrived (multipart part or fetched URL). */
export interface IncomingFile {
  bytes: Buffer
  name: string | null
  type: string | null
}

/** Upload limits (TELEGRAM-FACTS.md §1): photos 10 MB, other files 50 MB; by URL 5 MB and 20 MB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
const MAX_URL_PHOTO_BYTES = 5 * 1024 * 1024
const MAX_URL_FILE_BYTES = 20 * 1024 * 1024
const URL_TIMEOUT_MS = 10_000

/** The file-size checks of td's FileLoaderUtils (`get_file_size_error`) and the cloud's 413 above 50 MB. */
export function checkUploadSize(kind: FileKind, size: number): void {
  if (size === 0) throw badRequest('file must be non-empty')
  if (kind === 'photo' && size > MAX_PHOTO_BYTES) {
    throw badRequest(
      `file of size ${size} bytes is too big for a photo; the maximum size is ${MAX_PHOTO_BYTES} bytes`,
    )
  }
  if (size > MAX_UPLOAD_BYTES) throw new BotApiError(413, 'Request Entity Too Large')
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])
const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)

/**
 * A file by HTTP URL. The simulator never leaves the machine: it fetches loopback URLs (a test's own server)
 * and answers any other host as Telegram answers a URL it cannot get (`WEBPAGE_CURL_FAILED`,
 * TELEGRAM-FACTS.md §0); a photo that is not an image is `WEBPAGE_MEDIA_EMPTY`, one over the URL limit
 * `MEDIA_EMPTY`.
 */
async function fetchUrl(kind: FileKind, text: string, signal: AbortSignal): Promise<IncomingFile> {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw badRequest('wrong file identifier/HTTP URL specified')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest('wrong file identifier/HTTP URL specified')
  }
  if (!isLoopback(url.hostname)) throw badRequest('failed to get HTTP URL content')
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(URL_TIMEOUT_MS)]) })
  } catch {
    throw badRequest('failed to get HTTP URL content')
  }
  if (!res.ok) throw badRequest('failed to get HTTP URL content')
  const type = res.headers.get('content-type')
  if (kind === 'photo' && !type?.toLowerCase().startsWith('image/')) {
    throw badRequest('wrong type of the web page content')
  }
  const bytes = Buffer.from(await res.arrayBuffer())
  if (bytes.length > (kind === 'photo' ? MAX_URL_PHOTO_BYTES : MAX_URL_FILE_BYTES)) {
    throw badRequest('wrong file identifier/HTTP URL specified')
  }
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? '') || null
  return { bytes, name, type }
}

/** A file_id this bot may send as `kind` (TELEGRAM-FACTS.md §1 "Sending by file_id", "Garbage file_id"). */
function knownFile(ctx: SimContext, bot: BotRow, kind: FileKind, fileId: string): FileRow {
  const file = ctx.files.byFileId(fileId)
  if (!file || file.botId !== bot.id) {
    const problem = fileIdProblem(fileId)
    if (problem) throw badRequest(`wrong remote file identifier specified: ${problem}`)
    throw badRequest('wrong file identifier/HTTP URL specified')
  }
  if (!sameFileClass(file.kind, kind)) {
    throw badRequest(`can't use file of type ${tdTypeName(file.kind)} as ${tdTypeName(kind)}`)
  }
  return file
}

/**
 * The file parameter `field` of a send method, read as the server reads it (Client.cpp `get_input_file`): a
 * string that is not `attach://…` is a file_id or (with a `.`) a URL; `attach://<name>` reads the multipart
 * part `<name>`; otherwise the part named after the field. Neither: `there is no <what> in the request`.
 */
export async function readInputFile(
  ctx: SimContext,
  bot: BotRow,
  p: ParamReader,
  field: string,
  kind: FileKind,
  signal: AbortSignal,
): Promise<{ known: FileRow } | { incoming: IncomingFile; byUrl: boolean }> {
  const text = p.str(field)?.trim()
  const part = text?.startsWith('attach://') ? p.file(text.slice('attach://'.length)) : p.file(field)
  if (part)
    return { incoming: { bytes: part.bytes, name: part.name || null, type: part.type || null }, byUrl: false }
  if (text && !text.startsWith('attach://')) {
    if (text.includes('.') || /^https?:/i.test(text)) {
      return { incoming: await fetchUrl(kind, text, signal), byUrl: true }
    }
    return { known: knownFile(ctx, bot, kind, text) }
  }
  throw badRequest(`there is no ${field.replace(/_/g, ' ')} in the request`)
}
