import { existsSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const out = join(import.meta.dirname, '..', '..', '..', 'out')
const require = createRequire(import.meta.url)

interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  severity: { name: string }
  confidence: { name: string }
  description?: string
}

/**
 * @doyensec/electronegativity fetches translations and Electron release data with `got`; tests never touch
 * the network, so `got` is replaced by an immediate rejection while it runs (it then uses its bundled
 * English strings), and the release check that needs the network is excluded.
 */
async function scan(input: string): Promise<Issue[]> {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown }
  const original = loader._load
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'got') return () => Promise.reject(new Error('offline: tests never touch the network'))
    return original.call(this, request, ...rest)
  }
  try {
    const run = require('@doyensec/electronegativity/dist/runner.js') as (
      o: object,
      cli: boolean,
    ) => Promise<{ issues: Issue[] }>
    const result = await run(
      {
        input,
        electronVersionOverride: '45.5.0',
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        isRelative: true,
      },
      false,
    )
    return result.issues
  } finally {
    loader._load = original
  }
}

describe('Electron configuration scan (electronegativity)', () => {
  it.skipIf(!existsSync(join(out, 'main', 'index.js')))(
    'finds no high-severity issue in the built app (npm run build first)',
    async () => {
      const issues = await scan(out)
      for (const i of issues) {
        console.log(`${i.severity.name}/${i.confidence.name} ${i.id} ${i.file}:${i.location.line}`)
      }
      const high = issues.filter((i) => i.severity.name === 'HIGH')
      expect(high.map((i) => `${i.id} ${i.file}:${i.location.line}`)).toEqual([])
    },
    60_000,
  )
})
