import { AppError } from '@shared/errors'
import type { MessageCommand } from '@shared/message'
import type { Store } from '../store'
import { escaperFor, renderTemplate, telegramTarget } from './expr'

/**
 * The command a preview renders against when no message is stored: the shared fixture
 * `telegram/private-text.json` as the default webhook (`command.message=message.text`) converts it.
 */
const SAMPLE_COMMAND: MessageCommand = {
  entity: 'telegram',
  type: 'webhook',
  source: 'telegram',
  severity: null,
  message: 'status of cpu_busy on nurswgvml007?',
  date: '2024-05-29T16:26:40.000Z',
  tags: {
    update_id: '815196407',
    'message.message_id': '223',
    'message.from.id': '77462709',
    'message.from.first_name': 'Ada',
    'message.from.last_name': 'Lovelace',
    'message.from.username': 'ada_l',
    'message.chat.id': '77462709',
    'message.chat.type': 'private',
    'message.text': 'status of cpu_busy on nurswgvml007?',
  },
}

/**
 * A Telegram action's text template rendered as the action would send it, placeholders escaped for
 * `parseMode` (issue 18.7), against message `messageId`, else the newest stored message, else a sample.
 */
export function renderTemplatePreview(
  store: Store,
  template: string,
  parseMode: string,
  messageId: number | undefined,
  nowMs: number,
): { text: string; messageId: number | null; errors: string[] } {
  const id =
    messageId ??
    (store.db.prepare('SELECT max(id) AS id FROM messages').get() as { id: number | null } | undefined)?.id ??
    null
  const row = id === null ? null : store.messages.get(id)
  if (messageId !== undefined && !row) {
    throw new AppError('not_found', `No message with id ${messageId}.`, {
      where: [{ path: ['sample', 'messageId'] }],
    })
  }
  let command = SAMPLE_COMMAND
  if (row) {
    const { id: _id, requestId: _r, receivedAt: _at, ...stored } = row
    command = stored
  }
  const window = { count: 1, status: 'OPEN' as const, repeatCount: 0, openTimeMs: nowMs, rule: 'preview' }
  const r = renderTemplate(
    template,
    { command, nowMs, receivedAtMs: nowMs, window },
    escaperFor(telegramTarget(parseMode)),
  )
  return { text: r.text, messageId: row ? row.id : null, errors: r.errors.map((e) => e.message) }
}
