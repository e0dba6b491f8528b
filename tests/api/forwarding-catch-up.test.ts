import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startTestCore, tempDir, type TestCore } from '../helpers/start-core'

// Forwarding's queue at start (forwarding-service.ts start()): requests stored but never queued for the bot
// (a crash between the two, a history from before forwarding) are queued again — the newest 1,000 at most and
// none older than the 24 hours Telegram keeps an update. 1M of them held the start for over a minute.

const DAY_MS = 24 * 60 * 60 * 1000
const dirs: string[] = []
let core: TestCore | null = null
afterEach(async () => {
  await core?.close()
  core = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const pending = async (c: TestCore) =>
  ((await (await c.api('/forwarding')).json()) as { pendingCount: number }).pendingCount

/** Stores Telegram updates as the receiver would have, without the queue seeing them (the process is down). */
function storeBehindTheQueue(dataDir: string, receivedAtMs: number[], firstUpdateId: number) {
  const update = JSON.parse(readFixture('telegram/private-text.json')) as { update_id: number }
  const db = new DatabaseSync(join(dataDir, 'hookbench.db'))
  const insert = db.prepare(
    `INSERT INTO requests (received_at, method, path, query, headers, body_size, remote_address, auth_outcome,
       status, update_id) VALUES (?, 'POST', '/api/v1/messages/webhook/telegram', '', '{}', ?, '127.0.0.1', 'ok', 200, ?)`,
  )
  const body = db.prepare('INSERT INTO request_bodies (request_id, body) VALUES (?, ?)')
  db.exec('BEGIN')
  receivedAtMs.forEach((at, i) => {
    const text = JSON.stringify({ ...update, update_id: firstUpdateId + i })
    body.run(insert.run(at, text.length, firstUpdateId + i).lastInsertRowid, Buffer.from(text))
  })
  db.exec('COMMIT')
  db.close()
}

describe('forwarding at start', () => {
  it('queues the newest 1,000 stored updates it had not queued, and none older than 24 hours', async () => {
    const dataDir = tempDir()
    dirs.push(dataDir)
    core = await startTestCore({ dataDir })
    const connected = await core.api('/telegram/simulator', { method: 'POST', body: '{}' })
    const { token } = (await connected.json()) as { token: string }
    expect(await pending(core)).toBe(0)
    await core.close()

    const now = Date.now()
    storeBehindTheQueue(
      dataDir,
      [now - 3 * DAY_MS, now - 2 * DAY_MS, ...Array.from({ length: 1200 }, () => now - 1000)],
      5000,
    )
    core = await startTestCore({ dataDir })
    expect(await pending(core)).toBe(1000)
    expect(core.logs.join('\n')).toContain('older stored updates were not queued for the bot')
    await core.close()

    // Two days old, then two recent: only the recent ones are queued.
    storeBehindTheQueue(dataDir, [now - 2 * DAY_MS, now - 2 * DAY_MS, now - 500, now - 400], 9000)
    core = await startTestCore({ dataDir })
    expect(await pending(core)).toBe(1002)
    const { botApiProxyUrl } = (await (await core.api('/status')).json()) as { botApiProxyUrl: string }
    const last = await fetch(`${botApiProxyUrl}/bot${token}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offset: -2 }),
    })
    const { result } = (await last.json()) as { result: { update_id: number }[] }
    expect(result.map((u) => u.update_id)).toEqual([9002, 9003])
  })
})
