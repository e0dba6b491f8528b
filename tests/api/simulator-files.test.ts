import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot, InputFile, webhookCallback, type GrammyError } from 'grammy'
import { Api as NtbaApi, InputFile as NtbaInputFile } from 'node-telegram-bot-api'
import { Input, Telegraf } from 'telegraf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pngOf } from '../helpers/images'
import { startTestCore, tempDir, type TestCore } from '../helpers/start-core'
import { tokenFor } from '../unit/main/core/simulator/sim-harness'

// Files through the simulator with three unchanged client libraries: upload, file_id reuse, URLs, getFile and
// the download URL, a user's photo, copy/forward/getChat, and Telegram's error texts (TELEGRAM-FACTS.md §1, §3).
/** Bot API and transcript payloads, walked loosely by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

let core: TestCore
let nextBotId = 870_001
const dataDir = tempDir()
beforeAll(async () => {
  core = await startTestCore({ dataDir })
})
afterAll(() => core.close())

const apiRoot = () => `${core.baseUrl}/sim`

async function newChat(body: Record<string, unknown> = {}) {
  const token = tokenFor(nextBotId++)
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token, firstName: 'Ada', ...body }),
  })
  expect(res.status).toBe(200)
  const chat = (await res.json()) as { id: number }
  return { token, chatId: chat.id }
}

/** One raw Bot API call (multipart when a file part is given). */
async function call(token: string, method: string, params: Record<string, string | Blob>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(params)) form.append(k, v)
  const res = await fetch(`${apiRoot()}/bot${token}/${method}`, { method: 'POST', body: form })
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; result?: Loose; description?: string },
  }
}

const download = async (url: string) => {
  const res = await fetch(url)
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  }
}

async function transcript(chatId: number) {
  const res = await core.api(`/simulator/chats/${chatId}/transcript`)
  return ((await res.json()) as { items: Loose[] }).items
}

const picture = pngOf(64, 48)

