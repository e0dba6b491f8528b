/* eslint-disable @typescript-eslint/no-explicit-any -- Bot API answers read as loose JSON */
import { Bot } from 'grammy'
import { Telegraf } from 'telegraf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { callBotApi, tokenFor } from '../unit/main/core/simulator/sim-harness'

// Inline mode and the bot's own membership (my_chat_member), with grammY and Telegraf unchanged (polling) and
// the raw Bot API for Telegram's error texts.
let core: TestCore
let nextBotId = 830_001
beforeAll(async () => {
  core = await startTestCore({ simulatorTimings: { inlineQueryTimeoutMs: 1500 } })
})
afterAll(() => core.close())

const newToken = () => tokenFor(nextBotId++)
const call = (token: string, method: string, params?: Record<string, unknown>) =>
  callBotApi(`${core.baseUrl}/sim`, token, method, params)
async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await core.api(path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}
async function chat(token: string, extra: Record<string, unknown> = {}) {
  const r = await api('/simulator/chats', { botToken: token, firstName: 'Ada', username: 'ada_l', ...extra })
  expect(r.status).toBe(200)
  return r.body as { id: number; botId: number; botUsername: string }
}
const transcript = async (id: number) => (await api(`/simulator/chats/${id}/transcript`)).body.items as any[]

const RESULTS = [
  {
    type: 'article',
    id: 'a1',
    title: 'Hello',
    description: 'says hello',
    input_message_content: { message_text: 'Hello *world*', parse_mode: 'MarkdownV2' },
  },
  {
    type: 'photo',
    id: 'p1',
    photo_url: 'https://example.com/cat.jpg',
    thumbnail_url: 'https://example.com/t.jpg',
  },
]

describe('inline queries with grammY (polling)', () => {
  it('the bot answers, the results are visible through the API, and a chosen result is a message via @bot', async () => {
    const token = newToken()
    const c = await chat(token)
    const seen: any[] = []
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    bot.on('inline_query', async (ctx) => {
      seen.push(ctx.inlineQuery)
      await ctx.answerInlineQuery(RESULTS as any, { cache_time: 0 })
    })
    bot.on('chosen_inline_result', (ctx) => void seen.push(ctx.chosenInlineResult))
    bot.on('message', (ctx) => void seen.push(ctx.message))
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started() })
    await running
    try {
      const q = await api(`/simulator/chats/${c.id}/inline`, { query: 'hel', waitMs: 5000 })
      expect(q.status).toBe(200)
      expect(q.body).toMatchObject({ state: 'answered', query: 'hel', chatType: 'sender', cacheTime: 0 })
      expect(q.body.results.map((r: any) => r.id)).toEqual(['a1', 'p1'])
      expect(seen[0]).toMatchObject({ id: q.body.id, query: 'hel', offset: '', chat_type: 'sender' })
      expect(seen[0].from).toMatchObject({ first_name: 'Ada', username: 'ada_l' })
      expect((await api(`/simulator/inline-queries/${q.body.id}`)).body.state).toBe('answered')

      // Inline feedback is off (Telegram's default): a message via the bot, but no chosen_inline_result.
      const chosen = await api(`/simulator/inline-queries/${q.body.id}/choose`, { resultId: 'a1' })
      expect(chosen.status).toBe(200)
      expect(chosen.body.chosenUpdateId).toBeNull()
      await expect.poll(() => seen.filter((u) => u.via_bot).length).toBe(1)
      const via = seen.find((u) => u.via_bot)
      expect(via.text).toBe('Hello world')
      expect(via.entities).toEqual([{ offset: 6, length: 5, type: 'bold' }])
      expect(via.via_bot).toMatchObject({ id: c.botId, is_bot: true, username: c.botUsername })
      expect((await transcript(c.id)).at(-1)).toMatchObject({ from: 'user', plainText: 'Hello world' })

      // With /setinlinefeedback on, picking a result also sends chosen_inline_result.
      const fb = await api(`/simulator/bots/${c.botId}`, { inlineFeedback: true }, 'PUT')
      expect(fb.body).toMatchObject({ inlineFeedback: true, privacy: true })
      const q2 = await api(`/simulator/chats/${c.id}/inline`, { query: 'cat', waitMs: 5000 })
      const photo = await api(`/simulator/inline-queries/${q2.body.id}/choose`, { resultId: 'p1' })
      expect(photo.body.chosenUpdateId).toBeGreaterThan(0)
      await expect.poll(() => seen.some((u) => u.result_id === 'p1')).toBe(true)
      expect(seen.find((u) => u.result_id === 'p1')).toMatchObject({
        query: 'cat',
        from: { first_name: 'Ada' },
      })
      const photoMessage = seen.find((u) => u.via_bot && u.photo)
      expect(photoMessage.photo[0].file_id).toMatch(/^sim-inline-photo-/)
      expect(
        (await api(`/simulator/chats`)).body.items.find((x: any) => x.id === c.id).botInlineFeedback,
      ).toBe(true)
    } finally {
      await bot.stop()
      await stopped
    }
  })
})

