import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixtureBot, waitFor, type FixtureBot } from '../helpers/fixture-bot'
import { startTestCore, type TestCore } from '../helpers/start-core'

/* eslint-disable @typescript-eslint/no-explicit-any -- API answers read as loose JSON */
// Scenario tests through the API (the Scenarios page's calls): files in the folder, a run against a real grammY
// bot behind the Bot API proxy with the simulator upstream, the run history, and a recording replayed.
let core: TestCore
let bot: FixtureBot
let token: string
let folder: string

const json = async (path: string, init: RequestInit = {}) => {
  const res = await core.api(path, init)
  return { status: res.status, body: (await res.json()) as any }
}
const save = (path: string, text: string) =>
  json('/scenarios/file', { method: 'PUT', body: JSON.stringify({ path, text }) })
const run = (paths?: string[]) =>
  json('/scenarios/runs', { method: 'POST', body: JSON.stringify(paths ? { paths } : {}) })

beforeAll(async () => {
  core = await startTestCore()
  folder = mkdtempSync(join(tmpdir(), 'hb-scenarios-'))
  await json('/settings', {
    method: 'PUT',
    body: JSON.stringify({ scenarioFolder: folder, scenarioWithinMs: 4000 }),
  })
  token = (await json('/telegram/simulator', { method: 'POST', body: '{}' })).body.token
  bot = startFixtureBot('greeter-bot.js', { BOT_TOKEN: token, BOT_API_ROOT: `${core.baseUrl}/bot-api` })
  await waitFor(async () => (await json('/forwarding')).body.lastPollAt !== null, 'the bot to poll')
}, 30_000)
afterAll(async () => {
  await bot?.stop()
  await core?.close()
})

const GREETS = `name: greets, echoes and confirms
chats:
  ada: { type: private, firstName: Ada, username: ada }
  team: { type: group, title: Team, members: [ada, bob] }
steps:
  - send: { chat: ada, text: /start }
  - expect: { chat: ada, text: "Hi, Ada" }
  - send: { chat: ada, text: hello }
  - expect: { chat: ada, textMatches: "^echo: hello$", within: 3s }
  - send: { chat: ada, text: /ask }
  - expect: { chat: ada, text: "Are you sure?", buttons: [["Yes", "No"]] }
  - press: { chat: ada, button: "Yes" }
  - expect: { chat: ada, callbackAnswer: "Thanks" }
  - expect: { chat: ada, text: Confirmed }
  - send: { chat: ada, text: /bold }
  - expect: { chat: ada, text: "bold move" }
  - expectCall: { method: sendMessage, params: { parse_mode: HTML } }
  - send: { chat: ada, text: /silent }
  - expectNoReply: { chat: ada, within: 300ms }
  - send: { chat: team, from: bob, text: "/help@{bot}" }
  - expect: { chat: team, text: "Commands: /start, /ask, /bold, /help" }
  - join: { chat: team, user: cy }
  - expect: { chat: team, text: "Welcome, Cy" }
  - leave: { chat: team, user: bob }
  - edit: { chat: team, text: "/help@{bot} please" }
  - expect: { chat: team, textMatches: "^edited: " }
`

describe('scenario files', () => {
  it('lists, reads and saves files in the folder, answering problems at line and column', async () => {
    expect((await save('greets.scenario.yaml', GREETS)).body.problems).toEqual([])
    const bad = await save(
      'nested/bad.scenario.yaml',
      'name: x\nchats:\n  a: {}\nsteps:\n  - sned: { chat: a }\n',
    )
    expect(bad.status).toBe(200)
    expect(bad.body.problems[0]).toMatchObject({ line: 5, column: 5 })
    expect(bad.body.problems[0].message).toMatch(/sned/)
    const list = await json('/scenarios')
    expect(list.body.folder).toBe(folder)
    expect(list.body.items.map((i: any) => i.path)).toEqual([
      'greets.scenario.yaml',
      'nested/bad.scenario.yaml',
    ])
    expect(list.body.items[0]).toMatchObject({
      name: 'greets, echoes and confirms',
      steps: 21,
      lastRun: null,
    })
    expect((await json('/scenarios/file?path=greets.scenario.yaml')).body.text).toBe(GREETS)
  })

  it('refuses a path outside the folder or not a scenario, and a missing file is a 404', async () => {
    expect((await save('../escape.scenario.yaml', GREETS)).status).toBe(400)
    expect((await save('/etc/x.scenario.yaml', GREETS)).status).toBe(400)
    expect((await save('notes.txt', GREETS)).status).toBe(400)
    expect((await json('/scenarios/file?path=missing.scenario.yaml')).status).toBe(404)
  })
})

