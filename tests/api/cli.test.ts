import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serve } from '../helpers/serve'

const CLI = join(import.meta.dirname, '..', '..', 'out', 'main', 'cli.js')
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 })

describe.skipIf(!existsSync(CLI))('hookbench serve (built CLI)', () => {
  it('documents every flag in --help', () => {
    const r = run('serve', '--help')
    expect(r.status).toBe(0)
    for (const flag of [
      '--host',
      '--port',
      '--data-dir',
      '--token',
      '--webhook-user',
      '--allow-anonymous',
      '--no-tunnel',
      '--log-level',
    ]) {
      expect(r.stdout).toContain(flag)
    }
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--webhook-user', 'nocolon'], /--webhook-user must be NAME:PASSWORD/],
    [['--webhook-user', 'bob:short'], /--webhook-user bob: password: Use at least 8 characters/],
    [['--log-level', 'loud'], /--log-level must be one of/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = run('serve', ...args)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toContain('short')
  })

  it('prints its URLs, serves webhooks, and on SIGTERM finishes and closes the database cleanly', async () => {
    const s = await serve(['--webhook-user', 'telegram:secret-pw-1'])
    const auth = `Basic ${Buffer.from('telegram:secret-pw-1').toString('base64')}`
    expect(s.stdout()).toMatch(/^Webhook URL: http:\/\/127\.0\.0\.1:\d+\/api\/v1\/messages\/webhook/m)
    expect(s.uiUrl).toMatch(/\?token=e2e-token/)
    const res = await fetch(`${s.webhookUrl}/cli?entity=e&debug=true`, { headers: { authorization: auth } })
    expect(res.status).toBe(200)
    const code = await s.stop()
    expect(code).toBe(0)
    expect(s.stderr()).toContain('"msg":"stopped"')
    expect(s.stderr()).not.toContain('secret-pw-1')
  })
})
