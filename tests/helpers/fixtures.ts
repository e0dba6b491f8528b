import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Path of a test-owned verbatim copy of a ../shared/fixtures file (refreshed by `npm run fixtures:sync`). */
export function fixturePath(relative: string): string {
  return join(import.meta.dirname, '..', 'fixtures', 'shared', relative)
}

export function readFixture(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8')
}