describe('runs against the bot', () => {
  it('passes every step kind against a real grammY bot, and the history keeps the run', async () => {
    const r = await run(['greets.scenario.yaml'])
    expect(r.status).toBe(200)
    const [result] = r.body.results
    const failed = result.steps.find((s: any) => s.status !== 'passed')
    expect(failed ?? null).toBeNull()
    expect(result.status).toBe('passed')
    expect(r.body).toMatchObject({ passed: 1, failed: 0 })
    const runs = await json('/scenarios/runs')
    expect(runs.body.items[0]).toMatchObject({
      id: r.body.id,
      files: [{ file: 'greets.scenario.yaml', status: 'passed' }],
    })
    const list = await json('/scenarios')
    expect(list.body.items[0].lastRun).toMatchObject({ runId: r.body.id, status: 'passed' })
  }, 60_000)

  it('a wrong text fails at that step with expected, actual, the transcript and the calls; the rest is skipped', async () => {
    await save(
      'wrong.scenario.yaml',
      'name: wrong greeting\nchats:\n  ada: { firstName: Ada }\nsteps:\n  - send: { chat: ada, text: /start }\n  - expect: { chat: ada, text: "Hello, Ada" }\n  - send: { chat: ada, text: again }\n',
    )
    const r = await run(['wrong.scenario.yaml', 'nested/bad.scenario.yaml'])
    const [wrong, bad] = r.body.results
    expect(r.body).toMatchObject({ passed: 0, failed: 2 })
    expect(wrong.status).toBe('failed')
    const step = wrong.steps[1]
    expect(step).toMatchObject({ status: 'failed', line: 6, expected: 'Hello, Ada', actual: 'Hi, Ada' })
    expect(step.transcript).toEqual(['> /start', '< Hi, Ada'])
    expect(step.calls.some((c: string) => c.startsWith('sendMessage'))).toBe(true)
    expect(wrong.steps[2].status).toBe('skipped')
    expect(bad).toMatchObject({ status: 'error' })
    expect(bad.error).toMatch(/^nested\/bad\.scenario\.yaml:5:5: /)
  }, 30_000)

  it('a fault step makes the next call fail like Telegram, and the bot is seen getting the 429', async () => {
    await save(
      'fault.scenario.yaml',
      [
        'name: flood wait',
        'chats:',
        '  ada: { firstName: Ada }',
        'steps:',
        '  - fault: { method: sendMessage, errorCode: 429, retryAfter: 2 }',
        '  - fault: { method: getChat, errorCode: 500 }',
        '  - send: { chat: ada, text: /start }',
        '  - expectCall: { method: sendMessage, errorCode: 429 }',
        '  - expectNoReply: { chat: ada, within: 300ms }',
        '',
      ].join('\n'),
    )
    // The user's own fault (Faults panel) outlives the run; the scenario's unused one does not.
    const mine = await json('/simulator/faults', {
      method: 'POST',
      body: JSON.stringify({ method: 'sendPhoto', errorCode: 400, forMs: 600_000 }),
    })
    const r = await run(['fault.scenario.yaml'])
    expect(r.body.results[0].steps.map((s: any) => s.status)).toEqual(Array(5).fill('passed'))
    const left = (await json('/simulator/faults')).body.items.map((f: any) => f.method)
    expect(left).toEqual(['sendPhoto'])
    await json(`/simulator/faults/${mine.body.id}`, { method: 'DELETE' })
  }, 30_000)

  it('says what to do when no simulated bot is connected', async () => {
    const other = await startTestCore()
    try {
      const res = await other.api('/scenarios/runs', { method: 'POST', body: '{}' })
      expect(res.status).toBe(409)
      expect((await res.json()).error.message).toMatch(/No bot is connected to the simulator.*\/bot-api/)
    } finally {
      await other.close()
    }
  })
})

