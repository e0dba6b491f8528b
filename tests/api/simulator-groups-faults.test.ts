/* eslint-disable @typescript-eslint/no-explicit-any -- Bot API answers read as loose JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { callBotApi, tokenFor } from '../unit/main/core/simulator/sim-harness'

// What scenario tests (docs/scenarios.md) need of the simulator: groups of several users, members joining and
// leaving, and injected faults — through the control API and the fake Bot API, as a bot sees them.
let core: TestCore
let nextBotId = 810_001
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

const newToken = () => tokenFor(nextBotId++)
const call = (token: string, method: string, params?: Record<string, unknown>) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params)
async function post(path: string, body: unknown, method = 'POST') {
  const res = await core.api(path, { method, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

async function group(token: string) {
  const { status, body } = await post('/simulator/chats', {
    botToken: token,
    type: 'group',
    title: 'Team',
    firstName: 'Ada',
    userId: 5001,
    members: [{ id: 5002, firstName: 'Bob', username: 'bob' }],
  })
  expect(status).toBe(200)
  return body as { id: number }
}

/** A bot that exists: a chat's botToken creates its bot (a token never created answers 401). */
async function newBot(): Promise<string> {
  const token = newToken()
  expect((await post('/simulator/chats', { botToken: token })).status).toBe(200)
  return token
}

const updates = async (token: string, allowed?: string[]) =>
  (await call(token, 'getUpdates', allowed ? { allowed_updates: allowed } : {})).body.result as any[]

describe('groups with several members', () => {
  it('a member other than the first user writes and presses, and the bot sees who', async () => {
    const token = newToken()
    const chat = await group(token)
    expect(
      (await post(`/simulator/chats/${chat.id}/messages`, { text: '/hi', fromUserId: 5002 })).status,
    ).toBe(200)
    const [u] = await updates(token)
    expect(u.message.from).toMatchObject({ id: 5002, first_name: 'Bob', username: 'bob' })
    expect(u.message.chat).toMatchObject({ id: chat.id, type: 'group', title: 'Team' })

    const sent = await call(token, 'sendMessage', {
      chat_id: chat.id,
      text: 'pick',
      reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'y' }]] },
    })
    const press = await post(`/simulator/chats/${chat.id}/callback`, {
      messageId: sent.body.result.message_id,
      data: 'y',
      fromUserId: 5002,
    })
    expect(press.status).toBe(200)
    const got = await updates(token)
    expect(got.at(-1).callback_query.from.id).toBe(5002)
  })

  it('refuses a writer who is not in the group, naming the field', async () => {
    const chat = await group(newToken())
    const r = await post(`/simulator/chats/${chat.id}/messages`, { text: 'hi', fromUserId: 9999 })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toMatch(/9999.*not a member/)
  })

  it('a join and a leave are service messages, and chat_member updates when the bot asks for them', async () => {
    const token = newToken()
    const chat = await group(token)
    await updates(token, ['message', 'chat_member'])
    const join = await post(`/simulator/chats/${chat.id}/members`, {
      action: 'join',
      user: { id: 5003, firstName: 'Cy' },
    })
    expect(join.status).toBe(200)
    expect(join.body.userId).toBe(5003)
    // Joining twice is a conflict, with the field named.
    const again = await post(`/simulator/chats/${chat.id}/members`, { action: 'join', user: { id: 5003 } })
    expect(again.status).toBe(409)
    const leave = await post(`/simulator/chats/${chat.id}/members`, { action: 'leave', user: { id: 5002 } })
    expect(leave.status).toBe(200)

    const got = await updates(token, ['message', 'chat_member'])
    const joined = got.find((u) => u.message?.new_chat_members)
    expect(joined.message.new_chat_members[0]).toMatchObject({ id: 5003, first_name: 'Cy' })
    expect(joined.message.text).toBeUndefined()
    const left = got.find((u) => u.message?.left_chat_member)
    expect(left.message.left_chat_member.id).toBe(5002)
    const member = got.find((u) => u.chat_member?.new_chat_member.user.id === 5003)
    expect(member.chat_member.new_chat_member.status).toBe('member')
    // Bob left: he can no longer write.
    const r = await post(`/simulator/chats/${chat.id}/messages`, { text: 'x', fromUserId: 5002 })
    expect(r.status).toBe(400)
  })

  it("a chat lists its current members and its bot's privacy mode", async () => {
    const token = newToken()
    const chat = await group(token)
    await post(`/simulator/chats/${chat.id}/members`, { action: 'join', user: { id: 5004, firstName: 'Di' } })
    await post(`/simulator/chats/${chat.id}/members`, { action: 'leave', user: { id: 5002 } })
    const listed = async () =>
      ((await (await core.api('/simulator/chats')).json()) as { items: any[] }).items.find(
        (c) => c.id === chat.id,
      )
    const before = await listed()
    expect(before.members.map((m: any) => m.id)).toEqual([5004])
    expect(before.botPrivacy).toBe(true)
    expect((await post(`/simulator/bots/${before.botId}`, { privacy: false }, 'PUT')).status).toBe(200)
    expect((await listed()).botPrivacy).toBe(false)
  })

  it('a private chat has no members to add', async () => {
    const { body: chat } = await post('/simulator/chats', { botToken: newToken() })
    const r = await post(`/simulator/chats/${chat.id}/members`, { action: 'join', user: { firstName: 'Z' } })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toMatch(/private chat/)
  })
})

