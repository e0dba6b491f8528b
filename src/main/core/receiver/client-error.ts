import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { NewRequest, Store } from '../store'
import { statusOfStorageFault } from '../store'
import { errorBody, maskHeaders, splitUrl } from './http-helpers'

/** What Node's `clientError` carries for a request its HTTP parser refused (llhttp's code and reason). */
export interface ClientError extends Error {
  code?: string
  reason?: string
  /** The buffer being parsed when it failed: for a small request, the whole of it. */
  rawPacket?: Buffer
}

export interface ClientErrorDeps {
  store: Store
  bus: EventBus
  log: Logger
  now: () => number
  /** Requests under this path are stored; others get Node's usual answer. */
  prefix: string
}

/** Only this much of a refused request's head is read. */
const MAX_HEAD_BYTES = 64 * 1024
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) /

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses (a raw byte that is not allowed in the path,
 * a header with a control character or an invalid name, a header block over Node's limit) never reaches a
 * route. Under the webhook prefix it is stored anyway (issue 18 item 10), as far as it can be read from the
 * packet — the path with its raw bytes percent-encoded, the headers with bytes that are not printable UTF-8
 * as `\xHH`, no body — with status 400 (431 for a header overflow) and the parser's reason, and answered with
 * its id. Anything else gets Fastify's default answer.
 */
export function createClientErrorHandler(deps: ClientErrorDeps) {
  return function onClientError(error: Error, socket: Socket): void {
    const err = error as ClientError
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
    const head = status === 408 ? null : readHead(err.rawPacket, deps.prefix)
    if (!head) return answer(socket, status, { error: defaultError(status) })
    const reason = `${err.code ?? 'parse error'}${err.reason ? `: ${err.reason}` : ''}`
    const row: NewRequest = {
      receivedAtMs: deps.now(),
      method: head.method,
      path: head.path,
      query: head.query,
      headers: maskHeaders(head.headers),
      body: null,
      bodySize: 0,
      bodyTruncated: false,
      contentType: head.headers['content-type'] ?? null,
      remoteAddress: socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown',
      user: null,
      authOutcome: 'unchecked',
      status,
      entity: null,
      messageText: null,
      error: {
        code: 'bad_request',
        message: `Node's HTTP parser refused the request (${reason}) before Hookbench could read it: it is stored as far as it could be read, without its body.`,
      },
      warnings: [],
      updateId: null,
    }
    deps.log.info({ reason, path: row.path }, 'webhook request refused by the HTTP parser')
    deps.store.writer
      .write(() => deps.store.requests.insert(row, null))
      .then(
        (stored) => {
          answer(socket, status, { ...errorBody('invalid_input', row.error!.message), id: stored.request.id })
          setImmediate(() => deps.bus.emit({ type: 'request.received', request: stored.request }))
        },
        (failure: unknown) => {
          const fault = deps.store.health.failed(failure)
          if (!fault) deps.log.error({ err: failure }, 'could not store a request the parser refused')
          const code = fault ? statusOfStorageFault(fault.kind) : 500
          const message = fault
            ? `This request was not stored, so it is refused. ${fault.message}`
            : 'Internal error; see the log.'
          answer(socket, code, errorBody(fault ? 'unavailable' : 'internal', message))
        },
      )
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
}

function defaultError(status: number) {
  if (status === 408) return { kind: 'invalid_input', message: 'The request did not arrive in time.' }
  if (status === 431) return { kind: 'too_large', message: "The request's headers exceed Node's limit." }
  return { kind: 'invalid_input', message: 'The request is not valid HTTP.' }
}

function answer(socket: Socket, status: number, body: unknown): void {
  if (!socket.writable) return void socket.destroy()
  const text = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  )
}

interface RefusedHead {
  method: string
  path: string
  query: string
  headers: IncomingMessage['headers'] & Record<string, string>
}

/** The request line and headers of a refused packet, when it starts a request under `prefix`. */
function readHead(packet: Buffer | undefined, prefix: string): RefusedHead | null {
  if (!packet || packet.length === 0) return null
  const bytes = packet.subarray(0, MAX_HEAD_BYTES)
  const end = bytes.indexOf('\r\n\r\n')
  const lines = splitLines(end < 0 ? bytes : bytes.subarray(0, end))
  const first = lines.shift()
  if (!first) return null
  const line = first.toString('latin1')
  const method = REQUEST_LINE.exec(line)?.[1]
  if (!method) return null
  const version = line.lastIndexOf(' HTTP/')
  const target = percentEncodeRaw(
    first.subarray(method.length + 1, version > method.length ? version : undefined),
  )
  const { path, query } = splitUrl(target)
  if (path !== prefix && !path.startsWith(`${prefix}/`)) return null
  const headers: Record<string, string> = {}
  for (const l of lines) {
    const colon = l.indexOf(':')
    if (colon <= 0) continue
    const name = readable(l.subarray(0, colon)).trim().toLowerCase()
    const value = readable(l.subarray(colon + 1)).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  return { method: method.toUpperCase(), path, query, headers }
}

function splitLines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = []
  let start = 0
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, start)) {
    out.push(bytes.subarray(start, i > start && bytes[i - 1] === 13 ? i - 1 : i))
    start = i + 1
  }
  out.push(bytes.subarray(start))
  return out
}

/** A request target's bytes as text: printable ASCII as is, every other byte `%XX` (so it stays raw bytes). */
function percentEncodeRaw(bytes: Buffer): string {
  let out = ''
  for (const b of bytes)
    out += b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  return out
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Header bytes as text: valid UTF-8 kept, control characters and bytes that are not UTF-8 shown as `\xHH`. */
function readable(bytes: Buffer): string {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return [...bytes]
      .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`))
      .join('')
  }
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

// eslint-disable-next-line no-control-regex -- the control characters are what is escaped
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g