describe('recording', () => {
  it('records a simulator chat live and the saved recording replays green against the same bot', async () => {
    const chat = (
      await json('/simulator/chats', {
        method: 'POST',
        body: JSON.stringify({ firstName: 'Grace', username: 'grace' }),
      })
    ).body
    const started = await json('/scenarios/record', {
      method: 'POST',
      body: JSON.stringify({ chatId: chat.id, action: 'start', name: 'recorded greeting' }),
    })
    expect(started.body).toMatchObject({ chatId: chat.id, stoppedAt: null, steps: 0 })
    const say = (text: string) =>
      json(`/simulator/chats/${chat.id}/messages`, { method: 'POST', body: JSON.stringify({ text }) })
    const transcript = async () => (await json(`/simulator/chats/${chat.id}/transcript`)).body.items as any[]
    await say('/start')
    await waitFor(async () => (await transcript()).length === 2, 'the reply to /start')
    await say('/ask')
    await waitFor(async () => (await transcript()).length === 4, 'the keyboard')
    const keyboard = (await transcript())[3]
    await json(`/simulator/chats/${chat.id}/callback`, {
      method: 'POST',
      body: JSON.stringify({ messageId: keyboard.messageId, data: 'yes' }),
    })
    await waitFor(async () => (await transcript()).some((i) => i.text === 'Confirmed'), 'the edit')
    await waitFor(
      async () =>
        (await json(`/bot-calls?method=answerCallbackQuery&chat=${chat.id}&limit=1`)).body.items.length > 0,
      'the callback answer',
    )
    const stopped = await json('/scenarios/record', {
      method: 'POST',
      body: JSON.stringify({ chatId: chat.id, action: 'stop' }),
    })
    expect(stopped.body.stoppedAt).not.toBeNull()
    const yaml = stopped.body.yaml as string
    expect(yaml).toContain('name: recorded greeting')
    expect(yaml).toContain('- send: { chat: grace, text: /start }')
    expect(yaml).toContain('- expect: { chat: grace, text: "Hi, Grace" }')
    expect(yaml).toContain('- expect: { chat: grace, text: Are you sure?, buttons: [ [ Yes, No ] ] }')
    expect(yaml).toContain('- press: { chat: grace, button: Yes }')
    expect(yaml).toContain('- expect: { chat: grace, callbackAnswer: Thanks }')
    expect(yaml).toContain('- expect: { chat: grace, text: Confirmed }')
    expect((await json(`/scenarios/recording/${stopped.body.id}`)).body.yaml).toBe(yaml)

    const saved = await save('recorded.scenario.yaml', yaml)
    expect(saved.body.problems).toEqual([])
    const r = await run(['recorded.scenario.yaml'])
    expect(r.body.results[0].steps.filter((s: any) => s.status !== 'passed')).toEqual([])
  }, 60_000)

  it('turns a chat of the Conversations timeline into a scenario', async () => {
    const chats = (await json('/conversations')).body.items as { chatId: number }[]
    const r = await json('/scenarios/from-conversation', {
      method: 'POST',
      body: JSON.stringify({ chatId: chats[0]!.chatId, name: 'from real traffic' }),
    })
    expect(r.status).toBe(200)
    expect(r.body.steps).toBeGreaterThan(0)
    expect(r.body.yaml).toContain('name: from real traffic')
    const none = await json('/scenarios/from-conversation', {
      method: 'POST',
      body: JSON.stringify({ chatId: 1, to: '2000-01-01T00:00:00Z' }),
    })
    expect(none.status).toBe(404)
  })

  it('stopping a chat that is not recorded is a 404 naming it', async () => {
    const r = await json('/scenarios/record', {
      method: 'POST',
      body: JSON.stringify({ chatId: 42, action: 'stop' }),
    })
    expect(r.status).toBe(404)
    expect(r.body.error.message).toBe('No recording is running for chat 42')
  })
})
