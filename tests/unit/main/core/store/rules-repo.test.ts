import { describe, expect, it } from 'vitest'
import type { RuleInput } from '@shared/rules'
import { createStore } from '../../../../../src/main/core/store'

describe('rules repo: windows', () => {
  it('skips the window of a rule that is gone, without failing the flush it is part of', async () => {
    const store = createStore(':memory:')
    try {
      store.rules.upsert('r1', { name: 'r1', condition: 'true' } as RuleInput, 1)
      await store.writer.write(() => {
        store.rules.saveWindow('gone', 'box', { entries: [] }, 2)
        store.rules.saveWindow('r1', 'box', { entries: [1] }, 2)
      }, 'background')
      expect(store.rules.loadWindows('r1')).toEqual([{ key: 'box', state: { entries: [1] } }])
      expect(store.rules.loadWindows('gone')).toEqual([])
    } finally {
      await store.close()
    }
  })
})
