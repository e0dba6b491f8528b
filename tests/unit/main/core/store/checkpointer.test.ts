import { closeSync, existsSync, mkdtempSync, openSync, readSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStore, type Store } from '../../../../../src/main/core/store'
import {
  startCheckpointer,
  walRestartGate,
  type CheckpointStats,
} from '../../../../../src/main/core/store/checkpointer'

const pragma = (db: { prepare(sql: string): { get(): unknown } }, sql: string) =>
  Object.values(db.prepare(sql).get() as Record<string, unknown>)[0]

/** A function that writes `rows` requests with `bodyBytes`-byte bodies in one write, as a flush of them. */
function writeRows(store: Store, rows: number, bodyBytes: number) {
  const body = new Uint8Array(bodyBytes).fill(0x61)
  const insert = store.db.prepare(
    `INSERT INTO requests (received_at, method, path, query, headers, body_size, remote_address,
       auth_outcome, status) VALUES (?, 'POST', '/x', '', '{}', ?, '127.0.0.1', 'ok', 200)`,
  )
  const insertBody = store.db.prepare('INSERT INTO request_bodies (request_id, body) VALUES (?, ?)')
  return (n = 0) =>
    store.writer.write(() => {
      for (let i = 0; i < rows; i++) insertBody.run(insert.run(n, bodyBytes).lastInsertRowid, body)
    })
}

describe('WAL checkpointer', () => {
  it('checkpoints from its worker, never inside a COMMIT of the main connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-ckpt-'))
    // Checkpoints only when asked, and no search indexing: a write between the checkpoint and the next fill
    // (the indexer's) or a checkpoint as it begins keeps the WAL from starting over, which is what is checked.
    const store = createStore(dir, 'normal', {
      checkpointIntervalMs: 3_600_000,
      searchIndex: { intervalMs: 3_600_000 },
    })
    const wal = join(dir, 'hookbench.db-wal')
    try {
      expect(pragma(store.db, 'PRAGMA wal_autocheckpoint')).toBe(0)
      const fill = writeRows(store, 1500, 2048)
      await fill()
      // Past the 1,000 pages at which SQLite would have checkpointed inside that COMMIT.
      const first = await store.checkpoint()
      expect(first!.log).toBeGreaterThan(1000)
      expect(first!.checkpointed).toBe(first!.log)
      const size = statSync(wal).size
      // Caught up, so the next transaction starts the WAL over instead of growing it.
      await fill()
      expect(statSync(wal).size).toBeLessThanOrEqual(size)
      expect((await store.checkpoint())!.checkpointed).toBeGreaterThan(1000)
    } finally {
      await store.close()
    }
    // The worker's connection closes first, so the main one is the last and removes the WAL.
    expect(existsSync(wal)).toBe(false)
    const reopened = createStore(dir)
    expect(reopened.requests.count()).toBe(3000)
    await reopened.close()
  })

  it('makes the WAL start over under a steady stream of writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-ckpt-'))
    // A generous hold limit: under a CI run's CPU contention the worker can be slow to finish the last copy,
    // and a hold cut short (100 ms by default) just means the WAL does not start over that time.
    const store = createStore(dir, 'normal', {
      checkpointIntervalMs: 10,
      walRestartBytes: 256 * 1024,
      walHoldLimitMs: 10_000,
    })
    const wal = join(dir, 'hookbench.db-wal')
    // The WAL header's checkpoint sequence number goes up each time the WAL starts over.
    const sequence = () => {
      const fd = openSync(wal, 'r')
      try {
        const header = Buffer.alloc(16)
        readSync(fd, header, 0, 16, 0)
        return header.readUInt32BE(12)
      } finally {
        closeSync(fd)
      }
    }
    try {
      const batch = writeRows(store, 50, 1024)
      await batch(0)
      await store.checkpoint() // the worker is up
      const first = sequence()
      // Written back to back, the periodic checkpoints never find the writer idle: without the gate the WAL
      // only grows (it reached 638 MB in 20 s under the benchmark). Until it has started over twice, or 20 s.
      let n = 1
      const until = Date.now() + 20_000
      while (sequence() < first + 2 && Date.now() < until) await batch(n++)
      expect(sequence()).toBeGreaterThanOrEqual(first + 2)
      expect(store.requests.count()).toBe(n * 50)
    } finally {
      await store.close()
    }
  })

  it('asks for a catch-up checkpoint past the limit, then holds one flush for the last one', async () => {
    const asked: ((v: CheckpointStats) => void)[] = []
    const cp = {
      walFrames: 0,
      now: () => new Promise<CheckpointStats>((resolve) => asked.push(resolve)),
    }
    const gate = walRestartGate(cp, 4096, 4096 * 100)
    expect(gate()).toBeNull()
    cp.walFrames = 100
    // Past the limit: a checkpoint runs while writes go on.
    expect(gate()).toBeNull()
    expect(asked).toHaveLength(1)
    expect(gate()).toBeNull() // not twice
    expect(asked).toHaveLength(1)
    asked[0]!({ log: 100, checkpointed: 100 })
    await Promise.resolve()
    // Caught up: the next flush waits for one more checkpoint, then flushes go on.
    const hold = gate()
    expect(hold).toBeInstanceOf(Promise)
    expect(asked).toHaveLength(2)
    cp.walFrames = 0
    expect(gate()).toBeNull()
  })

  it('answers at once when its thread is gone, so the writer never waits on it', async () => {
    const errors: string[] = []
    const cp = startCheckpointer(join(tmpdir(), 'no-such-dir-hb', 'x', 'hookbench.db'), (m) => errors.push(m))
    expect(await cp.now()).toEqual({ log: -1, checkpointed: -1 })
    expect(await cp.now()).toEqual({ log: -1, checkpointed: -1 })
    expect(errors.join()).toMatch(/unable to open database file/)
    await cp.close()
  })

  it('is not started for an in-memory store', async () => {
    const store = createStore(':memory:')
    expect(await store.checkpoint()).toBeNull()
    await store.close()
  })
})
