import { describe, expect, it } from 'vitest'
import { buildBotCallCurl } from '@renderer/lib/curl'
import { botCall } from '../bot-loop-factories'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0'

describe('buildBotCallCurl', () => {
  it('posts the params as JSON to $BOT_API with the token as the $BOT_TOKEN placeholder', () => {
    const curl = buildBotCallCurl(botCall(1, { params: { chat_id: 42, text: 'Hi' } }))
    expect(curl).toBe(
      `curl -X POST "$BOT_API/bot$BOT_TOKEN/sendMessage" -H 'content-type: application/json' -d '{"chat_id":42,"text":"Hi"}'`,
    )
  })

  it('never shows a real token, even one inside a parameter', () => {
    const curl = buildBotCallCurl(
      botCall(1, { method: 'setWebhook', params: { url: `https://example.org/hook/${TOKEN}` } }),
    )
    expect(curl).not.toContain(TOKEN)
    expect(curl).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0')
    expect(curl).toContain('https://example.org/hook/$BOT_TOKEN')
  })

  it('quotes a single quote in the text for the shell', () => {
    const curl = buildBotCallCurl(botCall(1, { params: { chat_id: 1, text: "it's" } }))
    expect(curl).toContain(`-d '{"chat_id":1,"text":"it'\\''s"}'`)
  })

  it('sends a call with files as multipart, one -F per parameter and per file', () => {
    const curl = buildBotCallCurl(
      botCall(1, {
        method: 'sendPhoto',
        params: { chat_id: 7, caption: 'cat', reply_markup: { inline_keyboard: [] } },
        files: [
          {
            field: 'photo',
            name: 'cat.jpg',
            size: 10,
            contentType: 'image/jpeg',
            sha256: 'ab',
            keptBytes: 10,
            truncated: false,
          },
        ],
      }),
    )
    expect(curl.split(' \\\n  ')).toEqual([
      'curl -X POST',
      '"$BOT_API/bot$BOT_TOKEN/sendPhoto"',
      `-F 'chat_id=7'`,
      `-F 'caption=cat'`,
      `-F 'reply_markup={"inline_keyboard":[]}'`,
      `-F 'photo=@cat.jpg'`,
    ])
  })
})
