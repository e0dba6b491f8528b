import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { telegramReplyRule } from '@shared/rule-defaults'
import { startTestCore, type TestCore } from '../helpers/start-core'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
  await core.api('/telegram/simulator', { method: 'POST', body: '{}' })
})
afterAll(() => core.close())

const post = async (path: string, body: unknown) => {
  const res = await core.api(path, { method: 'POST', body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return res.json()
}
const get = async (path: string) => (await core.api(path)).json()

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const end = Date.now() + 10_000
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const botReplies = async (chatId: number) =>
  (await get(`/simulator/chats/${chatId}/transcript`)).items.filter((i: { from: string }) => i.from === 'bot')
const send = (chatId: number, text: string) => post(`/simulator/chats/${chatId}/messages`, { text })

describe("the editor's Telegram reply rule", () => {
  it('answers /start every time, in every chat', async () => {
    const { rule } = await post('/rules', { ...telegramReplyRule('telegram'), name: 'reply to /start' })
    const ada = await post('/simulator/chats', { firstName: 'Ada' })
    const bob = await post('/simulator/chats', { firstName: 'Bob' })
    for (const chat of [ada, bob, ada, bob]) await send(chat.id, '/start')

    const replies = await until(async () => {
      const all = [...(await botReplies(ada.id)), ...(await botReplies(bob.id))]
      return all.length >= 4 ? all : undefined
    }, 'four replies')
    expect(replies.map((r: { text: string }) => r.text)).toEqual([
      'Hello, Ada',
      'Hello, Ada',
      'Hello, Bob',
      'Hello, Bob',
    ])
    await core.api(`/rules/${rule.id}`, { method: 'DELETE' })
  })
})

describe('the dry run of a rule whose window is already open', () => {
  it('reports REPEAT (not OPEN), that its OPEN-only action does not fire, and why', async () => {
    const openOnly = {
      name: 'open only',
      filter: "entity = 'telegram'",
      actions: [{ kind: 'telegram', chatId: '${tags.message.chat.id}', text: 'hi' }],
    }
    const { rule } = await post('/rules', openOnly)
    const chat = await post('/simulator/chats', { firstName: 'Cy' })
    await send(chat.id, '/start')
    // The reply means the engine has opened the chat's window with this message.
    await until(async () => ((await botReplies(chat.id)).length > 0 ? true : undefined), 'the first reply')
    const { items } = await get('/messages?limit=1')

    const expected = {
      status: 'REPEAT',
      previousStatus: 'OPEN',
      actions: [{ fires: false }],
      warnings: [expect.stringContaining('No action fires on REPEAT')],
    }
    expect(await post(`/rules/${rule.id}/test`, { messageId: items[0].id })).toMatchObject(expected)
    // The editor's path: the draft with its rule id is tested against the same window.
    expect(
      await post('/rules/test', { rule: { ...openOnly, id: rule.id }, messageId: items[0].id }),
    ).toMatchObject(expected)
  })
})
