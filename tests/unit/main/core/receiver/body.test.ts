import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readBody } from '../../../../../src/main/core/receiver/body'

const parts = [Buffer.from('hello '), Buffer.from('big '), Buffer.from('world')]
const whole = Buffer.concat(parts)

function feed(chunks: Buffer[], end = true): PassThrough {
  const stream = new PassThrough()
  setImmediate(() => {
    for (const c of chunks) stream.write(c)
    if (end) stream.end()
    else stream.destroy()
  })
  return stream
}

describe('readBody', () => {
  it('fills one buffer of the announced length, chunk by chunk (no second copy)', async () => {
    const body = await readBody(feed(parts), 1024, whole.length)
    expect(body).toEqual({ bytes: whole, size: whole.length, tooLarge: false })
  })

  it('joins the chunks of a body without Content-Length', async () => {
    const body = await readBody(feed(parts), 1024, undefined)
    expect(body.bytes.equals(whole)).toBe(true)
  })

  it('keeps what arrived of an announced body when the client goes away', async () => {
    const body = await readBody(feed(parts.slice(0, 2), false), 1024, 100)
    expect(body.aborted).toBe(true)
    expect(body.bytes.toString()).toBe('hello big ')
  })

  it('keeps the head of a body that grows past the limit without announcing it', async () => {
    const big = [Buffer.alloc(70 * 1024, 97), Buffer.alloc(70 * 1024, 98)]
    const body = await readBody(feed(big), 100 * 1024, undefined)
    expect(body.tooLarge).toBe(true)
    expect(body.size).toBe(140 * 1024)
    expect(body.bytes.length).toBe(64 * 1024)
  })
})