describe('inline queries with Telegraf (polling)', () => {
  it('answers through ctx.answerInlineQuery and gets chosen_inline_result with inline feedback on', async () => {
    const token = newToken()
    const c = await chat(token)
    await api(`/simulator/bots/${c.botId}`, { inlineFeedback: true }, 'PUT')
    const chosen: any[] = []
    const bot = new Telegraf(token, { telegram: { apiRoot: `${core.baseUrl}/sim/` } })
    bot.on('inline_query', (ctx) =>
      ctx.answerInlineQuery(
        [
          {
            type: 'article',
            id: `r-${ctx.inlineQuery.query}`,
            title: 'T',
            input_message_content: { message_text: `got ${ctx.inlineQuery.query}` },
          },
        ],
        { cache_time: 5 },
      ),
    )
    bot.on('chosen_inline_result', (ctx) => void chosen.push(ctx.chosenInlineResult))
    void bot.launch({ dropPendingUpdates: true })
    try {
      await expect
        .poll(
          async () => (await api(`/simulator/chats/${c.id}/inline`, { query: 'x', waitMs: 2000 })).body.state,
          {
            timeout: 10_000,
          },
        )
        .toBe('answered')
      const q = await api(`/simulator/chats/${c.id}/inline`, { query: 'tel', waitMs: 5000 })
      expect(q.body).toMatchObject({ state: 'answered', cacheTime: 5 })
      expect(q.body.results[0]).toMatchObject({ id: 'r-tel', title: 'T' })
      await api(`/simulator/inline-queries/${q.body.id}/choose`, { resultId: 'r-tel' })
      await expect.poll(() => chosen.map((r) => r.result_id)).toContain('r-tel')
      expect((await transcript(c.id)).at(-1).plainText).toBe('got tel')
    } finally {
      bot.stop()
    }
  })
})

