import type { TgObject } from '../telegram-objects'
import type { FileKind } from './file-ids'
import type { FileRow } from './files-repo'

/** What a send method's parameters add to the file object (sizes and durations Telegram would compute). */
export interface MediaExtras {
  duration?: number
  width?: number
  height?: number
  performer?: string
  title?: string
  emoji?: string
}

const compact = (o: TgObject): TgObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null))

const ids = (f: FileRow) => ({ file_id: f.fileId, file_unique_id: f.fileUniqueId, file_size: f.size })
const named = (f: FileRow) => ({ file_name: f.fileName ?? undefined, mime_type: f.mimeType ?? undefined })

/**
 * The Message fields of a file sent as `kind`, in the field order of Client.cpp's Json* stores
 * (TELEGRAM-FACTS.md §1). A photo is one PhotoSize, the original: the simulator does not scale images, so
 * there are no smaller thumbnails (Telegram's set of sizes is UNCONFIRMED anyway).
 */
export function mediaOf(kind: FileKind, f: FileRow, x: MediaExtras = {}): TgObject {
  const width = x.width ?? f.width ?? 0
  const height = x.height ?? f.height ?? 0
  const duration = x.duration ?? 0
  switch (kind) {
    case 'photo':
      return { photo: [{ ...ids(f), width, height }] }
    case 'document':
      return { document: compact({ ...named(f), ...ids(f) }) }
    case 'audio':
      return { audio: compact({ duration, performer: x.performer, title: x.title, ...named(f), ...ids(f) }) }
    case 'video':
      return { video: compact({ width, height, duration, ...named(f), ...ids(f) }) }
    case 'voice':
      return { voice: compact({ duration, mime_type: f.mimeType ?? undefined, ...ids(f) }) }
    case 'animation': {
      const animation = compact({ width, height, duration, ...named(f), ...ids(f) })
      // Bot API: "for backward compatibility, when this field is set, the document field will also be set".
      return { animation, document: compact({ ...named(f), ...ids(f) }) }
    }
    case 'sticker':
      return {
        sticker: compact({
          width,
          height,
          emoji: x.emoji,
          is_animated: false,
          is_video: false,
          type: 'regular',
          ...ids(f),
        }),
      }
  }
}

/** The file a stored message's media fields name, for the transcript: the largest photo size, or the object. */
export function mediaFileOf(media: TgObject): { kind: FileKind; object: TgObject } | null {
  const photo = media.photo
  if (Array.isArray(photo) && photo.length > 0) return { kind: 'photo', object: photo.at(-1) as TgObject }
  for (const kind of ['animation', 'document', 'audio', 'video', 'voice', 'sticker'] as const) {
    const object = media[kind]
    if (object && typeof object === 'object') return { kind, object: object as TgObject }
  }
  return null
}
