import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { BotApiError, errorEnvelope, notFound, unauthorized } from './bot-api-error'
import type { Faults } from './faults'
import type { FormatErrorLog } from './format-errors'
import { BOT_METHODS, type MethodAnswer } from './methods'
import { MAX_DOWNLOAD_BYTES } from './methods/file-methods'
import { paramReader, readParams } from './params'
import type { SimContext } from './sim-context'

/**
 * Bodies up to this size are read: a 50 MB upload and its multipart framing (a larger file must reach the
 * 413 check of files/input-file.ts; a certificate over 3 MiB setWebhook's).
 */
const BODY_LIMIT_BYTES = 51 * 1024 * 1024

/** A download: `file/bot<token>/<file_path>` (TELEGRAM-FACTS.md §1 "Download URL"). */
const FILE_PATH = /^file\/bot([^/]*)\/(.+)$/

/** `bot<token>` and an optional `/<method>` (TELEGRAM.md §1: without it, the `method` parameter names it). */
const PATH = /^bot([^/]*)(?:\/([^/]*))?\/?$/

// A Buffer keeps the header exactly `application/json`, as Telegram sends it (a string would get a charset).
function send(reply: FastifyReply, status: number, body: Record<string, unknown> | string) {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)))
}

/** The success envelope; a result already serialised is spliced in as it is. */
const okBody = (answer: MethodAnswer) =>
  'resultJson' in answer
    ? `{"ok":true,"result":${answer.resultJson}}`
    : { ok: true, result: answer.result, ...(answer.description && { description: answer.description }) }

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function sendError(reply: FastifyReply, err: BotApiError) {
  if (err.parameters?.retry_after !== undefined)
    reply.header('retry-after', String(err.parameters.retry_after))
  return send(reply, err.code, errorEnvelope(err))
}

/**
 * The fake Bot API at `/sim/bot<TOKEN>/<METHOD>`: GET or POST, parameters from the query string and an
 * urlencoded, JSON or multipart body, answers in Telegram's envelope with HTTP status = error_code.
 */
export function createBotApiPlugin(
  ctx: SimContext,
  faults: Faults,
  formatErrors: FormatErrorLog,
): FastifyPluginAsync {
  async function call(req: FastifyRequest, reply: FastifyReply): Promise<MethodAnswer> {
    const [, rawQuery = ''] = (req.raw.url ?? '').split(/\?(.*)/s)
    const path = PATH.exec((req.params as { '*'?: string })['*'] ?? '')
    if (!path) throw notFound()
    const body = Buffer.isBuffer(req.body) ? req.body : undefined
    const params = await readParams(rawQuery, req.headers['content-type'], body)
    const p = paramReader(params)
    const bot = await ctx.botForToken(safeDecode(path[1]!))
    // The cloud answers a garbled token 404; the local server (relaxed mode) says so in a 401 (TELEGRAM.md §1).
    if (bot === 'malformed') throw ctx.strict() ? notFound() : unauthorized('invalid token specified')
    // A token Telegram never issued, or one revoked (same bot id, another secret): 401 (TELEGRAM-FACTS.md §4).
    if (bot === 'mismatch' || bot === 'unknown') throw unauthorized()
    const name = path[2] || p.str('method') || ''
    const method = BOT_METHODS.get(name.toLowerCase())
    if (!method) throw notFound('method not found')
    const abort = new AbortController()
    // The client left before its answer (a held getUpdates): end the call. Every answered request closes too;
    // aborting those built a DOMException per call (the bench's profile).
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort()
    })
    try {
      // An injected fault answers instead of the method (it runs for a delay): the call has no other effect.
      const fault = await faults.take(bot.id, name)
      if (fault?.kind === 'error') throw fault.error
      if (fault?.kind === 'drop') {
        req.raw.socket.destroy()
        throw new BotApiError(502, 'dropped by an injected fault')
      }
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))
      return await method({ bot, p, ctx, signal: abort.signal })
    } catch (err) {
      // A 409 or 429 explains why updates wait (why-not.ts).
      if (err instanceof BotApiError) ctx.whyNot.noteError(bot.id, name, err)
      // The formatting lab shows every parse error answered, with the text as the bot sent it (issue 14.4).
      if (err instanceof BotApiError && err.code === 400) {
        const entry = {
          botId: bot.id,
          chatId: p.str('chat_id'),
          method: name,
          text: p.str('text') ?? p.str('caption'),
          parseMode: p.str('parse_mode'),
          description: err.description,
          atMs: ctx.now(),
        }
        await ctx.write(() => formatErrors.record(entry))
      }
      throw err
    }
  }

  /** The bytes at a getFile file_path, or the cloud's 404 `Not Found` for any path or token it does not know. */
  async function download(req: FastifyRequest, reply: FastifyReply, path: RegExpExecArray) {
    const bot = await ctx.botForToken(safeDecode(path[1]!))
    const file = typeof bot === 'object' ? ctx.files.byPath(bot.id, safeDecode(path[2]!)) : null
    const bytes = file && file.size <= MAX_DOWNLOAD_BYTES ? ctx.files.bytes(file.id) : null
    if (!file || !bytes) return sendError(reply, notFound())
    return reply
      .code(200)
      .header('content-type', file.mimeType ?? 'application/octet-stream')
      .header('content-length', String(bytes.length))
      .send(req.method === 'HEAD' ? undefined : bytes)
  }

  return async (app) => {
    // No child logger per request: pino built one (bindings and redaction) for every call, a bot's every poll,
    // and nothing here logs through req.log (errors go to ctx.log; request logging is off, STYLE §8).
    app.setChildLoggerFactory((logger) => logger)
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) =>
      done(null, body),
    )
    app.setErrorHandler((err: FastifyError, _req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(reply, new BotApiError(413, 'Request Entity Too Large'))
      }
      if (err.statusCode && err.statusCode < 500) {
        return sendError(reply, new BotApiError(400, `Bad Request: ${err.message}`))
      }
      ctx.log.error({ err }, 'simulator request failed')
      return sendError(reply, new BotApiError(500, 'Internal Server Error: request failed'))
    })
    // Held getUpdates requests answer (empty) so the server can close without waiting for their timeout.
    app.addHook('preClose', (done) => {
      ctx.longPoll.close()
      done()
    })
    app.all('/*', async (req, reply) => {
      const file = FILE_PATH.exec((req.params as { '*'?: string })['*'] ?? '')
      if (file) return download(req, reply, file)
      try {
        return send(reply, 200, okBody(await call(req, reply)))
      } catch (err) {
        if (err instanceof BotApiError) return sendError(reply, err)
        ctx.log.error({ err }, 'simulator method failed')
        return sendError(reply, new BotApiError(500, 'Internal Server Error: method failed'))
      }
    })
  }
}
