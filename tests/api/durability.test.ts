import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { serve, type Served } from '../helpers/serve'

// SPEC "Non-functional targets": zero acknowledged requests lost on a hard kill. An acknowledgement (2xx)
// means the request's batch has committed (store/writer.ts); WAL + synchronous=NORMAL keeps a committed
// transaction through a killed process, so every acknowledged request must be there after a restart.

const CLI = join(import.meta.dirname, '..', '..', 'out', 'main', 'cli.js')
const BUILT = existsSync(CLI)
if (!BUILT) console.warn(`durability test skipped: ${CLI} is missing (run \`npm run build\` first)`)

const USER = { name: 'telegram', password: 'durability-pw-1' }
const AUTH = `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`
const CONCURRENCY = 8
/** Kill once this many requests have been acknowledged in the round: early, mid-stream, later. */
const KILL_AFTER_ACKS = [25, 150, 400]

const fixture = readFixture('telegram/private-text.json')
const [bodyHead, bodyTail] = fixture.split('815196407') as [string, string]
const updateBody = (updateId: number) => `${bodyHead}${updateId}${bodyTail}`

interface Ack {
  updateId: number
  id: number
  round: number
}

let dataDir = ''
const started: Served[] = []
afterAll(async () => {
  // A failed assertion must not leave a server behind.
  for (const hb of started)
    if (hb.process.exitCode === null && hb.process.signalCode === null) await hb.kill()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function start() {
  const hb = await serve(['--webhook-user', `${USER.name}:${USER.password}`, '--log-level', 'warn'], {
    dataDir,
  })
  started.push(hb)
  return hb
}

function api(hb: Served, path: string) {
  return fetch(`${hb.baseUrl}/api${path}`, { headers: { authorization: `Bearer ${hb.token}` } })
}

function send(hb: Served, updateId: number) {
  return fetch(`${hb.webhookUrl}/telegram?command.message=message.text`, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: updateBody(updateId),
    signal: AbortSignal.timeout(10_000),
  })
}

/**
 * CONCURRENCY senders post distinct updates until the process dies; the round's kill lands as soon as
 * `killAfter` requests were acknowledged, while the other senders still have requests in flight.
 */
async function streamUntilKilled(hb: Served, round: number, killAfter: number, nextId: { v: number }) {
  const acks: Ack[] = []
  let unacknowledged = 0
  let killing: Promise<void> | null = null
  const sender = async () => {
    while (!killing) {
      const updateId = nextId.v++
      try {
        const res = await send(hb, updateId)
        const body = (await res.json()) as { id?: number }
        if (res.status >= 200 && res.status < 300 && typeof body.id === 'number') {
          acks.push({ updateId, id: body.id, round })
          if (acks.length >= killAfter) killing ??= hb.kill()
        } else unacknowledged++
      } catch {
        // Connection reset by the kill: never acknowledged, so nothing is promised for it.
        unacknowledged++
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, sender))
  await killing
  return { acks, unacknowledged }
}

function integrityCheck(): string {
  const db = new DatabaseSync(join(dataDir, 'hookbench.db'))
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check).join('; ')
  } finally {
    db.close()
  }
}

/** Every acknowledged request, read back over the API with its message command. Returns what is missing. */
async function missing(hb: Served, acks: Ack[]) {
  const lost: (Ack & { problem: string })[] = []
  const queue = [...acks]
  const checker = async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      const res = await api(hb, `/requests/${a.id}`)
      if (res.status !== 200) {
        lost.push({ ...a, problem: `GET /api/requests/${a.id} answered ${res.status}` })
        continue
      }
      const d = (await res.json()) as { updateId: number | null; command: unknown; status: number }
      if (d.updateId !== a.updateId) lost.push({ ...a, problem: `stored update_id ${d.updateId}` })
      else if (d.command === null) lost.push({ ...a, problem: 'stored without its message command' })
      else if (d.status !== 200) lost.push({ ...a, problem: `stored with status ${d.status}` })
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, checker))
  return lost
}

describe.skipIf(!BUILT)('hookbench serve under SIGKILL (needs npm run build)', () => {
  it('keeps every acknowledged webhook, with its message, across kills mid-stream, and serves again after each restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hb-durability-'))
    const all: Ack[] = []
    const nextId = { v: 1_000_000 }
    for (const [round, killAfter] of KILL_AFTER_ACKS.entries()) {
      const hb = await start()
      // Everything acknowledged in earlier rounds survived the previous kill.
      expect(await missing(hb, all)).toEqual([])
      const { acks } = await streamUntilKilled(hb, round, killAfter, nextId)
      expect(acks.length).toBeGreaterThanOrEqual(killAfter)
      all.push(...acks)
      // Opened cold, right after the kill (this also replays the WAL, as the next start would).
      expect(integrityCheck()).toBe('ok')
    }

    const hb = await start()
    try {
      expect(await missing(hb, all)).toEqual([])
      // The receiver accepts traffic again, and what it acknowledges is stored.
      const res = await send(hb, nextId.v++)
      expect(res.status).toBe(200)
      const { id } = (await res.json()) as { id: number }
      expect(await missing(hb, [{ updateId: nextId.v - 1, id, round: KILL_AFTER_ACKS.length }])).toEqual([])
    } finally {
      expect(await hb.stop()).toBe(0)
    }
    expect(integrityCheck()).toBe('ok')
  }, 60_000)
})
