import type { BotRow, ChatRow, MessageRow } from './sim-repo'

// TELEGRAM-FACTS.md §8: with privacy mode on, a bot in a group gets commands meant for it (`/cmd`, or
// `/cmd@this_bot`; the simulator's bot is the only bot in its chats), messages mentioning it, and replies to
// its messages. Private chats, channels and service messages (not decided here) always reach it.
const COMMAND = /^\/[A-Za-z0-9_]{1,32}(?:@([A-Za-z0-9_]+))?(?=\s|$)/
const MENTION = /(?:^|[^\w@])@([A-Za-z0-9_]{5,32})\b/g

/**
 * Whether a user message in `chat` reaches `bot`; `replied` is the message it answers, if any; `viaThisBot`: it
 * was sent via the bot (a chosen inline result), which privacy mode lets through (TELEGRAM-FACTS.md §8).
 */
export function reachesBot(
  bot: BotRow,
  chat: ChatRow,
  m: MessageRow,
  replied: MessageRow | null,
  viaThisBot = false,
): boolean {
  if (!bot.privacy || (chat.type !== 'group' && chat.type !== 'supergroup')) return true
  if (replied?.fromBot || viaThisBot) return true
  const name = bot.username.toLowerCase()
  const command = COMMAND.exec(m.text)
  if (command) return command[1] === undefined || command[1].toLowerCase() === name
  return [...m.text.matchAll(MENTION)].some((match) => match[1]!.toLowerCase() === name)
}