describe('privacy mode in groups', () => {
  const say = async (chatId: number, body: Record<string, unknown>) => {
    const res = await post(`/simulator/chats/${chatId}/messages`, body)
    expect(res.status).toBe(200)
    return res.body as { updateId: number; messageId: number }
  }

  it('with privacy on (the default) delivers commands, mentions and replies to the bot only', async () => {
    const token = await newBot()
    const me = (await call(token, 'getMe')).body.result as { id: number; username: string }
    expect(me).toMatchObject({ can_read_all_group_messages: false })
    const chat = await group(token)
    await say(chat.id, { text: 'just chatting' })
    await say(chat.id, { text: '/help' })
    await say(chat.id, { text: `/help@${me.username}` })
    await say(chat.id, { text: '/help@some_other_bot' })
    await say(chat.id, { text: `hey @${me.username} look` })
    await say(chat.id, { text: 'hey @someone_else' })
    const sent = await call(token, 'sendMessage', { chat_id: chat.id, text: 'question?' })
    await say(chat.id, { text: 'an answer', replyToMessageId: sent.body.result.message_id })
    const got = (await updates(token)).map((u) => u.message.text)
    expect(got).toEqual(['/help', `/help@${me.username}`, `hey @${me.username} look`, 'an answer'])
    const transcript = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
    expect((transcript as { items: { text: string }[] }).items.map((i) => i.text)).toContain('just chatting')
  })

  it('delivers every group message once privacy is switched off, and getMe says so', async () => {
    const token = await newBot()
    const botId = nextBotId - 1
    const off = await post(`/simulator/bots/${botId}`, { privacy: false }, 'PUT')
    expect(off).toEqual({ status: 200, body: { id: botId, privacy: false, inlineFeedback: false } })
    expect((await call(token, 'getMe')).body.result.can_read_all_group_messages).toBe(true)
    const chat = await group(token)
    await say(chat.id, { text: 'just chatting' })
    expect((await updates(token)).map((u) => u.message.text)).toEqual(['just chatting'])
  })

  it('answers not_found for a bot it does not have', async () => {
    const res = await post('/simulator/bots/999999999', { privacy: false }, 'PUT')
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({ kind: 'not_found', where: [{ path: ['id'] }] })
  })
})

