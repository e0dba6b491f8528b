import type { RequestDetail } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { canonicalHeaderName } from './headers'

export const REPLAY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type ReplayMethod = (typeof REPLAY_METHODS)[number]

/** The "Edit and replay" form as typed: headers one `Name: value` per line. */
export interface ReplayDraft {
  method: ReplayMethod
  headers: string
  body: string
}

/** What `replayRequest` takes besides the id. */
export interface ReplayEdit {
  method: ReplayMethod
  headers: Record<string, string>
  body?: string
}

// The core drops these from every replay (the connection's own, or secrets it stored masked), and adds
// its own x-hookbench-* markers: offering them for editing would only suggest they are sent.
const NOT_REPLAYED = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'authorization',
  'x-telegram-bot-api-secret-token',
])
const isReplayed = (name: string) => {
  const lower = name.toLowerCase()
  return !NOT_REPLAYED.has(lower) && !lower.startsWith('x-hookbench-')
}

const asMethod = (method: string): ReplayMethod =>
  REPLAY_METHODS.find((candidate) => candidate === method.toUpperCase()) ?? 'POST'

/** The form filled from a stored request. A binary (base64) body is not editable as text: it stays empty. */
export function replayDraftOf(request: RequestDetail): ReplayDraft {
  const headers = Object.entries(request.headers)
    .filter(([name]) => isReplayed(name))
    .map(([name, value]) => `${canonicalHeaderName(name)}: ${value}`)
    .join('\n')
  return {
    method: asMethod(request.method),
    headers,
    body: request.bodyEncoding === 'utf8' ? request.body : '',
  }
}

/** True when the body cannot be edited as text, so a replay resends the stored bytes. */
export const isBinaryBody = (request: RequestDetail) => request.bodyEncoding === 'base64'

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * The edit a draft asks for, or an error pointing at the headers line that is not `Name: value`.
 * The body is sent only when it was editable (text); blank header lines are ignored.
 */
export function replayEditOf(
  draft: ReplayDraft,
  request: RequestDetail,
): { ok: true; edit: ReplayEdit } | { ok: false; error: AppErrorShape } {
  const headers: Record<string, string> = {}
  const lines = draft.headers.split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    const name = colon === -1 ? '' : line.slice(0, colon).trim()
    if (!HEADER_NAME.test(name)) {
      const message = `Line ${index + 1} of the headers is not "Name: value".`
      return {
        ok: false,
        error: { kind: 'invalid_input', message, where: [{ path: ['headers'], line: index + 1 }] },
      }
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim()
  }
  const edit: ReplayEdit = { method: draft.method, headers }
  if (!isBinaryBody(request)) edit.body = draft.body
  return { ok: true, edit }
}
