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
  // Gone already (while the credentials were checked): no event will come, but what arrived is buffered.
  if (stream.destroyed && !stream.readableEnded) {
    const chunks: Buffer[] = []
    for (let chunk = stream.read() as Buffer | null; chunk !== null; chunk = stream.read() as Buffer | null)
      chunks.push(chunk)
    const bytes = Buffer.concat(chunks)
    const tooLarge = bytes.length > limitBytes
    return Promise.resolve({
      bytes: tooLarge ? bytes.subarray(0, TOO_LARGE_HEAD_BYTES) : bytes,
      size: bytes.length,
      tooLarge,
      aborted: true,
    })
  }
  return new Promise((resolve, reject) => {
    // With Content-Length, the chunks are copied into one buffer of that size as they come, so a 10 MB body
    // never exists twice (chunks + their concatenation): the process's resting memory follows its peak
    // (issue 18 item 11). Without it (chunked), they are joined at the end.
    const into = contentLength !== undefined && contentLength > 0 ? Buffer.allocUnsafe(contentLength) : null
    const chunks: Buffer[] = []
    let size = 0
    let kept = 0
    let copied = 0
    let tooLarge = false
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (!tooLarge && size > limitBytes) tooLarge = true
      const room = (tooLarge ? TOO_LARGE_HEAD_BYTES : limitBytes) - kept
      if (room > 0) {
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk
        if (into && chunks.length === 0 && copied + part.length <= into.length) {
          part.copy(into, copied)
          copied += part.length
        } else chunks.push(part)
        kept += part.length
      }
    })
    const received = () => {
      const head = into ? into.subarray(0, copied) : null
      if (!head) return Buffer.concat(chunks)
      return chunks.length === 0 ? head : Buffer.concat([head, ...chunks])
    }
    let ended = false
    stream.on('end', () => {
      ended = true
      let bytes = received()
      if (tooLarge && bytes.length > TOO_LARGE_HEAD_BYTES) bytes = bytes.subarray(0, TOO_LARGE_HEAD_BYTES)
      resolve({ bytes, size, tooLarge })
    })
    // A client that goes away mid-body is an outcome, not a failure: what arrived is kept (issue 18 item 12).
    const aborted = () => resolve({ bytes: received(), size, tooLarge, aborted: true })
    stream.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? aborted() : reject(err)))
    stream.on('close', () => {
      if (!ended) aborted()
    })
  })
}
