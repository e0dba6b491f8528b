import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { startSimHarness, tokenFor, type SimHarness } from './sim-harness'

let h: SimHarness
beforeAll(async () => {
  h = await startSimHarness()
})
afterAll(() => h.close())

/** Reads and confirms everything pending for `token`. */
async function drain(token: string) {
  const got = (await h.call(token, 'getUpdates', { timeout: 0 })).body.result as { update_id: number }[]
  if (got.length) await h.call(token, 'getUpdates', { offset: got.at(-1)!.update_id + 1, timeout: 0 })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return got as any[]
}

async function appError(p: Promise<unknown>) {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return (err as AppError).toShape()
}

describe('simulator chats (control API side)', () => {
  it.each([
    ['private', (id: number, userId: number) => id === userId],
    ['group', (id: number) => id < 0 && !String(id).startsWith('-100')],
    ['supergroup', (id: number) => String(id).startsWith('-100') && String(id).length === 14],
    ['channel', (id: number) => String(id).startsWith('-100')],
  ] as const)('creates a %s chat with a realistic id', async (type, valid) => {
    const chat = await h.sim.createChat({
      type,
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada_l',
      botToken: tokenFor(620001),
    })
    expect(valid(chat.id, chat.user.id)).toBe(true)
    expect(chat.user.id).toBeGreaterThan(0)
    expect(chat).toMatchObject({ type, botId: 620001, botUsername: 'sim_620001_bot' })
    expect(chat.title).toBe(type === 'private' ? 'Ada Lovelace' : `Test ${type}`)
    expect((await h.sim.listChats()).map((c) => c.id)).toContain(chat.id)
  })

  it('sends a private text message shaped like the fixtures, with /command entities and date in seconds', async () => {
    const token = tokenFor(620002)
    const chat = await h.sim.createChat({
      type: 'private',
      firstName: 'Ada',
      username: 'ada_l',
      botToken: token,
    })
    const first = await h.sim.sendMessage({ id: chat.id, text: '/start' })
    const second = await h.sim.sendMessage({ id: chat.id, text: 'status?' })
    expect(second.updateId).toBe(first.updateId + 1)
    expect(second.messageId).toBe(first.messageId + 1)
    expect(String(first.updateId)).toMatch(/^\d{9}$/)
    const [u1, u2] = await drain(token)
    expect(u1).toEqual({
      update_id: first.updateId,
      message: {
        message_id: first.messageId,
        from: { id: chat.user.id, is_bot: false, first_name: 'Ada', username: 'ada_l', language_code: 'en' },
        chat: { id: chat.id, first_name: 'Ada', username: 'ada_l', type: 'private' },
        date: expect.any(Number),
        text: '/start',
        entities: [{ offset: 0, length: 6, type: 'bot_command' }],
      },
    })
    expect(u1.message.date).toBe(Math.floor(u1.message.date))
    expect(Math.abs(u1.message.date - Date.now() / 1000)).toBeLessThan(5)
    expect(u2.message).not.toHaveProperty('entities')
  })

  it('makes an edited_message with edit_date in a group, keeping /cmd@bot as one entity', async () => {
    const token = tokenFor(620003)
    const chat = await h.sim.createChat({
      type: 'group',
      firstName: 'Ada',
      title: 'Ops team',
      botToken: token,
    })
    const sent = await h.sim.sendMessage({ id: chat.id, text: '/alert@sim_620003_bot disk' })
    const edited = await h.sim.sendMessage({
      id: chat.id,
      text: '/alert@sim_620003_bot disk full',
      editMessageId: sent.messageId,
    })
    expect(edited.messageId).toBe(sent.messageId)
    const [, u] = await drain(token)
    expect(u.edited_message).toMatchObject({
      message_id: sent.messageId,
      chat: { id: chat.id, title: 'Ops team', type: 'group' },
      text: '/alert@sim_620003_bot disk full',
      entities: [{ offset: 0, length: 21, type: 'bot_command' }],
    })
    expect(u.edited_message.edit_date).toBeGreaterThanOrEqual(u.edited_message.date)
    const [item] = await h.sim.transcript(chat.id)
    expect(item).toMatchObject({
      edited: true,
      updateId: edited.updateId,
      text: '/alert@sim_620003_bot disk full',
    })
  })

  it('posts user messages in a channel as the channel (channel_post, sender_chat, no from)', async () => {
    const token = tokenFor(620004)
    const chat = await h.sim.createChat({
      type: 'channel',
      firstName: 'Ada',
      username: 'ops_news',
      title: 'Ops news',
      botToken: token,
    })
    await h.sim.sendMessage({ id: chat.id, text: 'deploy done' })
    const [u] = await drain(token)
    expect(u.channel_post).toMatchObject({
      sender_chat: { id: chat.id, title: 'Ops news', username: 'ops_news', type: 'channel' },
      chat: { id: chat.id, type: 'channel' },
    })
    expect(u.channel_post).not.toHaveProperty('from')
    // The bot may address the channel by @username.
    const sent = await h.call(token, 'sendMessage', { chat_id: '@ops_news', text: 'ack' })
    expect(sent.body.result.chat.id).toBe(chat.id)
    expect(sent.body.result).not.toHaveProperty('from')
  })

  it('presses an inline button: callback_query with the bot message, chat_instance and data; answered once', async () => {
    const token = tokenFor(620005)
    const chat = await h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: token })
    const keyboard = { inline_keyboard: [[{ text: 'Acknowledge', callback_data: 'ack:42' }]] }
    const sent = await h.call(token, 'sendMessage', {
      chat_id: chat.id,
      text: 'Alert is OPEN',
      reply_markup: keyboard,
    })
    const { updateId } = await h.sim.pressButton({
      id: chat.id,
      messageId: sent.body.result.message_id,
      data: 'ack:42',
    })
    const [u] = await drain(token)
    expect(u.update_id).toBe(updateId)
    expect(u.callback_query).toMatchObject({
      id: expect.stringMatching(/^\d{15,19}$/),
      from: { id: chat.user.id, is_bot: false },
      message: {
        message_id: sent.body.result.message_id,
        from: { is_bot: true },
        text: 'Alert is OPEN',
        reply_markup: keyboard,
      },
      chat_instance: expect.stringMatching(/^-?\d+$/),
      data: 'ack:42',
    })
    const answer = (id: string) => h.call(token, 'answerCallbackQuery', { callback_query_id: id, text: 'ok' })
    expect((await answer(u.callback_query.id)).body).toEqual({ ok: true, result: true })
    expect((await answer(u.callback_query.id)).body.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    )
    const shape = await appError(
      h.sim.pressButton({ id: chat.id, messageId: sent.body.result.message_id, data: 'nope' }),
    )
    expect(shape).toMatchObject({ kind: 'invalid_input', where: [{ path: ['data'] }] })
  })

  it('filters update types by allowed_updates; an omitted value keeps the setting', async () => {
    const token = tokenFor(620006)
    const chat = await h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: token })
    await h.call(token, 'getUpdates', { allowed_updates: ['callback_query'], timeout: 0 })
    const filtered = await h.sim.sendMessage({ id: chat.id, text: 'not for the bot' })
    expect(filtered.updateId).toBe(0)
    await h.call(token, 'getUpdates', { timeout: 0 })
    expect((await h.sim.transcript(chat.id))[0]!.updateId).toBeNull()
    expect(await drain(token)).toEqual([])
    expect((await h.call(token, 'getWebhookInfo')).body.result.allowed_updates).toEqual(['callback_query'])
    await h.call(token, 'getUpdates', { allowed_updates: [], timeout: 0 })
    await h.sim.sendMessage({ id: chat.id, text: 'now it is' })
    expect((await drain(token)).map((u) => u.message.text)).toEqual(['now it is'])
  })

  it('emits simulator.message for every transcript item, user and bot', async () => {
    const token = tokenFor(620007)
    const chat = await h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: token })
    const before = h.events.length
    await h.sim.sendMessage({ id: chat.id, text: 'hi' })
    await h.call(token, 'sendMessage', { chat_id: chat.id, text: '<b>hello</b>', parse_mode: 'HTML' })
    const items = h.events
      .slice(before)
      .flatMap((e) => (e.type === 'simulator.message' && e.chatId === chat.id ? [e.item] : []))
    expect(items.map((i) => [i.from, i.text, i.parseMode])).toEqual([
      ['user', 'hi', null],
      ['bot', '<b>hello</b>', 'HTML'],
    ])
  })

  it('answers 403 to a bot writing to a user who blocked it', async () => {
    const token = tokenFor(620008)
    const chat = await h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: token })
    await h.sim.blockChat(chat.id, true)
    const res = await h.call(token, 'sendMessage', { chat_id: chat.id, text: 'hi' })
    expect([res.status, res.body.description]).toEqual([403, 'Forbidden: bot was blocked by the user'])
    await h.sim.blockChat(chat.id, false)
    expect((await h.call(token, 'sendMessage', { chat_id: chat.id, text: 'hi' })).status).toBe(200)
  })

  it('refuses bad control input with kind, message and where', async () => {
    expect(await appError(h.sim.createChat({ type: 'private', firstName: 'Ada' }))).toEqual({
      kind: 'invalid_input',
      message: 'No bot: connect a bot first or pass botToken',
    })
    expect(
      await appError(h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: 'nope' })),
    ).toMatchObject({
      kind: 'invalid_input',
      where: [{ path: ['botToken'] }],
    })
    await h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: tokenFor(620009) })
    const other = tokenFor(620009, 'ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1')
    const mismatch = await appError(h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: other }))
    expect(mismatch.kind).toBe('conflict')
    expect(JSON.stringify(mismatch)).not.toContain('ZZHdq')
    expect((await appError(h.sim.sendMessage({ id: 42, text: 'x' }))).kind).toBe('not_found')
    expect((await appError(h.sim.transcript(42))).kind).toBe('not_found')
  })
})
