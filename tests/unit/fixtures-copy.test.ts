import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '../helpers/fixtures'

const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures')

describe('fixture copies', () => {
  it.skipIf(!existsSync(shared))(
    'equal ../shared/fixtures (run npm run fixtures:sync when they differ)',
    () => {
      for (const dir of ['atsd', 'telegram']) {
        for (const file of readdirSync(join(shared, dir))) {
          expect(readFileSync(fixturePath(`${dir}/${file}`), 'utf8'), `${dir}/${file}`).toBe(
            readFileSync(join(shared, dir, file), 'utf8'),
          )
        }
      }
    },
  )
})
