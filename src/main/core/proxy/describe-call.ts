import { createHash } from 'node:crypto'
import type { BotCallFile } from '@shared/bot-loop'
import type { Params } from '../simulator'

/** A file part's bytes are kept up to this size (docs/bot-in-the-loop.md). */
export const MAX_KEPT_FILE_BYTES = 1024 * 1024

/** Parameters whose values are secrets: recorded masked, never in the database. */
const SECRET_PARAMS = new Set(['secret_token'])

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A JSON-looking text parameter (reply_markup, entities, …) is recorded as the object it encodes. */
function readable(value: string): unknown {
  const t = value.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return value
  try {
    return JSON.parse(t) as unknown
  } catch {
    return value
  }
}

/** A URL parameter keeps its user name but not its password. */
function maskUrlPassword(value: string): string {
  try {
    const u = new URL(value)
    if (!u.password) return value
    u.password = '***'
    return u.toString()
  } catch {
    return value
  }
}

export interface DescribedParams {
  params: Obj
  files: BotCallFile[]
  fileBytes: { field: string; bytes: Buffer }[]
}

/** What is stored of a call's parameters: text values (secrets masked), file parts described and cut. */
export function describeParams(params: Params): DescribedParams {
  const out: Obj = {}
  const files: BotCallFile[] = []
  const fileBytes: { field: string; bytes: Buffer }[] = []
  for (const [field, value] of params) {
    if (typeof value === 'string') {
      out[field] = SECRET_PARAMS.has(field)
        ? '***'
        : field === 'url'
          ? maskUrlPassword(value)
          : readable(value)
      continue
    }
    const kept = value.bytes.subarray(0, MAX_KEPT_FILE_BYTES)
    files.push({
      field,
      name: value.name,
      size: value.bytes.length,
      contentType: value.type,
      sha256: createHash('sha256').update(value.bytes).digest('hex'),
      keptBytes: kept.length,
      truncated: kept.length < value.bytes.length,
    })
    fileBytes.push({ field, bytes: Buffer.from(kept) })
    // A file sent as a part is referenced by `attach://field` elsewhere; the part itself is described above.
  }
  return { params: out, files, fileBytes }
}

const numberOf = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v)
  return null
}

/** The Bot API's answer envelope, read leniently (an upstream that is not the Bot API still gets recorded). */
export interface Answer {
  ok: boolean
  errorCode: number | null
  description: string | null
  retryAfter: number | null
  result: unknown
}

export function readAnswer(httpStatus: number, body: Buffer): Answer {
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return {
      ok: false,
      errorCode: httpStatus,
      description: `Not a Bot API answer (HTTP ${httpStatus}, ${body.length} bytes)`,
      retryAfter: null,
      result: null,
    }
  }
  if (!isObj(parsed)) {
    return {
      ok: false,
      errorCode: httpStatus,
      description: 'Not a Bot API answer',
      retryAfter: null,
      result: null,
    }
  }
  const parameters = isObj(parsed.parameters) ? parsed.parameters : {}
  return {
    ok: parsed.ok === true,
    errorCode: numberOf(parsed.error_code),
    description: typeof parsed.description === 'string' ? parsed.description : null,
    retryAfter: numberOf(parameters.retry_after),
    result: parsed.result ?? null,
  }
}

/** The chat, message and text a call is about, from its parameters and (for sends) its result. */
export function callSubject(
  params: Obj,
  result: unknown,
): { chatId: number | null; messageId: number | null; text: string | null } {
  const message = isObj(result) ? result : null
  const chatOfResult = message && isObj(message.chat) ? numberOf(message.chat.id) : null
  const text = [params.text, params.caption, params.question].find((t) => typeof t === 'string')
  return {
    chatId: numberOf(params.chat_id) ?? chatOfResult,
    messageId: numberOf(params.message_id) ?? (message ? numberOf(message.message_id) : null),
    text: (text as string | undefined) ?? null,
  }
}

/** The numeric bot id of a token (`123:ABC` → 123), never the token. */
export const botIdOf = (token: string): number | null => {
  const m = /^(\d{1,16}):/.exec(token)
  return m ? Number(m[1]) : null
}
