import { describe, expect, it } from 'vitest'
import { readImageInfo } from '../../../../../../src/main/core/simulator/files/image-size'
import { pngOf } from '../../../../../helpers/images'

/** A JPEG's first segments: SOI, an APP0 segment, then SOF0 with height 480 and width 640. */
const jpeg = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00,
])
/** GIF89a, logical screen 3×5. */
const gif = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x03, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00])

function webp(kind: 'VP8 ' | 'VP8L' | 'VP8X'): Buffer {
  const b = Buffer.alloc(40)
  b.write('RIFF', 0, 'latin1')
  b.write('WEBP', 8, 'latin1')
  b.write(kind, 12, 'latin1')
  if (kind === 'VP8 ') {
    b.writeUInt16LE(400, 26)
    b.writeUInt16LE(300, 28)
  } else if (kind === 'VP8L') {
    b.writeUInt32LE((400 - 1) | ((300 - 1) << 14), 21)
  } else {
    b.writeUIntLE(400 - 1, 24, 3)
    b.writeUIntLE(300 - 1, 27, 3)
  }
  return b
}

describe('readImageInfo', () => {
  it.each([
    ['PNG', pngOf(7, 3), { format: 'png', width: 7, height: 3, mimeType: 'image/png' }],
    ['JPEG', jpeg, { format: 'jpeg', width: 640, height: 480, mimeType: 'image/jpeg' }],
    ['GIF', gif, { format: 'gif', width: 3, height: 5, mimeType: 'image/gif' }],
    ['WebP lossy', webp('VP8 '), { format: 'webp', width: 400, height: 300, mimeType: 'image/webp' }],
    ['WebP lossless', webp('VP8L'), { format: 'webp', width: 400, height: 300, mimeType: 'image/webp' }],
    ['WebP extended', webp('VP8X'), { format: 'webp', width: 400, height: 300, mimeType: 'image/webp' }],
  ])('reads the size of a %s header', (_name, bytes, expected) => {
    expect(readImageInfo(bytes)).toEqual(expected)
  })

  it.each([
    ['text', Buffer.from('hello, not an image')],
    ['a cut-off PNG', pngOf(2, 2).subarray(0, 20)],
    ['a JPEG without a frame header', jpeg.subarray(0, 20)],
    ['nothing', Buffer.alloc(0)],
  ])('answers null for %s', (_name, bytes) => {
    expect(readImageInfo(bytes)).toBeNull()
  })
})
