import { describe, expect, it } from 'vitest'
import { startSimHarness, tokenFor } from './sim-harness'

describe('Bot API plugin', () => {
  it('lets the server close while a getUpdates is held, answering it with no updates', async () => {
    const h = await startSimHarness()
    const token = tokenFor(940001)
    await h.sim.createBot(token)
    expect((await h.call(token, 'getMe')).status).toBe(200)
    const held = h.call(token, 'getUpdates', { timeout: 50 }).then(
      (r) => r.status,
      () => 'connection closed',
    )
    await h.close()
    // Answered [] if it was held, or refused while closing if it arrived late: never a 50 s wait.
    expect([200, 503, 'connection closed']).toContain(await held)
  })

  it('answers a body it cannot parse in the envelope', async () => {
    const h = await startSimHarness()
    try {
      const res = await h.call(tokenFor(940002), 'getMe', undefined, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken',
      })
      expect([res.status, res.headers.get('content-type'), res.body]).toEqual([
        400,
        'application/json',
        { ok: false, error_code: 400, description: "Bad Request: can't parse JSON object" },
      ])
    } finally {
      await h.close()
    }
  })
})
