/** What an image header says: its format and pixel size. */
export interface ImageInfo {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp'
  width: number
  height: number
  mimeType: string
}

const MIME: Record<ImageInfo['format'], string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
}

const info = (format: ImageInfo['format'], width: number, height: number): ImageInfo | null =>
  width > 0 && height > 0 ? { format, width, height, mimeType: MIME[format] } : null

function png(b: Buffer): ImageInfo | null {
  // Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR')
    return null
  return info('png', b.readUInt32BE(16), b.readUInt32BE(20))
}

function gif(b: Buffer): ImageInfo | null {
  if (b.length < 10 || !/^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return null
  return info('gif', b.readUInt16LE(6), b.readUInt16LE(8))
}

/** Start-of-frame markers carry the size; C4 (Huffman), C8 (reserved) and CC (arithmetic) do not. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

function jpeg(b: Buffer): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null
  let at = 2
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1]!
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2 // markers without a length
      continue
    }
    if (isStartOfFrame(marker)) return info('jpeg', b.readUInt16BE(at + 7), b.readUInt16BE(at + 5))
    at += 2 + b.readUInt16BE(at + 2)
  }
  return null
}

function webp(b: Buffer): ImageInfo | null {
  if (b.length < 30 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP')
    return null
  const chunk = b.toString('latin1', 12, 16)
  if (chunk === 'VP8 ') return info('webp', b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff)
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21)
    return info('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') return info('webp', b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1)
  return null
}

function bmp(b: Buffer): ImageInfo | null {
  if (b.length < 26 || b.toString('latin1', 0, 2) !== 'BM') return null
  return info('bmp', Math.abs(b.readInt32LE(18)), Math.abs(b.readInt32LE(22)))
}

/**
 * The format and size from an image's header (PNG, JPEG, GIF, WebP, BMP); null when the bytes are none of them
 * or the header is cut short. Only the header is read: the pixels are never decoded.
 */
export function readImageInfo(bytes: Buffer): ImageInfo | null {
  for (const read of [png, jpeg, gif, webp, bmp]) {
    const found = read(bytes)
    if (found) return found
  }
  return null
}
