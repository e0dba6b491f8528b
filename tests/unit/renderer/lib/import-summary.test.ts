import { describe, expect, it } from 'vitest'
import type { ImportResult } from '@shared/rules-api'
import { importSummary } from '@renderer/lib/import-summary'

const rule = (status: ImportResult['rules'][number]['status']) => ({
  name: status,
  status,
  id: null,
  fields: [],
  error: null,
})
const endpoint = (name: string) => ({ name, fields: [] })

describe('importSummary', () => {
  it('says "1 endpoint", not "1 endpoints"', () => {
    const result = { rules: [rule('imported')], endpoints: [endpoint('a')], warnings: [] }
    expect(importSummary(result)).toBe('1 imported, 1 endpoint')
  })

  it('counts replaced, skipped and several endpoints', () => {
    const result = {
      rules: [rule('imported_disabled'), rule('replaced'), rule('skipped')],
      endpoints: [endpoint('a'), endpoint('b')],
      warnings: [],
    }
    expect(importSummary(result)).toBe('1 imported, 1 replaced, 1 skipped, 2 endpoints')
  })
})
