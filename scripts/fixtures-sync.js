// Refreshes tests/fixtures/shared from ../shared/fixtures (the source of truth); tests read the copy so a
// clean clone passes without ../shared.
import { cpSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const source = join(import.meta.dirname, '..', '..', 'shared', 'fixtures')
if (!existsSync(source)) {
  console.error(`fixtures:sync: ${source} not found`)
  process.exit(1)
}
cpSync(source, join(import.meta.dirname, '..', 'tests', 'fixtures', 'shared'), { recursive: true })
console.log('fixtures synced')
