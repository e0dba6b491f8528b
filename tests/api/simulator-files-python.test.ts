import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pngOf } from '../helpers/images'
import { startTestCore, type TestCore } from '../helpers/start-core'
import { tokenFor } from '../unit/main/core/simulator/sim-harness'

// python-telegram-bot 13 (the system Python's, /usr/bin/python3) sends and downloads files through the simulator.
const run = promisify(execFile)
const PYTHON = '/usr/bin/python3'

async function ptbMissing(): Promise<string | null> {
  try {
    await run(PYTHON, ['-c', 'import telegram'])
    return null
  } catch (err) {
    return `python-telegram-bot is not importable by ${PYTHON}: ${(err as Error).message.split('\n')[0]}`
  }
}

const missing = await ptbMissing()
if (missing) console.log(`skipping the python-telegram-bot files test: ${missing}`)

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

describe.skipIf(missing !== null)('python-telegram-bot 13 and files', () => {
  it('sends a photo and a document and downloads both through getFile', async () => {
    const token = tokenFor(871_001)
    const res = await core.api('/simulator/chats', {
      method: 'POST',
      body: JSON.stringify({ botToken: token, firstName: 'Guido' }),
    })
    const chat = (await res.json()) as { id: number }
    const png = join(core.dataDir, 'ptb.png')
    writeFileSync(png, pngOf(33, 22))
    const script = new URL('../fixtures/bots/ptb13-files.py', import.meta.url).pathname
    const { stdout } = await run(PYTHON, [script, core.baseUrl, token, String(chat.id), png], {
      timeout: 60_000,
    })
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      width: 33,
      height: 22,
      caption: 'from python',
      photo_same: true,
      document: 'hello.txt',
      mime_type: 'text/plain',
      doc_same: true,
      error: 'Wrong remote file identifier specified: wrong character in the string',
    })
  })
})