describe('answerInlineQuery checks like Telegram', () => {
  async function query(token: string) {
    const c = await chat(token)
    const q = await api(`/simulator/chats/${c.id}/inline`, { query: 'q' })
    expect(q.body.state).toBe('waiting')
    return { chat: c, id: q.body.id as string }
  }
  const answer = (token: string, id: string, results: unknown, extra: Record<string, unknown> = {}) =>
    call(token, 'answerInlineQuery', { inline_query_id: id, results: JSON.stringify(results), ...extra })

  it.each([
    [
      [
        { type: 'article', id: '1', title: 'a', message_text: 'x' },
        { type: 'article', id: '1', title: 'b', message_text: 'y' },
      ],
      'Bad Request: RESULT_ID_DUPLICATE',
    ],
    [
      Array.from({ length: 51 }, (_, i) => ({
        type: 'article',
        id: String(i),
        title: 't',
        message_text: 'x',
      })),
      'Bad Request: too many inline query results specified',
    ],
    [{ type: 'article' }, 'Bad Request: expected an Array of inline query results'],
    [
      [{ type: 'article', id: '1', input_message_content: { message_text: 'x' } }],
      'Bad Request: can\'t parse inline query result: Can\'t find field "title"',
    ],
    [
      [{ type: 'article', id: '1', title: 't' }],
      'Bad Request: can\'t parse inline query result: Can\'t find field "message_text"',
    ],
    [
      [{ type: 'article', id: '1', title: 't', input_message_content: {} }],
      "Bad Request: can't parse inline query result: Input message content is not specified",
    ],
    [
      [{ type: 'photo', id: '1' }],
      'Bad Request: can\'t parse inline query result: Can\'t find field "photo_file_id"',
    ],
    [[{ id: '1' }], 'Bad Request: can\'t parse inline query result: Can\'t find field "type"'],
    [
      [{ type: 'photo', photo_url: 'https://example.com/a.jpg' }],
      'Bad Request: can\'t parse inline query result: Can\'t find field "id"',
    ],
    [
      [{ type: 'hologram', id: '1' }],
      "Bad Request: can't parse inline query result: Unsupported type specified",
    ],
    [['x'], "Bad Request: can't parse inline query result: Inline query result must be an object"],
    [
      [{ type: 'article', id: '1', title: { t: 1 }, message_text: 'x' }],
      'Bad Request: can\'t parse inline query result: Field "title" must be of type String',
    ],
  ])('refuses %j with %s', async (results, description) => {
    const token = newToken()
    const { id } = await query(token)
    const r = await answer(token, id, results)
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ ok: false, error_code: 400, description })
  })

  it.each([
    ['[{"type":"article",', 'Unexpected string end'],
    ['[1 2]', 'Unexpected symbol while parsing JSON Array'],
    ['[{"id" 1}]', "':' expected"],
    ['[] x', 'Expected string end'],
    ['[x]', "Unexpected symbol 'x'"],
    ['[tru]', "Token starts with 't' -- true expected"],
    ['["abc', `Closing '"' not found`],
  ])("answers results %s that are not JSON with the JSON reader's words", async (raw, why) => {
    const token = newToken()
    const { id } = await query(token)
    const r = await call(token, 'answerInlineQuery', { inline_query_id: id, results: raw })
    expect(r.body.description).toBe(`Bad Request: can't parse JSON encoded inline query results: ${why}`)
  })

  it('a field sent as null is a wrong type, not a missing one', async () => {
    const token = newToken()
    const { id } = await query(token)
    const r = await answer(token, id, [
      { type: 'article', id: '1', title: 't', message_text: 'x', url: null },
    ])
    expect(r.body.description).toBe(
      'Bad Request: can\'t parse inline query result: Field "url" must be of type String',
    )
  })

  it('accepts ≤ 50 results once; a second answer, an unknown id and a late answer are "query is too old"', async () => {
    const token = newToken()
    const { id } = await query(token)
    const ok = await answer(
      token,
      id,
      Array.from({ length: 50 }, (_, i) => ({ type: 'article', id: `i${i}`, title: 't', message_text: 'x' })),
      { cache_time: 999999 },
    )
    expect(ok.body).toEqual({ ok: true, result: true })
    expect((await api(`/simulator/inline-queries/${id}`)).body).toMatchObject({
      state: 'answered',
      cacheTime: 86400,
    })
    const tooOld = 'Bad Request: query is too old and response timeout expired or query ID is invalid'
    expect((await answer(token, id, [])).body.description).toBe(tooOld)
    expect((await answer(token, '12345', [])).body.description).toBe(tooOld)
    const late = await query(token)
    await new Promise((resolve) => setTimeout(resolve, 1700))
    expect((await api(`/simulator/inline-queries/${late.id}`)).body.state).toBe('expired')
    const r = await answer(token, late.id, [])
    expect(r.status).toBe(400)
    expect(r.body.description).toBe(tooOld)
  })

  it('respects allowed_updates: no inline_query update, and the update log says why', async () => {
    const token = newToken()
    const c = await chat(token)
    await call(token, 'getUpdates', { allowed_updates: ['message'] })
    const q = await api(`/simulator/chats/${c.id}/inline`, { query: 'q' })
    expect(q.body.updateId).toBeNull()
    expect((await call(token, 'getUpdates')).body.result).toEqual([])
    const log = (await api(`/simulator/chats/${c.id}/updates`)).body.items as any[]
    expect(log.at(-1)).toMatchObject({ type: 'inline_query', status: 'not_sent', reason: 'allowed_updates' })
    expect(log.at(-1).line).toContain('add "inline_query" to allowed_updates')
  })

  it('in a group with privacy mode on, a result sent via the bot reaches it; chosen_inline_result obeys allowed_updates', async () => {
    const token = newToken()
    const g = await chat(token, { type: 'group', title: 'Team' })
    await api(`/simulator/bots/${g.botId}`, { inlineFeedback: true }, 'PUT')
    await call(token, 'getUpdates', { allowed_updates: ['message', 'inline_query'] })
    const q = await api(`/simulator/chats/${g.id}/inline`, { query: 'g' })
    expect(q.body.chatType).toBe('group')
    const [u] = (await call(token, 'getUpdates')).body.result as any[]
    expect(u.inline_query).toMatchObject({ id: q.body.id, chat_type: 'group' })
    const ok = await call(token, 'answerInlineQuery', {
      inline_query_id: q.body.id,
      results: JSON.stringify([{ type: 'article', id: 'x', title: 'X', message_text: 'plain words' }]),
    })
    expect(ok.body.ok).toBe(true)
    const chosen = await api(`/simulator/inline-queries/${q.body.id}/choose`, { resultId: 'x' })
    expect(chosen.body.updateId).toBeGreaterThan(0)
    expect(chosen.body.chosenUpdateId).toBeNull()
    const got = (await call(token, 'getUpdates', { offset: u.update_id + 1 })).body.result as any[]
    expect(got.map((x) => x.message?.text)).toEqual(['plain words'])
    expect(got[0].message.via_bot.id).toBe(g.botId)
    const log = (await api(`/simulator/chats/${g.id}/updates`)).body.items as any[]
    expect(log.find((e) => e.type === 'chosen_inline_result')).toMatchObject({
      status: 'not_sent',
      reason: 'allowed_updates',
    })
  })

  it('choosing refuses an unanswered query or an unknown result, naming the field', async () => {
    const token = newToken()
    const { id } = await query(token)
    const r = await api(`/simulator/inline-queries/${id}/choose`, { resultId: 'nope' })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toMatch(/has not answered/)
    expect((await api('/simulator/inline-queries/999/choose', { resultId: 'x' })).status).toBe(404)
  })
})

