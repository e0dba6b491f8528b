import type { Alert, RuleTestResult } from '@shared/alerts'
import { RuleInput } from '@shared/rules'
import type { RuleSummary } from '@shared/rules-api'
import type { SimChat, TranscriptItem } from '@shared/simulator'
import type { TelegramConnection } from '@shared/telegram'

export function connection(patch: Partial<TelegramConnection> = {}): TelegramConnection {
  return {
    step: 'token',
    botApiUrl: 'https://api.telegram.org',
    simulated: false,
    strict: true,
    bot: null,
    reachability: null,
    webhook: null,
    previousWebhook: null,
    info: null,
    lastError: null,
    hint: null,
    firstUpdateAt: null,
    ...patch,
  }
}

export function ruleSummary(id: string, patch: Partial<RuleInput> = {}): RuleSummary {
  return {
    ...RuleInput.parse({ name: `rule ${id}`, ...patch }),
    id,
    createdAt: '2024-05-29T12:00:00.000Z',
    updatedAt: '2024-05-29T12:00:00.000Z',
    openAlerts: 0,
    lastFiredAt: null,
    lastError: null,
  }
}

export function alert(id: number, patch: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 'r1',
    rule: 'rule r1',
    windowKey: 'telegram',
    entity: 'telegram',
    tags: {},
    status: 'OPEN',
    severity: 'WARNING',
    open: true,
    openedAt: '2024-05-29T12:00:00.000Z',
    lastRepeatAt: null,
    count: 0,
    lastMessageId: 1,
    lastMessage: 'hi',
    acknowledgedAt: null,
    closedAt: null,
    closedBy: null,
    ...patch,
  }
}

export function testResult(patch: Partial<RuleTestResult> = {}): RuleTestResult {
  return {
    filter: { value: true, error: null },
    windowKey: 'telegram',
    condition: { value: true, error: null },
    status: 'OPEN',
    previousStatus: null,
    warnings: [],
    actions: [],
    ...patch,
  }
}

export function simChat(id: number, createdAt = '2024-05-29T12:00:00.000Z'): SimChat {
  return {
    id,
    type: 'private',
    title: `Chat ${id}`,
    botId: 7,
    botUsername: 'sim_bot',
    members: [],
    botPrivacy: true,
    blocked: false,
    botStatus: 'member',
    botInlineFeedback: false,
    user: { id, firstName: 'Ada', lastName: null, username: null },
    createdAt,
  }
}

export function item(messageId: number, patch: Partial<TranscriptItem> = {}): TranscriptItem {
  return {
    messageId,
    from: 'user',
    text: `m${messageId}`,
    date: '2024-05-29T12:00:00.000Z',
    parseMode: null,
    edited: false,
    updateId: 100 + messageId,
    replyMarkup: null,
    ...patch,
  }
}
