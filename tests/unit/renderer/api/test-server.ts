/// <reference types="node" />
// A tiny HTTP + WebSocket server on 127.0.0.1 for the HTTP client's tests: records requests, answers
// from a handler, and speaks just enough RFC 6455 (handshake, unmasked server text frames) to push events.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'

interface Recorded {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

type Reply = { status: number; body: string; type?: string }

export interface TestServer {
  base: URL
  requests: Recorded[]
  reply(handler: (request: Recorded) => Reply): void
  sockets: Duplex[]
  /** Sends one text frame to every open event socket. */
  push(text: string): void
  /** Drops every event socket without a close frame (a lost connection). */
  dropSockets(): void
  close(): Promise<void>
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

export async function startTestServer(): Promise<TestServer> {
  let handler: (request: Recorded) => Reply = () => ({ status: 404, body: '' })
  const requests: Recorded[] = []
  const sockets: Duplex[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      }
      requests.push(recorded)
      const answer = handler(recorded)
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' })
      res.end(answer.body)
    })
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const key = String(req.headers['sec-websocket-key'])
    const accept = createHash('sha1')
      .update(key + WS_GUID)
      .digest('base64')
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    )
    requests.push({ method: 'UPGRADE', url: req.url ?? '', headers: req.headers, body: '' })
    sockets.push(socket)
    socket.on('error', () => {})
    // A client close frame (opcode 8) ends the connection; nothing else the client sends matters here.
    socket.on('data', (frame: Buffer) => {
      if (((frame[0] ?? 0) & 0x0f) === 0x8) socket.destroy()
    })
    socket.on('close', () => sockets.splice(sockets.indexOf(socket), 1))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: new URL(`http://127.0.0.1:${port}/`),
    requests,
    sockets,
    reply(next) {
      handler = next
    },
    push(text) {
      const payload = Buffer.from(text)
      const header =
        payload.length < 126
          ? Buffer.from([0x81, payload.length])
          : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff])
      for (const socket of sockets) socket.write(Buffer.concat([header, payload]))
    },
    dropSockets() {
      for (const socket of [...sockets]) socket.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of [...sockets]) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
