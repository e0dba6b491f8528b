import { expect } from 'vitest'
import type { MessageCommand } from '@shared/message'
import {
  convertWebhook,
  type ConvertError,
  type ConvertLimits,
  type WebhookRequest,
} from '../../../../../src/main/core/convert'

/** The receive time used by every test: the date in ATSD-BEHAVIOUR §2.6's debug example. */
export const RECEIVED_AT = '2017-12-22T13:32:50.901Z'

const WEBHOOK_PATH = '/api/v1/messages/webhook'

export interface RequestInit {
  method?: string
  headers?: Record<string, string>
  contentType?: string
  /** A string or bytes as sent; an object is sent as JSON (Content-Type application/json unless given). */
  body?: string | Uint8Array | object
  remoteAddress?: string
}

/** Builds a WebhookRequest from a URL such as `/api/v1/messages/webhook/incoming?entity=test`. */
export function webhookRequest(url: string, init: RequestInit = {}): WebhookRequest {
  const [path = '', query = ''] = splitOnce(url, '?')
  if (!path.startsWith(WEBHOOK_PATH)) throw new Error(`not a webhook URL: ${url}`)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value
  const isObject = typeof init.body === 'object' && !(init.body instanceof Uint8Array)
  const body =
    init.body === undefined
      ? undefined
      : init.body instanceof Uint8Array
        ? init.body
        : new TextEncoder().encode(isObject ? JSON.stringify(init.body) : String(init.body))
  return {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    pathRemainder: decodeURIComponent(path.slice(WEBHOOK_PATH.length)).replace(/^\//, ''),
    query,
    headers,
    contentType: init.contentType ?? (isObject ? 'application/json' : undefined),
    body,
    remoteAddress: init.remoteAddress ?? '192.0.2.1',
    receivedAtMs: Date.parse(RECEIVED_AT),
  }
}

/** Converts and expects success; returns the command and warnings. */
export function convertOk(
  url: string,
  init?: RequestInit,
  limits?: ConvertLimits,
): { cmd: MessageCommand; warnings: string[]; debug: boolean } {
  const result = convertWebhook(webhookRequest(url, init), limits)
  if (!result.ok) expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`)
  return { cmd: result.value, warnings: result.warnings, debug: result.debug }
}

/** Converts and expects failure; returns the error. */
export function convertFails(url: string, init?: RequestInit, limits?: ConvertLimits): ConvertError {
  const result = convertWebhook(webhookRequest(url, init), limits)
  if (result.ok) expect.fail(`expected an error, got ${JSON.stringify(result.value)}`)
  return result.error
}

/** The tags without request_ip, for comparing with the spec's lists. */
export function tagsOf(cmd: MessageCommand): Record<string, string> {
  const { request_ip: _ip, ...tags } = cmd.tags
  return tags
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)]
}