describe('my_chat_member', () => {
  it('the bot removed from a group and added back: my_chat_member and service messages; 403 meanwhile', async () => {
    const token = newToken()
    const g = await chat(token, { type: 'group', title: 'Team', userId: 6001 })
    const sg = await chat(token, { type: 'supergroup', title: 'Big', userId: 6002 })
    await call(token, 'getUpdates', { allowed_updates: [] })
    const removed = await api(`/simulator/chats/${g.id}/members`, { action: 'leave', user: { id: g.botId } })
    expect(removed.status).toBe(200)
    expect(
      (await api(`/simulator/chats/${g.id}/members`, { action: 'leave', user: { id: g.botId } })).status,
    ).toBe(400)
    await api(`/simulator/chats/${sg.id}/members`, { action: 'leave', user: { id: sg.botId } })
    const send = await call(token, 'sendMessage', { chat_id: g.id, text: 'hi' })
    expect(send.body).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot is not a member of the group chat',
    })
    const sendSg = await call(token, 'sendMessage', { chat_id: sg.id, text: 'hi' })
    expect(sendSg.body.description).toBe('Forbidden: bot was kicked from the supergroup chat')
    const listed = (await api('/simulator/chats')).body.items.find((x: any) => x.id === g.id)
    expect(listed.botStatus).toBe('left')
    const added = await api(`/simulator/chats/${g.id}/members`, { action: 'join', user: { id: g.botId } })
    expect(added.status).toBe(200)
    expect((await call(token, 'sendMessage', { chat_id: g.id, text: 'back' })).body.ok).toBe(true)

    const got = (await call(token, 'getUpdates')).body.result as any[]
    const mcm = got.filter((u) => u.my_chat_member).map((u) => u.my_chat_member)
    expect(mcm).toHaveLength(3)
    expect(mcm[0]).toMatchObject({
      chat: { id: g.id, type: 'group', title: 'Team' },
      from: { id: 6001, is_bot: false, first_name: 'Ada' },
      old_chat_member: { user: { id: g.botId, is_bot: true }, status: 'member' },
      new_chat_member: { user: { id: g.botId, is_bot: true }, status: 'left' },
    })
    expect(typeof mcm[0].date).toBe('number')
    expect(mcm[1].new_chat_member).toEqual({
      user: expect.objectContaining({ id: sg.botId }),
      status: 'kicked',
      until_date: 0,
    })
    expect(mcm[2]).toMatchObject({
      old_chat_member: { status: 'left' },
      new_chat_member: { status: 'member' },
    })
    expect(got.some((u) => u.message?.left_chat_member?.id === g.botId)).toBe(true)
    expect(got.some((u) => u.message?.new_chat_members?.[0]?.id === g.botId)).toBe(true)
  })

  it('the user blocks and unblocks the bot: my_chat_member kicked/member, 403 while blocked, persisted', async () => {
    const token = newToken()
    const c = await chat(token)
    await call(token, 'getUpdates')
    const blocked = await api(`/simulator/chats/${c.id}/block`, { blocked: true })
    expect(blocked.status).toBe(200)
    expect(blocked.body.blocked).toBe(true)
    const send = await call(token, 'sendMessage', { chat_id: c.id, text: 'hi' })
    expect(send.status).toBe(403)
    expect(send.body).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    })
    expect((await api('/simulator/chats')).body.items.find((x: any) => x.id === c.id).blocked).toBe(true)
    await api(`/simulator/chats/${c.id}/block`, { blocked: false })
    expect((await call(token, 'sendMessage', { chat_id: c.id, text: 'again' })).body.ok).toBe(true)
    const got = (await call(token, 'getUpdates')).body.result as any[]
    const [block, unblock] = got.map((u) => u.my_chat_member)
    expect(block).toMatchObject({
      chat: { id: c.id, type: 'private', first_name: 'Ada' },
      from: { id: c.id, first_name: 'Ada' },
      old_chat_member: { user: { id: c.botId, is_bot: true }, status: 'member' },
      new_chat_member: { user: { id: c.botId, is_bot: true }, status: 'kicked', until_date: 0 },
    })
    expect(unblock).toMatchObject({
      old_chat_member: { status: 'kicked' },
      new_chat_member: { status: 'member' },
    })
    // A group has no "block".
    const g = await chat(token, { type: 'group' })
    expect((await api(`/simulator/chats/${g.id}/block`, { blocked: true })).status).toBe(400)
  })

  it('Telegraf sees my_chat_member when removed from a group and added back, and 403 meanwhile', async () => {
    const token = newToken()
    const g = await chat(token, { type: 'group', title: 'Crew' })
    const seen: string[] = []
    const bot = new Telegraf(token, { telegram: { apiRoot: `${core.baseUrl}/sim/` } })
    bot.on('my_chat_member', (ctx) => void seen.push(ctx.myChatMember.new_chat_member.status))
    void bot.launch()
    try {
      await api(`/simulator/chats/${g.id}/members`, { action: 'leave', user: { id: g.botId } })
      await expect.poll(() => seen).toEqual(['left'])
      await expect(bot.telegram.sendMessage(g.id, 'still here?')).rejects.toThrow(
        'Forbidden: bot is not a member of the group chat',
      )
      await api(`/simulator/chats/${g.id}/members`, { action: 'join', user: { id: g.botId } })
      await expect.poll(() => seen).toEqual(['left', 'member'])
      expect((await bot.telegram.sendMessage(g.id, 'back')).text).toBe('back')
    } finally {
      bot.stop()
    }
  })

  it('grammY sees my_chat_member when the user blocks it', async () => {
    const token = newToken()
    const c = await chat(token)
    const statuses: string[] = []
    const bot = new Bot(token, { client: { apiRoot: `${core.baseUrl}/sim` } })
    bot.on('my_chat_member', (ctx) => void statuses.push(ctx.myChatMember.new_chat_member.status))
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = bot.start({ onStart: () => started() })
    await running
    try {
      await api(`/simulator/chats/${c.id}/block`, { blocked: true })
      await expect.poll(() => statuses).toEqual(['kicked'])
      await expect(bot.api.sendMessage(c.id, 'hi')).rejects.toThrow('Forbidden: bot was blocked by the user')
    } finally {
      await bot.stop()
      await stopped
    }
  })
})
