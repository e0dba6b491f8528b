/** A library's way to point a bot at another Bot API root (issue 12 §1). */
export interface BotSnippet {
  id: string
  label: string
  code: string
}

/** How to aim each common bot library at the recording proxy `url`. */
export function botSnippets(url: string): BotSnippet[] {
  // One quoting for JavaScript and Python: a single-quoted string literal.
  const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  const q = quote(url)
  return [
    { id: 'grammy', label: 'grammY', code: `new Bot(token, { client: { apiRoot: ${q} } })` },
    {
      id: 'telegraf',
      label: 'Telegraf',
      // Telegraf resolves `bot<token>/<method>` against apiRoot as a URL: without the trailing / it drops /bot-api.
      code: `new Telegraf(token, { telegram: { apiRoot: ${quote(`${url}/`)} } })`,
    },
    {
      id: 'ptb',
      label: 'python-telegram-bot v20+',
      code: `Application.builder().token(TOKEN).base_url(${q} + '/bot').base_file_url(${q} + '/file/bot').build()`,
    },
    { id: 'ptb13', label: 'python-telegram-bot v13', code: `Updater(TOKEN, base_url=${q} + '/bot')` },
    {
      id: 'aiogram',
      label: 'aiogram',
      code: `Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(${q})))`,
    },
    {
      id: 'node-telegram-bot-api',
      label: 'node-telegram-bot-api',
      code: `new TelegramBot(TOKEN, { polling: true, baseApiUrl: ${q} })`,
    },
  ]
}
