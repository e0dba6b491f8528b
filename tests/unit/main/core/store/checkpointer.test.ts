import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStore } from '../../../../../src/main/core/store'

const pragma = (db: { prepare(sql: string): { get(): unknown } }, sql: string) =>
  Object.values(db.prepare(sql).get() as Record<string, unknown>)[0]

describe('WAL checkpointer', () => {
  it('checkpoints from its worker, never inside a COMMIT of the main connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-ckpt-'))
    const store = createStore(dir)
    const wal = join(dir, 'hookbench.db-wal')
    try {
      expect(pragma(store.db, 'PRAGMA wal_autocheckpoint')).toBe(0)
      const body = new Uint8Array(2048).fill(0x61)
      const insert = store.db.prepare(
        `INSERT INTO requests (received_at, method, path, query, headers, body, body_size, remote_address,
           auth_outcome, status) VALUES (?, 'POST', '/x', '', '{}', ?, 2048, '127.0.0.1', 'ok', 200)`,
      )
      const fill = () =>
        store.writer.write(() => {
          for (let i = 0; i < 1500; i++) insert.run(i, body)
        })
      await fill()
      // Past the 1,000 pages at which SQLite would have checkpointed inside that COMMIT.
      const first = await store.checkpoint()
      expect(first!.log).toBeGreaterThan(1000)
      expect(first!.checkpointed).toBe(first!.log)
      const size = statSync(wal).size
      // Caught up, so the next transaction starts the WAL over instead of growing it.
      await fill()
      expect(statSync(wal).size).toBe(size)
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

  it('is not started for an in-memory store', async () => {
    const store = createStore(':memory:')
    expect(await store.checkpoint()).toBeNull()
    await store.close()
  })
})
