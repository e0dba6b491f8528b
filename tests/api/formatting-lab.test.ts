import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'

const TOKEN = '424242:AAH-formatting-lab-token-0123456789ab'

let core: TestCore
let chatId = 0
beforeAll(async () => {
  core = await startTestCore()
  const chat = await post('/simulator/chats', { firstName: 'Lab', botToken: TOKEN })
  chatId = chat.id
})
afterAll(() => core.close())

async function post(path: string, body: unknown) {
  const res = await core.api(path, { method: 'POST', body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return res.json()
}
const preview = (body: unknown) => post('/simulator/format-preview', body)
const botApi = (method: string, params: Record<string, unknown>) =>
  fetch(`${core.baseUrl}/sim/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })

describe('format preview', () => {
  it('answers the text and entities Telegram would make', async () => {
    const r = await preview({
      text: '<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <tg-spoiler>sp</tg-spoiler> <code>c</code> <pre><code class="language-ts">x</code></pre> <a href="https://e.example/">l</a> <a href="tg://user?id=1">m</a> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> <blockquote>q</blockquote>',
      parseMode: 'HTML',
    })
    expect(r.error).toBeNull()
    expect(r.text).toBe('bold it u s sp c x l m 👍 q')
    expect(r.entities.map((e: { type: string }) => e.type)).toEqual([
      'bold',
      'italic',
      'underline',
      'strikethrough',
      'spoiler',
      'code',
      'pre',
      'text_link',
      'text_link',
      'custom_emoji',
      'blockquote',
    ])
    expect(r.entities[6]).toMatchObject({ language: 'ts' })
    expect(r).toMatchObject({ length: 27, limit: 4096 })
  })

  it("answers Telegram's parse error word for word with its byte offset as index, line and column", async () => {
    const r = await preview({ text: 'héllo\nsay *bold', parseMode: 'MarkdownV2' })
    expect(r.error).toBe("Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 11")
    expect(r.where).toEqual({ byteOffset: 11, index: 10, line: 2, column: 5 })
    expect(r.text).toBeNull()
  })

  it('checks the 4096 text and 1024 caption limits after parsing', async () => {
    expect((await preview({ text: `<b>${'x'.repeat(4096)}</b>`, parseMode: 'HTML' })).error).toBeNull()
    expect((await preview({ text: 'x'.repeat(4097), parseMode: 'none' })).error).toBe(
      'Bad Request: message is too long',
    )
    const caption = await preview({ text: 'x'.repeat(1025), parseMode: 'none', kind: 'caption' })
    expect(caption).toMatchObject({
      error: 'Bad Request: message caption is too long',
      length: 1025,
      limit: 1024,
    })
  })

  it('renders a rule template against a sample message with its placeholders escaped', async () => {
    const r = await preview({ text: '<b>${message}</b>', parseMode: 'HTML', sample: {} })
    expect(r.source).toBe('<b>status of cpu_busy on nurswgvml007?</b>')
    expect(r.entities).toEqual([{ type: 'bold', offset: 0, length: 35 }])
    expect(r.sampleMessageId).toBeNull()

    const sent = await core.webhook('/lab?entity=lab&message=%3Cb%3Ex%3C%2Fb%3E%20*y*', { method: 'POST' })
    expect(sent.status).toBe(200)
    const { items } = await (await core.api('/messages?limit=1')).json()
    const stored = await preview({
      text: 'Alert: ${message}',
      parseMode: 'HTML',
      sample: { messageId: items[0].id },
    })
    expect(stored).toMatchObject({
      source: 'Alert: &lt;b&gt;x&lt;/b&gt; *y*',
      text: 'Alert: <b>x</b> *y*',
      entities: [],
    })
    expect(stored.sampleMessageId).toBe(items[0].id)
  })

  it('answers 404 for a sample message that is not stored', async () => {
    const res = await core.api('/simulator/format-preview', {
      method: 'POST',
      body: JSON.stringify({ text: 'x', sample: { messageId: 999999 } }),
    })
    expect(res.status).toBe(404)
  })
})

describe('parse errors the simulator answered', () => {
  it('are kept with the text as sent and the offset marked, per chat', async () => {
    const res = await botApi('sendMessage', { chat_id: chatId, text: 'ok <b>open', parse_mode: 'HTML' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { description: string }
    expect(body.description).toBe(
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    )
    const bad = await botApi('sendMessage', { chat_id: chatId, text: 'a <p>x</p>', parse_mode: 'HTML' })
    expect(bad.status).toBe(400)
    // A successful call and a non-formatting error are not kept.
    expect((await botApi('sendMessage', { chat_id: chatId, text: 'fine' })).status).toBe(200)
    expect((await botApi('sendMessage', { chat_id: chatId })).status).toBe(400)

    const { items } = await (await core.api(`/simulator/format-errors?chatId=${chatId}`)).json()
    expect(items).toHaveLength(2)
    expect(items[0]).toMatchObject({
      chatId,
      method: 'sendMessage',
      text: 'a <p>x</p>',
      parseMode: 'HTML',
      description: `Bad Request: can't parse entities: Unsupported start tag "p" at byte offset 2`,
      where: { byteOffset: 2, index: 2, line: 1, column: 3 },
    })
    expect(items[1]).toMatchObject({ text: 'ok <b>open', where: null })
  })

  it('include the 4096 limit', async () => {
    const res = await botApi('sendMessage', { chat_id: chatId, text: 'y'.repeat(4097) })
    expect(res.status).toBe(400)
    const { items } = await (await core.api(`/simulator/format-errors?chatId=${chatId}&limit=1`)).json()
    expect(items[0].description).toBe('Bad Request: message is too long')
  })

  it('show the bot message entities in the transcript', async () => {
    expect(
      (await botApi('sendMessage', { chat_id: chatId, text: '*b* _i_', parse_mode: 'Markdown' })).status,
    ).toBe(200)
    const { items } = await (await core.api(`/simulator/chats/${chatId}/transcript`)).json()
    expect(items.at(-1)).toMatchObject({
      plainText: 'b i',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
      ],
    })
  })
})
