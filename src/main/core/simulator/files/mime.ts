/** MIME types by file extension, the way Telegram names a document's mime_type from its file name. */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  json: 'application/json',
  xml: 'application/xml',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  md: 'text/markdown',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/x-wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export const extensionOf = (name: string | null | undefined): string => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name ?? '')
  return m ? m[1]!.toLowerCase() : ''
}

/** The extension a file path gets for a MIME type (when the file name has none). */
export const extensionForMime = (mime: string | null | undefined): string =>
  Object.entries(BY_EXTENSION).find(([, m]) => m === mime)?.[0] ?? ''

/** The mime_type for a file: by its name's extension, else the type it was sent with (not octet-stream). */
export function mimeTypeOf(
  name: string | null | undefined,
  sentType: string | null | undefined,
): string | null {
  const byName = BY_EXTENSION[extensionOf(name)]
  if (byName) return byName
  const sent = sentType?.split(';')[0]?.trim().toLowerCase()
  return sent && sent !== 'application/octet-stream' ? sent : null
}
