/** One button of a bot message's inline keyboard, as the simulator can act on it. */
export type InlineButton =
  | { kind: 'callback'; text: string; data: string }
  | { kind: 'url'; text: string; url: string }
  | { kind: 'other'; text: string }

/**
 * The rows of `reply_markup.inline_keyboard` (Bot API InlineKeyboardMarkup), read defensively: the
 * transcript keeps whatever the bot sent. Anything that is not a keyboard gives no rows.
 */
export function inlineKeyboardOf(replyMarkup: unknown): InlineButton[][] {
  const rows = (replyMarkup as { inline_keyboard?: unknown } | null)?.inline_keyboard
  if (!Array.isArray(rows)) return []
  return rows
    .filter((row): row is unknown[] => Array.isArray(row))
    .map((row) => row.flatMap((button) => buttonOf(button)))
    .filter((row) => row.length > 0)
}

function buttonOf(value: unknown): InlineButton[] {
  if (typeof value !== 'object' || value === null) return []
  const button = value as Record<string, unknown>
  const text = typeof button.text === 'string' ? button.text : ''
  if (typeof button.callback_data === 'string')
    return [{ kind: 'callback', text, data: button.callback_data }]
  if (typeof button.url === 'string' && /^(https?:|tg:)/i.test(button.url))
    return [{ kind: 'url', text, url: button.url }]
  return [{ kind: 'other', text }]
}
