import { describe, expect, it } from 'vitest'
import { botSnippets } from '@renderer/lib/bot-snippets'

const URL = 'http://127.0.0.1:8080/bot-api'

describe('botSnippets', () => {
  it.each([
    ['grammY', `new Bot(token, { client: { apiRoot: '${URL}' } })`],
    ['Telegraf', `new Telegraf(token, { telegram: { apiRoot: '${URL}/' } })`],
    [
      'python-telegram-bot v20+',
      `Application.builder().token(TOKEN).base_url('${URL}' + '/bot').base_file_url('${URL}' + '/file/bot').build()`,
    ],
    ['python-telegram-bot v13', `Updater(TOKEN, base_url='${URL}' + '/bot')`],
    ['aiogram', `Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base('${URL}')))`],
    ['node-telegram-bot-api', `new TelegramBot(TOKEN, { polling: true, baseApiUrl: '${URL}' })`],
  ])('points %s at the proxy URL', (label, code) => {
    expect(botSnippets(URL).find((snippet) => snippet.label === label)?.code).toBe(code)
  })
})
