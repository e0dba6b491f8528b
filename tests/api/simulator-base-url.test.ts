import { readFileSync } from 'node:fs'
import { Bot } from 'grammy'
import { Telegraf } from 'telegraf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { tokenFor } from '../unit/main/core/simulator/sim-harness'

// Every spelling of the simulator's base URL that a client library produces reaches the fake Bot API, and the
// lines docs/simulator.md shows for grammY and Telegraf work exactly as written.
let core: TestCore
let nextBotId = 830_001
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

async function newBot(): Promise<{ token: string; id: number }> {
  const id = nextBotId++
  const token = tokenFor(id)
  const res = await core.api('/simulator/chats', {
    method: 'POST',
    body: JSON.stringify({ botToken: token }),
  })
  expect(res.status).toBe(200)
  return { token, id }
}

/** The apiRoot of the docs' line that constructs `constructor`, pointed at this test's server. */
function documentedApiRoot(constructor: string): string {
  const docs = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8')
  const line = docs.split('\n').find((l) => l.includes(`new ${constructor}(`))
  const root = /apiRoot: '([^']+)'/.exec(line ?? '')?.[1]
  expect(root, `docs/simulator.md has a new ${constructor}(…) line with an apiRoot`).toBeDefined()
  return root!.replace('http://127.0.0.1:8780', core.baseUrl)
}

describe('the simulator base URL', () => {
  it.each(['/sim/bot', '/sim//bot', '/bot'])('answers getMe at %s<token>/getMe', async (prefix) => {
    const { token, id } = await newBot()
    const res = await fetch(`${core.baseUrl}${prefix}${token}/getMe`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { result: { id: number } }).result.id).toBe(id)
  })

  it('runs grammY with the documented apiRoot', async () => {
    const { token, id } = await newBot()
    const bot = new Bot(token, { client: { apiRoot: documentedApiRoot('Bot') } })
    expect((await bot.api.getMe()).id).toBe(id)
  })

  it('runs Telegraf with the documented apiRoot, and without its trailing slash', async () => {
    const { token, id } = await newBot()
    const documented = documentedApiRoot('Telegraf')
    for (const apiRoot of [documented, documented.replace(/\/$/, '')]) {
      const bot = new Telegraf(token, { telegram: { apiRoot } })
      expect((await bot.telegram.getMe()).id).toBe(id)
    }
  })

  it('leaves a root path that is no bot call to Hookbench (its own 404)', async () => {
    const res = await fetch(`${core.baseUrl}/botnothing/getMe`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { kind: string } }).error.kind).toBe('not_found')
  })
})
