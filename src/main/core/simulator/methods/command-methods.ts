import { badRequest } from '../bot-api-error'
import type { ParamReader } from '../params'
import type { BotMethod } from './method-types'

type BotCommand = { command: string; description: string }

// TELEGRAM-FACTS.md §2 "Scope type strings"; the value says which ids the scope carries.
const SCOPES: Record<string, 'none' | 'chat' | 'member'> = {
  default: 'none',
  all_private_chats: 'none',
  all_group_chats: 'none',
  all_chat_administrators: 'none',
  chat: 'chat',
  chat_administrators: 'chat',
  chat_member: 'member',
}

/** Where a list is kept: one list per bot, scope and language_code (TELEGRAM-FACTS.md §2). */
function listKey(botId: number, p: ParamReader): string {
  const scope = p.json('scope', 'BotCommandScope') ?? { type: 'default' }
  const fail = (why: string) => badRequest(`can't parse BotCommandScope: ${why}`)
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) throw fail('expected an Object')
  const o = scope as Record<string, unknown>
  if (typeof o.type !== 'string') throw fail('Can\'t find field "type"')
  const ids = SCOPES[o.type]
  if (!ids) throw fail('Unsupported type specified')
  const chatId = ids === 'none' ? '' : String(o.chat_id ?? '').trim()
  if (ids !== 'none' && !chatId) throw fail('Empty chat_id specified')
  const userId = ids === 'member' ? Number(o.user_id) : 0
  if (ids === 'member' && !(Number.isInteger(userId) && userId > 0)) throw fail('Invalid user_id specified')
  const lang = p.str('language_code')?.trim() ?? ''
  if (lang && !/^[a-z]{2}$/.test(lang)) throw badRequest('invalid language code specified')
  return JSON.stringify([botId, o.type, chatId, userId, lang])
}

function field(o: Record<string, unknown>, name: string): string {
  const v = o[name]
  if (typeof v !== 'string') throw badRequest(`can't parse BotCommand: Can't find field "${name}"`)
  return v
}

/** TDLib's local checks (BotCommand.cpp), then the server's (BOT_COMMAND_INVALID, BOT_COMMANDS_TOO_MUCH). */
function commandsParam(p: ParamReader): BotCommand[] {
  const list = p.json('commands', 'commands') ?? []
  if (!Array.isArray(list)) throw badRequest('expected an Array of BotCommand')
  const commands = list.map((item: unknown) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>
    const command = field(o, 'command').trim().replace(/^\//, '')
    const description = field(o, 'description').trim()
    if (!command) throw badRequest('command must be non-empty')
    if ([...command].length > 32) throw badRequest('command length must not exceed 32')
    if (!description) throw badRequest('command description must be non-empty')
    if ([...description].length > 256) throw badRequest('command description length must not exceed 256')
    return { command, description }
  })
  if (commands.some((c) => !/^[a-z0-9_]+$/.test(c.command))) throw badRequest('BOT_COMMAND_INVALID')
  if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH')
  return commands
}

export const setMyCommands: BotMethod = async ({ bot, p, ctx }) => {
  const commands = commandsParam(p)
  ctx.commands.set(listKey(bot.id, p), commands)
  return { result: true }
}

export const getMyCommands: BotMethod = async ({ bot, p, ctx }) => ({
  result: ctx.commands.get(listKey(bot.id, p)) ?? [],
})

export const deleteMyCommands: BotMethod = async ({ bot, p, ctx }) => {
  ctx.commands.delete(listKey(bot.id, p))
  return { result: true }
}
