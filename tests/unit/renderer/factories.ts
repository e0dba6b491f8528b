import type { Page } from '@shared/api'
import type { Delivery, RuleTestResult } from '@shared/alerts'
import type { Incident, MessageRow, RequestDetail, RequestSummary, Status } from '@shared/domain'
import { Settings } from '@shared/settings'

export function summary(id: number, patch: Partial<RequestSummary> = {}): RequestSummary {
  return {
    id,
    receivedAt: new Date(Date.UTC(2024, 4, 29, 12, 0, id)).toISOString(),
    method: 'POST',
    path: '/api/v1/messages/webhook/telegram',
    query: 'command.message=message.text',
    status: 200,
    size: 100 + id,
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    user: null,
    authOutcome: 'anonymous',
    entity: 'telegram',
    messageText: `text ${id}`,
    updateType: null,
    error: null,
    updateId: null,
    duplicateOf: null,
    ...patch,
  }
}

export function detail(id: number, patch: Partial<RequestDetail> = {}): RequestDetail {
  return {
    ...summary(id),
    headers: { 'content-type': 'application/json' },
    body: '{"ok":true}',
    bodyEncoding: 'utf8',
    bodyTruncated: false,
    command: null,
    warnings: [],
    messageId: null,
    replayOf: null,
    response: null,
    ...patch,
  }
}

export function messageRow(id: number, tags: Record<string, string> = {}): MessageRow {
  return {
    id,
    requestId: id,
    receivedAt: new Date(Date.UTC(2024, 4, 29, 12, 0, id)).toISOString(),
    entity: 'telegram',
    type: 'webhook',
    source: 'telegram',
    severity: null,
    message: `m${id}`,
    date: new Date(Date.UTC(2024, 4, 29, 12, 0, id)).toISOString(),
    tags,
  }
}

export function incident(id: number): Incident {
  return {
    id,
    time: '2024-05-29T12:00:00.000Z',
    remoteAddress: '10.0.0.1',
    user: 'ghost',
    reason: 'wrong password',
    path: '/api/v1/messages/webhook/x',
    count: 1,
    lastTime: null,
  }
}

/** A page of items, newest first, from ids given newest first. */
export function page<T>(items: T[], total = items.length, next: string | null = null): Page<T> {
  return { items, total, next }
}

/** The contract's defaults, so the fixture follows the schema as settings are added. */
export const settings: Settings = Settings.parse({})

export const status: Status = {
  receiver: { url: 'http://127.0.0.1:8080', host: '127.0.0.1', port: 8080 },
  botApiProxyUrl: 'http://127.0.0.1:8080/bot-api',
  tunnel: { state: 'off', url: null, error: null },
  telegram: { bot: null, webhookUrl: null, lastError: null, simulated: false },
  storage: { requests: 3, lastRetention: null, fault: null },
}

export function delivery(id: number, patch: Partial<Delivery> = {}): Delivery {
  return {
    id,
    alertId: 1,
    ruleId: 'r1',
    rule: 'Echo',
    actionIndex: 0,
    kind: 'http',
    attempt: 1,
    outcome: 'ok',
    request: { method: 'POST', url: 'https://example.test/hook', headers: {}, body: '{}' },
    response: { status: 200, headers: {}, body: 'ok' },
    error: null,
    durationMs: 12,
    emptyPlaceholders: [],
    createdAt: new Date(Date.UTC(2024, 4, 29, 12, 0, id)).toISOString(),
    ...patch,
  }
}

/** A rule's verdict on a message: filter passes, condition true, the window would open. */
export function ruleResult(patch: Partial<RuleTestResult> = {}): RuleTestResult {
  return {
    filter: { value: true, error: null },
    windowKey: 'telegram',
    condition: { value: true, error: null },
    status: 'OPEN',
    previousStatus: null,
    warnings: [],
    actions: [{ index: 0, kind: 'http', fires: true, texts: {}, emptyPlaceholders: [], errors: [] }],
    ...patch,
  }
}