describe('fault injection', () => {
  it('the next N calls of a method answer the error, then calls succeed again; the list shows what is left', async () => {
    const token = newToken()
    const { body: chat } = await post('/simulator/chats', { botToken: token })
    const fault = await post('/simulator/faults', {
      method: 'sendMessage',
      errorCode: 429,
      retryAfter: 2,
      times: 2,
    })
    expect(fault.status).toBe(200)
    expect(fault.body).toMatchObject({ method: 'sendMessage', remaining: 2, hits: 0 })

    const first = await call(token, 'sendMessage', { chat_id: chat.id, text: 'a' })
    expect(first.status).toBe(429)
    expect(first.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 2',
      parameters: { retry_after: 2 },
    })
    // Another method is untouched.
    expect((await call(token, 'getMe')).body.ok).toBe(true)
    const listed = await core.api('/simulator/faults')
    const items = ((await listed.json()) as { items: any[] }).items
    expect(items.find((f) => f.id === fault.body.id)).toMatchObject({ remaining: 1, hits: 1 })

    expect((await call(token, 'sendMessage', { chat_id: chat.id, text: 'b' })).status).toBe(429)
    const third = await call(token, 'sendMessage', { chat_id: chat.id, text: 'c' })
    expect(third.body.ok).toBe(true)
    // A failed call sent nothing: the chat has only the third message.
    const transcript = await core.api(`/simulator/chats/${chat.id}/transcript`)
    const texts = ((await transcript.json()) as { items: { text: string }[] }).items.map((i) => i.text)
    expect(texts).toEqual(['c'])
  })

  it("a 403 without a description says Telegram's words for a user who blocked the bot", async () => {
    const token = newToken()
    const { body: chat } = await post('/simulator/chats', { botToken: token })
    await post('/simulator/faults', { method: 'sendMessage', errorCode: 403, botId: nextBotId - 1 })
    const r = await call(token, 'sendMessage', { chat_id: chat.id, text: 'a' })
    expect(r.body).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    })
  })

  it('a bot-scoped fault leaves other bots alone; clearing removes it', async () => {
    const a = await newBot()
    const aId = nextBotId - 1
    const b = await newBot()
    const f = await post('/simulator/faults', { method: '*', errorCode: 500, botId: aId, times: 5 })
    expect((await call(b, 'getMe')).body.ok).toBe(true)
    expect((await call(a, 'getMe')).body).toMatchObject({ ok: false, error_code: 500 })
    const cleared = await core.api(`/simulator/faults?botId=${aId}`, { method: 'DELETE' })
    expect(((await cleared.json()) as { deleted: number }).deleted).toBeGreaterThanOrEqual(1)
    expect((await call(a, 'getMe')).body.ok).toBe(true)
    const gone = await post(`/simulator/faults/${f.body.id}`, undefined, 'DELETE')
    expect(gone.body.deleted).toBe(false)
  })

  it('a dropped call gets no answer; a delayed one answers late', async () => {
    const token = await newBot()
    await post('/simulator/faults', { method: 'getMe', kind: 'drop', botId: nextBotId - 1 })
    await expect(call(token, 'getMe')).rejects.toThrow()
    await post('/simulator/faults', { method: 'getMe', kind: 'delay', delayMs: 300, botId: nextBotId - 1 })
    const t0 = performance.now()
    expect((await call(token, 'getMe')).body.ok).toBe(true)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280)
  })

  it('says what is wrong with a fault', async () => {
    const r = await post('/simulator/faults', { method: 'sendMessage' })
    expect(r.status).toBe(400)
    expect(JSON.stringify(r.body.error)).toContain('errorCode')
    const d = await post('/simulator/faults', { method: 'sendMessage', kind: 'delay' })
    expect(JSON.stringify(d.body.error)).toContain('delayMs')
  })

  it('the deactivated preset answers 403 Forbidden: user is deactivated', async () => {
    const token = await newBot()
    const chat = (await post('/simulator/chats', { botToken: token })).body as { id: number }
    const f = await post('/simulator/faults', {
      method: 'sendMessage',
      kind: 'deactivated',
      botId: nextBotId - 1,
    })
    expect(f.status).toBe(200)
    const res = await call(token, 'sendMessage', { chat_id: chat.id, text: 'hi' })
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ ok: false, error_code: 403, description: 'Forbidden: user is deactivated' })
  })

  it('the migrated preset answers 400 with parameters.migrate_to_chat_id, and needs the supergroup id', async () => {
    const token = await newBot()
    const chat = await group(token)
    const missing = await post('/simulator/faults', { method: 'sendMessage', kind: 'migrated' })
    expect(missing.status).toBe(400)
    expect(missing.body.error.where).toEqual([expect.objectContaining({ path: ['migrateToChatId'] })])
    await post('/simulator/faults', {
      method: 'sendMessage',
      kind: 'migrated',
      migrateToChatId: -1001234567890,
      botId: nextBotId - 1,
    })
    const res = await call(token, 'sendMessage', { chat_id: chat.id, text: 'hi' })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    })
  })
})
