import type { RequestDetail } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import { canonicalHeaderName } from './headers'

export const REPLAY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type ReplayMethod = (typeof REPLAY_METHODS)[number]

/** The "Edit and replay" form as typed: headers one `Name: value` per line, query without `?`. */
export interface ReplayDraft {
  method: ReplayMethod
  path: string
  query: string
  headers: string
  body: string
}

/** What `replayRequest` takes besides the id. */
export interface ReplayEdit {
  method: ReplayMethod
  path: string
  query: string
  headers: Record<string, string>
  body?: string
}

// Recomputed for the bytes sent (the connection's own), or secrets stored masked that the core re-applies
// by itself; x-hookbench-* are its own markers. Offering them for editing would only mislead.
const NOT_REPLAYED = new Set([
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
    path: request.path,
    query: request.query.replace(/^\?/, ''),
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
  const path = draft.path.trim()
  if (!path.startsWith('/')) {
    const message = 'The path starts with /.'
    return { ok: false, error: { kind: 'invalid_input', message, where: [{ path: ['path'] }] } }
  }
  // The body goes as typed: never re-serialised, so its whitespace and key order are what was written.
  const edit: ReplayEdit = {
    method: draft.method,
    path,
    query: draft.query.trim().replace(/^\?/, ''),
    headers,
  }
  if (!isBinaryBody(request)) edit.body = draft.body
  return { ok: true, edit }
}
