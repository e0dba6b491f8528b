import { createHash, randomBytes } from 'node:crypto'

/** Kinds of file the simulator stores, by the Message field (and send method) that carries them. */
export type FileKind = 'photo' | 'document' | 'audio' | 'video' | 'voice' | 'animation' | 'sticker'

/**
 * td's FileType numbers (files/FileType.h), the first int32 of a persistent file_id, and the names its error
 * texts use ("can't use file of type Document as Photo", TELEGRAM-FACTS.md §1).
 */
const TD_TYPE: Record<FileKind, { id: number; name: string }> = {
  photo: { id: 2, name: 'Photo' },
  voice: { id: 3, name: 'VoiceNote' },
  video: { id: 4, name: 'Video' },
  document: { id: 5, name: 'Document' },
  sticker: { id: 8, name: 'Sticker' },
  audio: { id: 9, name: 'Audio' },
  animation: { id: 10, name: 'Animation' },
}

export const tdTypeName = (kind: FileKind): string => TD_TYPE[kind].name

/** Photo-class and document-class ids do not mix; document-class ones serve each other's methods (§1). */
export const sameFileClass = (a: FileKind, b: FileKind): boolean => (a === 'photo') === (b === 'photo')

/** The directory of getFile's file_path for each kind (td FileType.cpp get_file_type_name). */
export const FILE_DIRECTORY: Record<FileKind, string> = {
  photo: 'photos',
  document: 'documents',
  audio: 'music',
  video: 'videos',
  voice: 'voice',
  animation: 'animations',
  sticker: 'stickers',
}

/** tdutils' zero-run encoding of persistent ids: each run of 0x00 becomes 0x00 and the run's length. */
function rleZeros(data: Buffer): Buffer {
  const out: number[] = []
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0) {
      out.push(data[i]!)
      continue
    }
    let run = 1
    while (i + 1 < data.length && data[i + 1] === 0 && run < 250) {
      run++
      i++
    }
    out.push(0, run)
  }
  return Buffer.from(out)
}

const base64url = (b: Buffer) => b.toString('base64url')

/** The persistent-id version td appends last (PERSISTENT_ID_VERSION) and the sub-version before it. */
const PERSISTENT_VERSION = 4
const SUB_VERSION = 0x36
/** td's flag in the type int32: the id carries a file reference. */
const HAS_FILE_REFERENCE = 1 << 25

/**
 * A new file_id and the file_unique_id of `bytes`, shaped like Telegram's: base64url of td's zero-run-encoded
 * persistent id (type with the file-reference flag, DC 2, a file reference, id, access hash, version 4), so
 * photo ids start `AgAC…` and documents `BQAC…`; the unique id (`AQAD…` photos, `AgAD…` documents) depends only
 * on the content and the file class, as Telegram's is the same for every bot.
 */
export function newFileIds(kind: FileKind, bytes: Buffer): { fileId: string; fileUniqueId: string } {
  const contentId = createHash('sha256').update(bytes).digest().subarray(0, 8)
  const head = Buffer.alloc(8)
  head.writeUInt32LE(TD_TYPE[kind].id | HAS_FILE_REFERENCE, 0)
  head.writeUInt32LE(2, 4)
  const reference = randomBytes(21)
  const accessHash = randomBytes(8)
  const body = Buffer.concat([
    head,
    Buffer.from([reference.length]),
    reference,
    Buffer.alloc(2),
    contentId,
    accessHash,
    Buffer.from([SUB_VERSION, PERSISTENT_VERSION]),
  ])
  const unique = Buffer.alloc(12)
  unique.writeUInt32LE(kind === 'photo' ? 1 : 2, 0)
  contentId.copy(unique, 4)
  return { fileId: base64url(rleZeros(body)), fileUniqueId: base64url(rleZeros(unique)) }
}

/**
 * Why a string the simulator does not know is not a file_id, in td's words (TELEGRAM-FACTS.md §1 "Garbage
 * file_id": base64url decoding, then the version byte); null when it decodes like a persistent id (it is then
 * an id of another bot or of a file the simulator never saw).
 */
export function fileIdProblem(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return 'Wrong character in the string'
  const bare = text.replace(/=+$/, '')
  if (bare.length % 4 === 1) return 'Wrong string length'
  const bytes = Buffer.from(bare, 'base64url')
  if (bytes.length < 2) return "can't unserialize it"
  const last = bytes[bytes.length - 1]!
  if (last < 2 || last > PERSISTENT_VERSION) return "can't unserialize it. Wrong last symbol"
  return null
}
