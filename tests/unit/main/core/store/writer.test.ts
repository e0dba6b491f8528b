import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { createWriter } from '../../../../../src/main/core/store/writer'

function setup() {
  const db = new DatabaseSync(':memory:')
  db.exec('CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT NOT NULL UNIQUE)')
  const writer = createWriter(db)
  const add = (what: string) => () => db.prepare('INSERT INTO log (what) VALUES (?)').run(what)
  const order = () =>
    (db.prepare('SELECT what FROM log ORDER BY id').all() as { what: string }[]).map((r) => r.what)
  return { db, writer, add, order }
}

const busy = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end);
}

describe('writer priorities', () => {
  it("commits a flush's `now` writes before the background ones queued ahead of them", async () => {
    const { writer, add, order } = setup()
    const done = [
      writer.write(add('engine 1'), 'background'),
      writer.write(add('webhook 1')),
      writer.write(add('engine 2'), 'background'),
      writer.write(add('webhook 2')),
    ]
    await Promise.all(done)
    expect(order()).toEqual(['webhook 1', 'webhook 2', 'engine 1', 'engine 2'])
  })

  it('spreads background writes over flushes past the budget, in order, letting new `now` writes in between', async () => {
    const { writer, add, order } = setup()
    const engine = Array.from({ length: 6 }, (_, i) =>
      writer.write(() => {
        busy(1.5)
        add(`engine ${i}`)()
      }, 'background'),
    )
    // Queued while the first flush runs its background budget: it goes ahead of the rest of them.
    await new Promise((r) => setImmediate(r))
    await writer.write(add('webhook'))
    await Promise.all(engine)
    const log = order()
    expect(log.filter((w) => w.startsWith('engine'))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `engine ${i}`))
    expect(log.indexOf('webhook')).toBeGreaterThan(0)
    expect(log.indexOf('webhook')).toBeLessThan(5)
  })

  it('loses no background neighbour when one of them fails, and close() waits for all of them', async () => {
    const { writer, add, order } = setup()
    const results = [
      writer.write(add('a'), 'background'),
      writer.write(add('a'), 'background'), // UNIQUE violation
      writer.write(add('b'), 'background'),
    ]
    const closed = writer.close()
    const settled = await Promise.allSettled(results)
    await closed
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(order()).toEqual(['a', 'b'])
    await expect(writer.write(add('c'))).rejects.toThrow(/closed/)
  })
})
