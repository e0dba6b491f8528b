import type { RuleActionInput, RuleInput } from './rules'

/** The tag the converter makes of a Telegram update's `message.chat.id` (default webhook query). */
export const TELEGRAM_CHAT_TAG = 'message.chat.id'

/** A new Telegram action: answers the chat the message came from, for every message (OPEN and REPEAT). */
export const TELEGRAM_REPLY_ACTION = {
  kind: 'telegram',
  chatId: `\${tags.${TELEGRAM_CHAT_TAG}}`,
  on: ['OPEN', 'REPEAT'],
  repeat: { all: true },
} as const satisfies RuleActionInput

/** A text as an expression string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/**
 * The editor's rule for "reply to this Telegram chat": one window per chat (entity and chat id), and a
 * reply on OPEN and on every REPEAT, so each later message in the same chat is answered too.
 */
export function telegramReplyRule(entity: string): RuleInput {
  return {
    name: `Reply to ${entity}`,
    filter: `entity = ${quote(entity)}`,
    groupByEntity: true,
    groupTags: [TELEGRAM_CHAT_TAG],
    actions: [
      { ...TELEGRAM_REPLY_ACTION, text: 'Hello, ${tags.message.from.first_name}', replyToMessage: true },
    ],
  }
}

type FireFacts = Pick<RuleInput, 'groupByEntity' | 'groupTags' | 'filter' | 'condition' | 'actions'>

/** Whether a rule answers Telegram chats: it names the entity `telegram`, a chat tag or a Telegram action. */
function isTelegramRule(rule: FireFacts): boolean {
  const text = `${rule.filter ?? ''}\n${rule.condition ?? ''}`
  return (
    /\btelegram\b/i.test(text) ||
    text.includes('message.chat') ||
    (rule.actions ?? []).some((a) => a.kind === 'telegram')
  )
}

function groupsPerChat(rule: FireFacts): boolean {
  const tags = rule.groupTags ?? 'none'
  return tags === 'all' || (Array.isArray(tags) && tags.some((t) => t.endsWith('chat.id')))
}

/**
 * Notes on a rule whose actions cannot fire again for the next message in the same window (ATSD-BEHAVIOUR §5:
 * a window that is OPEN moves to REPEAT, not OPEN). The editor shows them as the rule is typed, the dry run
 * and the save answer them: this is the one place they are worked out.
 */
export function refireWarnings(rule: FireFacts): string[] {
  const actions = (rule.actions ?? []).filter((a) => a.enabled !== false)
  if (actions.length === 0) return []
  const onRepeat = actions.some((a) => (a.on ?? ['OPEN']).includes('REPEAT'))
  if (onRepeat) return []
  const telegram = isTelegramRule(rule)
  const shared = telegram && !groupsPerChat(rule)
  const scope = shared
    ? `every chat shares one window (grouped by ${rule.groupByEntity === false ? 'nothing' : 'entity'} only), so after the first message opens the alert, later messages from any chat`
    : telegram
      ? 'after the first message opens the alert, later messages in the same chat'
      : 'after the first message opens the alert, later messages in the same window'
  const fix = shared
    ? `Fire the actions on REPEAT too, and group by the tag ${TELEGRAM_CHAT_TAG} for one window per chat.`
    : 'Fire the actions on REPEAT too.'
  return [
    `No action fires on REPEAT: ${scope} reach REPEAT and fire nothing until the alert is cancelled or closed. ${fix}`,
  ]
}
