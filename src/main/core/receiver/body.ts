import type { Readable } from 'node:stream'

/** What the receiver's content-type parser hands to the route: the raw bytes, never parsed. */
export interface RawBody {
  bytes: Buffer
  /** Bytes received (or announced by Content-Length when the body was refused unread). */
  size: number
  /** The body exceeded the limit: `bytes` holds only its head. */
  tooLarge: boolean
  /** The client closed the connection before the body ended: `bytes` holds what arrived. */
  aborted?: boolean
}

/** How much of an oversized body is kept, so the inspector still shows what it was. */
export const TOO_LARGE_HEAD_BYTES = 64 * 1024

/**
 * Reads a request body up to `limitBytes`. Larger bodies are not rejected with an exception: they are drained
 * (keeping the head) so the route can store the request with error too_large and answer 413 itself.
 */
export function readBody(
  stream: Readable,
  limitBytes: number,
  contentLength: number | undefined,
): Promise<RawBody> {
  if (contentLength !== undefined && contentLength > limitBytes) {
    stream.resume()
    return Promise.resolve({ bytes: Buffer.alloc(0), size: contentLength, tooLarge: true })
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let kept = 0
    let tooLarge = false
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (!tooLarge && size > limitBytes) tooLarge = true
      const room = (tooLarge ? TOO_LARGE_HEAD_BYTES : limitBytes) - kept
      if (room > 0) {
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk
        chunks.push(part)
        kept += part.length
      }
    })
    stream.on('end', () => {
      let bytes = Buffer.concat(chunks)
      if (tooLarge && bytes.length > TOO_LARGE_HEAD_BYTES) bytes = bytes.subarray(0, TOO_LARGE_HEAD_BYTES)
      resolve({ bytes, size, tooLarge })
    })
    // A client that goes away mid-body is an outcome, not a failure: what arrived is kept (issue 18 item 12).
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET') return reject(err)
      resolve({ bytes: Buffer.concat(chunks), size, tooLarge, aborted: true })
    })
  })
}