describe('grammY sends files to the simulator', () => {
  it('sends a photo with a caption, downloads it by getFile, and re-sends it by file_id', async () => {
    const { token, chatId } = await newChat()
    const bot = new Bot(token, { client: { apiRoot: apiRoot() } })
    const sent = await bot.api.sendPhoto(chatId, new InputFile(picture, 'chart.png'), {
      caption: '<b>Load</b> today',
      parse_mode: 'HTML',
    })
    expect(sent.photo).toHaveLength(1)
    expect(sent.photo[0]).toMatchObject({ width: 64, height: 48, file_size: picture.length })
    expect(sent.photo[0]!.file_id).toMatch(/^AgAC/)
    expect(sent.photo[0]!.file_unique_id).toMatch(/^AQAD/)
    expect(sent.caption).toBe('Load today')
    expect(sent.caption_entities).toEqual([{ offset: 0, length: 4, type: 'bold' }])
    expect(sent).not.toHaveProperty('text')

    const file = await bot.api.getFile(sent.photo[0]!.file_id)
    expect(file).toEqual({
      file_id: sent.photo[0]!.file_id,
      file_unique_id: sent.photo[0]!.file_unique_id,
      file_size: picture.length,
      file_path: expect.stringMatching(/^photos\/file_\d+\.png$/),
    })
    const got = await download(`${apiRoot()}/file/bot${token}/${file.file_path}`)
    expect(got.status).toBe(200)
    expect(got.type).toBe('image/png')
    expect(got.bytes.equals(picture)).toBe(true)

    const again = await bot.api.sendPhoto(chatId, sent.photo[0]!.file_id)
    expect(again.photo[0]!.file_id).toBe(sent.photo[0]!.file_id)
    const items = await transcript(chatId)
    expect(items.map((i) => [i.from, i.text, i.file?.kind, i.file?.width])).toEqual([
      ['bot', '<b>Load</b> today', 'photo', 64],
      ['bot', '', 'photo', 64],
    ])
  })

  it('sends a document with file_name, mime_type and file_size and gets the same bytes back', async () => {
    const { token, chatId } = await newChat()
    const bot = new Bot(token, { client: { apiRoot: apiRoot() } })
    const bytes = Buffer.from('id,value\n1,42\n')
    const sent = await bot.api.sendDocument(chatId, new InputFile(bytes, 'report.csv'))
    expect(sent.document).toEqual({
      file_name: 'report.csv',
      mime_type: 'text/csv',
      file_id: expect.stringMatching(/^BQAC/),
      file_unique_id: expect.stringMatching(/^AgAD/),
      file_size: bytes.length,
    })
    const file = await bot.api.getFile(sent.document!.file_id)
    expect(file.file_path).toMatch(/^documents\/file_\d+\.csv$/)
    expect((await download(`${apiRoot()}/file/bot${token}/${file.file_path}`)).bytes.equals(bytes)).toBe(true)
  })

  it('receives the user’s photo, downloads it, and answers with a photo of its own', async () => {
    const { token, chatId } = await newChat()
    const bot = new Bot(token, { client: { apiRoot: apiRoot() } })
    const received: Buffer[] = []
    bot.on('message:photo', async (ctx) => {
      const largest = ctx.message.photo.at(-1)!
      const file = await ctx.getFile()
      received.push((await download(`${apiRoot()}/file/bot${token}/${file.file_path}`)).bytes)
      await ctx.replyWithPhoto(new InputFile(pngOf(20, 10, [200, 40, 40]), 'reply.png'), {
        caption: `got ${largest.width}x${largest.height}: ${ctx.message.caption}`,
      })
    })
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started(), timeout: 1 })
    await running
    try {
      const userPhoto = pngOf(30, 40, [10, 200, 10])
      const res = await core.api(`/simulator/chats/${chatId}/files`, {
        method: 'POST',
        body: JSON.stringify({
          kind: 'photo',
          fileName: 'cat.png',
          base64: userPhoto.toString('base64'),
          caption: 'my cat',
        }),
      })
      expect(res.status).toBe(200)
      const { fileId } = await res.json()
      expect(fileId).toMatch(/^AgAC/)
      await expect.poll(() => transcript(chatId).then((items) => items.length)).toBe(2)
      expect(received).toHaveLength(1)
      expect(received[0]!.equals(userPhoto)).toBe(true)
      const items = await transcript(chatId)
      expect(items[0]).toMatchObject({
        from: 'user',
        text: 'my cat',
        file: { kind: 'photo', width: 30, height: 40 },
      })
      expect(items[1]).toMatchObject({
        from: 'bot',
        text: 'got 30x40: my cat',
        file: { kind: 'photo', width: 20 },
      })
      const content = await (await core.api(`/simulator/files/${items[1].file.fileId}`)).json()
      expect(Buffer.from(content.base64, 'base64').equals(pngOf(20, 10, [200, 40, 40]))).toBe(true)
    } finally {
      await bot.stop()
      await stopped
    }
  })

  it('webhook: a grammY webhookCallback bot gets the user’s document, downloads it and answers by file_id', async () => {
    const { token, chatId } = await newChat()
    const bot = new Bot(token, { client: { apiRoot: apiRoot() } })
    const seen: string[] = []
    bot.on('message:document', async (ctx) => {
      const file = await ctx.getFile()
      seen.push((await download(`${apiRoot()}/file/bot${token}/${file.file_path}`)).bytes.toString())
      // The same file back by file_id: no upload, same file_id.
      await ctx.replyWithDocument(ctx.message.document.file_id, { caption: 'returned' })
    })
    await bot.init()
    const server = createServer(webhookCallback(bot, 'http'))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      await bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`)
      const res = await core.api(`/simulator/chats/${chatId}/files`, {
        method: 'POST',
        body: JSON.stringify({
          kind: 'document',
          fileName: 'plan.md',
          base64: Buffer.from('# plan').toString('base64'),
        }),
      })
      const { fileId } = await res.json()
      await expect.poll(() => transcript(chatId).then((items) => items.length)).toBe(2)
      expect(seen).toEqual(['# plan'])
      const items = await transcript(chatId)
      expect(items[0].file).toMatchObject({
        kind: 'document',
        fileName: 'plan.md',
        mimeType: 'text/markdown',
        size: 6,
      })
      expect(items[1]).toMatchObject({ from: 'bot', text: 'returned', file: { fileId } })
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('copies and forwards messages and answers getChat with ChatFullInfo', async () => {
    const { token, chatId } = await newChat({ username: 'ada_l' })
    const bot = new Bot(token, { client: { apiRoot: apiRoot() } })
    await core.api(`/simulator/chats/${chatId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'hello' }),
    })
    const photo = await bot.api.sendPhoto(chatId, new InputFile(picture, 'p.png'), { caption: 'first' })

    const copy = await bot.api.copyMessage(chatId, chatId, photo.message_id, { caption: 'replaced' })
    expect(copy).toEqual({ message_id: photo.message_id + 1 })
    const forward = await bot.api.forwardMessage(chatId, chatId, 1)
    expect(forward.text).toBe('hello')
    expect(forward.forward_origin).toMatchObject({
      type: 'user',
      sender_user: { first_name: 'Ada', is_bot: false },
    })
    expect(forward).toMatchObject({ forward_from: { first_name: 'Ada' }, forward_date: expect.any(Number) })
    const items = await transcript(chatId)
    expect(items.map((i) => [i.text, i.file?.kind ?? null, i.forwardedFrom ?? null])).toEqual([
      ['hello', null, null],
      ['first', 'photo', null],
      ['replaced', 'photo', null],
      ['hello', null, 'Ada'],
    ])

    expect(await bot.api.getChat(chatId)).toEqual({
      id: chatId,
      first_name: 'Ada',
      username: 'ada_l',
      type: 'private',
      accent_color_id: chatId % 7,
      max_reaction_count: 11,
      can_send_gift: true,
      accepted_gift_types: {
        unlimited_gifts: true,
        limited_gifts: true,
        unique_gifts: true,
        premium_subscription: true,
      },
    })
    const group = await newChat({ type: 'group', title: 'Ops' })
    const info = await new Bot(group.token, { client: { apiRoot: apiRoot() } }).api.getChat(group.chatId)
    expect(info).toMatchObject({
      id: group.chatId,
      title: 'Ops',
      type: 'group',
      all_members_are_administrators: true,
    })
    expect(info).toHaveProperty('permissions.can_send_messages', true)

    const missing = async (p: Promise<unknown>) =>
      ((await p.catch((e: unknown) => e)) as GrammyError).description
    expect(await missing(bot.api.copyMessage(chatId, chatId, 999))).toBe(
      'Bad Request: message to copy not found',
    )
    expect(await missing(bot.api.forwardMessage(chatId, chatId, 999))).toBe(
      'Bad Request: message to forward not found',
    )
    expect(await missing(bot.api.getChat(42))).toBe('Bad Request: chat not found')
    // A channel post forwards with a `channel` origin and the legacy forward_from_chat fields.
    const channel = await (
      await core.api('/simulator/chats', {
        method: 'POST',
        body: JSON.stringify({ botToken: token, type: 'channel', title: 'News', username: 'news_ch' }),
      })
    ).json()
    await core.api(`/simulator/chats/${channel.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'post' }),
    })
    const fromChannel = await bot.api.forwardMessage(chatId, channel.id, 1)
    expect(fromChannel.forward_origin).toEqual({
      type: 'channel',
      chat: { id: channel.id, title: 'News', username: 'news_ch', type: 'channel' },
      message_id: 1,
      date: expect.any(Number),
    })
    expect(fromChannel).toMatchObject({ forward_from_chat: { id: channel.id }, forward_from_message_id: 1 })
    expect((await transcript(chatId)).at(-1).forwardedFrom).toBe('News')
    const noSource = await call(token, 'copyMessage', { chat_id: String(chatId), message_id: '1' })
    expect(noSource.body.description).toBe('Bad Request: parameter "from_chat_id" is required')
  })
})

describe('Telegraf and node-telegram-bot-api send files to the simulator', () => {
  it('Telegraf: Input.fromBuffer photo and document, getFileLink downloads them (both apiRoot spellings)', async () => {
    for (const root of [`${apiRoot()}/`, apiRoot()]) {
      const { token, chatId } = await newChat()
      const bot = new Telegraf(token, { telegram: { apiRoot: root } })
      const photo = await bot.telegram.sendPhoto(chatId, Input.fromBuffer(picture, 'graph.png'), {
        caption: 'hi',
      })
      expect(photo.photo[0]).toMatchObject({ width: 64, height: 48 })
      const doc = await bot.telegram.sendDocument(chatId, Input.fromBuffer(Buffer.from('%PDF-1.4'), 'a.pdf'))
      expect(doc.document).toMatchObject({ file_name: 'a.pdf', mime_type: 'application/pdf', file_size: 8 })
      const link = await bot.telegram.getFileLink(photo.photo[0]!.file_id)
      expect((await download(link.href)).bytes.equals(picture)).toBe(true)
      const docLink = await bot.telegram.getFileLink(doc.document.file_id)
      expect((await download(docLink.href)).bytes.toString()).toBe('%PDF-1.4')
    }
  })

  it('node-telegram-bot-api 2.x: InputFile photo and document, getFile, download by the documented URL', async () => {
    const { token, chatId } = await newChat()
    const api = new NtbaApi(token, { apiRoot: apiRoot() })
    const photo = await api.sendPhoto({
      chat_id: chatId,
      photo: new NtbaInputFile(picture, { filename: 'x.png' }),
    })
    expect(photo.photo?.[0]).toMatchObject({ width: 64, height: 48 })
    const bytes = Buffer.from('{"a":1}')
    const doc = await api.sendDocument({
      chat_id: chatId,
      document: new NtbaInputFile(bytes, { filename: 'data.json' }),
      caption: 'data',
    })
    expect(doc.document).toMatchObject({ file_name: 'data.json', mime_type: 'application/json' })
    expect(doc.caption).toBe('data')
    const file = await api.getFile({ file_id: doc.document!.file_id })
    expect((await download(`${apiRoot()}/file/bot${token}/${file.file_path}`)).bytes.equals(bytes)).toBe(true)
  })
})

describe('the simulator’s file errors and downloads', () => {
  it('answers Telegram’s texts for a missing, garbled, foreign or mistyped file', async () => {
    const { token, chatId } = await newChat()
    const chat_id = String(chatId)
    const expectError = async (method: string, params: Record<string, string | Blob>, text: string) => {
      const { status, body } = await call(token, method, { chat_id, ...params })
      expect({ status, description: body.description }).toEqual({ status: 400, description: text })
    }
    await expectError('sendPhoto', {}, 'Bad Request: there is no photo in the request')
    await expectError(
      'sendDocument',
      { document: 'attach://nothing' },
      'Bad Request: there is no document in the request',
    )
    await expectError(
      'sendPhoto',
      { photo: 'not base64!' },
      'Bad Request: wrong remote file identifier specified: Wrong character in the string',
    )
    await expectError(
      'sendPhoto',
      { photo: 'AgACAgIAAxkBAAIBBWZab' },
      'Bad Request: wrong remote file identifier specified: Wrong string length',
    )
    const other = await newChat()
    const foreign = await call(other.token, 'sendDocument', {
      chat_id: String(other.chatId),
      document: new Blob(['x']),
    })
    await expectError(
      'sendDocument',
      { document: foreign.body.result.document.file_id },
      'Bad Request: wrong file identifier/HTTP URL specified',
    )
    const doc = await call(token, 'sendDocument', { chat_id, document: new Blob(['x']) })
    await expectError(
      'sendPhoto',
      { photo: doc.body.result.document.file_id },
      "Bad Request: can't use file of type Document as Photo",
    )
    // Document-class ids serve each other's methods.
    expect(
      (await call(token, 'sendAudio', { chat_id, audio: doc.body.result.document.file_id })).status,
    ).toBe(200)
    await expectError('sendPhoto', { photo: new Blob(['not an image']) }, 'Bad Request: IMAGE_PROCESS_FAILED')
    await expectError('sendDocument', { document: new Blob([]) }, 'Bad Request: file must be non-empty')
    await expectError(
      'sendPhoto',
      { photo: new Blob([pngOf(9000, 1)]) },
      'Bad Request: PHOTO_INVALID_DIMENSIONS',
    )
    await expectError(
      'sendPhoto',
      { photo: new Blob([picture]), caption: 'x'.repeat(1025) },
      'Bad Request: message caption is too long',
    )
    expect(
      (await call(token, 'sendPhoto', { chat_id, photo: new Blob([picture]), caption: 'é'.repeat(1024) }))
        .status,
    ).toBe(200)
    await expectError(
      'sendPhoto',
      { photo: new Blob([picture]), caption: '*x', parse_mode: 'MarkdownV2' },
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    )
    const big = Buffer.concat([picture, Buffer.alloc(10 * 1024 * 1024)])
    await expectError(
      'sendPhoto',
      { photo: new Blob([big]) },
      `Bad Request: file of size ${big.length} bytes is too big for a photo; the maximum size is 10485760 bytes`,
    )
  })

  it('fetches a loopback URL and refuses any other host as Telegram refuses an unreachable one', async () => {
    const { token, chatId } = await newChat()
    const server: Server = createServer((req, res) => {
      if (req.url === '/pic.png') res.writeHead(200, { 'content-type': 'image/png' }).end(picture)
      else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>')
      else res.writeHead(404).end()
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const ok = await call(token, 'sendPhoto', { chat_id: String(chatId), photo: `${base}/pic.png` })
      expect(ok.body.result.photo[0]).toMatchObject({ width: 64, height: 48 })
      const texts = await Promise.all(
        [`${base}/missing.png`, `${base}/page.html`, 'https://example.com/pic.png'].map(async (photo) => {
          return (await call(token, 'sendPhoto', { chat_id: String(chatId), photo })).body.description
        }),
      )
      expect(texts).toEqual([
        'Bad Request: failed to get HTTP URL content',
        'Bad Request: wrong type of the web page content',
        'Bad Request: failed to get HTTP URL content',
      ])
    } finally {
      server.close()
    }
  })

  it.each([
    [
      'sendAudio',
      'audio',
      'tune.mp3',
      'music',
      { duration: 3, performer: 'Ada', title: 'Tune', mime_type: 'audio/mpeg' },
    ],
    [
      'sendVideo',
      'video',
      'clip.mp4',
      'videos',
      { duration: 2, width: 0, height: 0, mime_type: 'video/mp4' },
    ],
    ['sendVoice', 'voice', 'note.ogg', 'voice', { duration: 1, mime_type: 'audio/ogg' }],
    [
      'sendAnimation',
      'animation',
      'loop.gif',
      'animations',
      { width: 64, height: 48, file_name: 'loop.gif' },
    ],
    [
      'sendSticker',
      'sticker',
      'st.png',
      'stickers',
      { width: 64, height: 48, is_animated: false, type: 'regular' },
    ],
  ])(
    '%s uploads a file as Message.%s with its getFile directory',
    async (method, field, name, directory, shape) => {
      const { token, chatId } = await newChat()
      const bytes = field === 'animation' || field === 'sticker' ? picture : Buffer.from(`${field} bytes`)
      const params: Record<string, string> = {
        duration: String((shape as { duration?: number }).duration ?? ''),
      }
      if (field === 'audio') Object.assign(params, { performer: 'Ada', title: 'Tune' })
      if (!params.duration) delete params.duration
      const sent = await call(token, method, {
        chat_id: String(chatId),
        [field]: new File([bytes], name),
        ...params,
      })
      expect(sent.status).toBe(200)
      const object = sent.body.result[field]
      expect(object).toMatchObject({ ...shape, file_size: bytes.length })
      if (field === 'animation') expect(sent.body.result.document).toMatchObject({ file_id: object.file_id })
      const file = (await call(token, 'getFile', { file_id: object.file_id })).body.result
      expect(file.file_path.startsWith(`${directory}/file_`)).toBe(true)
    },
  )

  it('answers 413 Request Entity Too Large for an upload over 50 MB', async () => {
    const { token, chatId } = await newChat()
    const huge = new Blob([Buffer.alloc(50 * 1024 * 1024 + 1)])
    expect(await call(token, 'sendDocument', { chat_id: String(chatId), document: huge })).toEqual({
      status: 413,
      body: { ok: false, error_code: 413, description: 'Request Entity Too Large' },
    })
  })

  it('getFile answers file_id not specified, invalid file_id and file is too big', async () => {
    const { token, chatId } = await newChat()
    expect((await call(token, 'getFile', {})).body.description).toBe('Bad Request: file_id not specified')
    expect((await call(token, 'getFile', { file_id: 'BQACAgIAAxkBAAM' })).body.description).toBe(
      'Bad Request: invalid file_id',
    )
    const big = new Blob([Buffer.alloc(20 * 1024 * 1024 + 1, 1)])
    const sent = await call(token, 'sendDocument', { chat_id: String(chatId), document: big })
    expect(sent.body.result.document.file_size).toBe(20 * 1024 * 1024 + 1)
    expect(await call(token, 'getFile', { file_id: sent.body.result.document.file_id })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: file is too big' },
    })
  })

  it('serves a download at every base-URL spelling, 404 Not Found for unknown paths and tokens, after a restart too', async () => {
    const { token, chatId } = await newChat()
    const sent = await call(token, 'sendDocument', {
      chat_id: String(chatId),
      document: new File(['kept'], 'k.txt'),
    })
    const file = (await call(token, 'getFile', { file_id: sent.body.result.document.file_id })).body.result
    const spellings = (base: string) =>
      ['/sim/file/bot', '/sim//file/bot', '/file/bot'].map((p) => `${base}${p}${token}/${file.file_path}`)
    for (const url of spellings(core.baseUrl)) expect((await download(url)).bytes.toString()).toBe('kept')
    for (const url of [
      `${apiRoot()}/file/bot${token}/documents/file_999999.txt`,
      `${apiRoot()}/file/bot${tokenFor(nextBotId++)}/${file.file_path}`,
    ]) {
      const res = await download(url)
      expect(res.status).toBe(404)
      expect(JSON.parse(res.bytes.toString())).toEqual({
        ok: false,
        error_code: 404,
        description: 'Not Found',
      })
    }

    // Download URLs carry the token: it never reaches the log.
    expect(core.logs.join('\n')).not.toContain(token.split(':')[1])
    await core.close()
    core = await startTestCore({ dataDir })
    for (const url of spellings(core.baseUrl)) expect((await download(url)).bytes.toString()).toBe('kept')
    const items = await transcript(chatId)
    expect(items[0].file).toMatchObject({ kind: 'document', fileName: 'k.txt', size: 4 })
  })

  it('refuses a user upload that is not base64, too large, or not an image sent as a photo', async () => {
    const { chatId } = await newChat()
    const send = async (body: Record<string, unknown>) => {
      const res = await core.api(`/simulator/chats/${chatId}/files`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'photo', fileName: 'a.png', ...body }),
      })
      return { status: res.status, error: (await res.json()).error }
    }
    expect(await send({ base64: '***' })).toMatchObject({
      status: 400,
      error: { kind: 'invalid_input', where: [{ path: ['base64'] }] },
    })
    expect(await send({ base64: Buffer.from('text').toString('base64') })).toMatchObject({
      status: 400,
      error: { message: 'This photo is not a PNG, JPEG, GIF, WebP or BMP image: send it as a document' },
    })
    // A body far over Fastify's default 1 MiB JSON limit reaches the handler (the route allows 70 MB).
    const large = await send({
      kind: 'document',
      fileName: 'big.bin',
      base64: Buffer.alloc(3 * 1024 * 1024, 7).toString('base64'),
    })
    expect(large.status).toBe(200)
    const tooBig = Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64')
    expect(await send({ base64: tooBig })).toMatchObject({
      status: 413,
      error: {
        kind: 'too_large',
        message: "The file has 10485761 bytes; a photo can have at most 10485760 (Telegram's limit for bots)",
      },
    })
    const doc = await send({
      kind: 'document',
      fileName: 'notes.txt',
      base64: Buffer.from('text').toString('base64'),
    })
    expect(doc.status).toBe(200)
  })

  it('passes uploads and downloads through the recording Bot API proxy to the simulator', async () => {
    const connected = await core.api('/telegram/simulator', { method: 'POST', body: '{}' })
    expect(connected.status).toBe(200)
    const { token } = (await connected.json()) as { token: string }
    const chat = (await (await core.api('/simulator/chats', { method: 'POST', body: '{}' })).json()) as {
      id: number
    }
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/bot-api` } })
    const sent = await bot.api.sendPhoto(chat.id, new InputFile(picture, 'via-proxy.png'))
    const file = await bot.api.getFile(sent.photo[0]!.file_id)
    const got = await download(`${core.baseUrl}/bot-api/file/bot${token}/${file.file_path}`)
    expect(got.status).toBe(200)
    expect(got.bytes.equals(picture)).toBe(true)
  })
})
