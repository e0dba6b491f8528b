import { Bot, GrammyError } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { callBotApi, tokenFor } from '../unit/main/core/simulator/sim-harness'

// setMyCommands / getMyCommands / deleteMyCommands as Telegram validates and keeps them (TELEGRAM-FACTS.md §2).
let core: TestCore
let nextBotId = 820_001
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

const call = (token: string, method: string, params?: Record<string, unknown>) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params)

async function newBot(): Promise<{ token: string; chatId: number }> {
  const token = tokenFor(nextBotId++)
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token }),
  })
  expect(res.status).toBe(200)
  return { token, chatId: ((await res.json()) as { id: number }).id }
}

const cmd = (command: string, description = 'Does it') => ({ command, description })

describe('setMyCommands validation', () => {
  it.each([
    ['an uppercase letter and a space', [cmd('Bad Cmd')], 'Bad Request: BOT_COMMAND_INVALID'],
    ['a Cyrillic command', [cmd('старт')], 'Bad Request: BOT_COMMAND_INVALID'],
    ['an empty description', [cmd('start', '  ')], 'Bad Request: command description must be non-empty'],
    ['an empty command', [cmd('/')], 'Bad Request: command must be non-empty'],
    ['a 33-character command', [cmd('a'.repeat(33))], 'Bad Request: command length must not exceed 32'],
    [
      'a 257-character description',
      [cmd('start', 'd'.repeat(257))],
      'Bad Request: command description length must not exceed 256',
    ],
    [
      '101 commands',
      Array.from({ length: 101 }, (_, i) => cmd(`c${i}`)),
      'Bad Request: BOT_COMMANDS_TOO_MUCH',
    ],
    [
      'a command without description',
      [{ command: 'start' }],
      `Bad Request: can't parse BotCommand: Can't find field "description"`,
    ],
    ['an object, not an array', { command: 'start' }, 'Bad Request: expected an Array of BotCommand'],
  ])('refuses %s with 400 and Telegram’s words', async (_what, commands, description) => {
    const { token } = await newBot()
    const res = await call(token, 'setMyCommands', { commands })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ ok: false, error_code: 400, description })
  })

  it.each([
    [{ type: 'nonsense' }, "Bad Request: can't parse BotCommandScope: Unsupported type specified"],
    [{ type: 'chat' }, "Bad Request: can't parse BotCommandScope: Empty chat_id specified"],
    [
      { type: 'chat_member', chat_id: 5, user_id: 0 },
      "Bad Request: can't parse BotCommandScope: Invalid user_id specified",
    ],
  ])('refuses the scope %j', async (scope, description) => {
    const { token } = await newBot()
    const res = await call(token, 'setMyCommands', { commands: [cmd('start')], scope })
    expect(res.body).toEqual({ ok: false, error_code: 400, description })
  })

  it('refuses a language code that is not two lowercase letters', async () => {
    const { token } = await newBot()
    const res = await call(token, 'setMyCommands', { commands: [cmd('start')], language_code: 'eng' })
    expect(res.body.description).toBe('Bad Request: invalid language code specified')
  })

  it('strips one leading slash and trims', async () => {
    const { token } = await newBot()
    expect((await call(token, 'setMyCommands', { commands: [cmd(' /start ', ' Begin ')] })).body.ok).toBe(
      true,
    )
    expect((await call(token, 'getMyCommands')).body.result).toEqual([cmd('start', 'Begin')])
  })
})

describe('command lists per scope and language', () => {
  it('keeps a chat-scoped list beside the default one, and deletes per scope', async () => {
    const { token, chatId } = await newBot()
    const chatScope = { type: 'chat', chat_id: chatId }
    await call(token, 'setMyCommands', { commands: [cmd('start')] })
    await call(token, 'setMyCommands', { commands: [cmd('chat_only')], scope: chatScope })
    await call(token, 'setMyCommands', { commands: [cmd('hallo')], language_code: 'de' })
    expect((await call(token, 'getMyCommands')).body.result).toEqual([cmd('start')])
    expect((await call(token, 'getMyCommands', { scope: chatScope })).body.result).toEqual([cmd('chat_only')])
    expect((await call(token, 'getMyCommands', { language_code: 'de' })).body.result).toEqual([cmd('hallo')])

    expect((await call(token, 'deleteMyCommands', { scope: chatScope })).body.result).toBe(true)
    expect((await call(token, 'getMyCommands', { scope: chatScope })).body.result).toEqual([])
    expect((await call(token, 'getMyCommands')).body.result).toEqual([cmd('start')])
  })

  it('works through grammY, whose error carries Telegram’s description', async () => {
    const { token, chatId } = await newBot()
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    await bot.api.setMyCommands([cmd('help')], { scope: { type: 'chat', chat_id: chatId } })
    expect(await bot.api.getMyCommands()).toEqual([])
    expect(await bot.api.getMyCommands({ scope: { type: 'chat', chat_id: chatId } })).toEqual([cmd('help')])
    const error = await bot.api.setMyCommands([cmd('Bad Cmd')]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GrammyError)
    expect((error as GrammyError).description).toBe('Bad Request: BOT_COMMAND_INVALID')
  })
})
