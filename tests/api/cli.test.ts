import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

  it('says in --help that the UI link carries the reusable API token, not a one-time one', () => {
    const r = run('serve', '--help')
    expect(r.stdout).not.toMatch(/one-time/i)
    expect(r.stdout).toContain("The UI URL's ?token= is\nthat same API token (reusable for this run")
  })

  it('refuses a second serve on the same data dir: names the holder and exits 2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hb-lock-'))
    const first = await serve([], { dataDir })
    try {
      const second = run('serve', '--port', '0', '--data-dir', dataDir)
      expect(second.status).toBe(2)
      expect(second.stderr).toMatch(
        new RegExp(
          `^hookbench: Data dir ${dataDir} is in use by hookbench process ${first.process.pid} \\(started [^)]+\\): ` +
            'stop it, or pick another folder with --data-dir$',
          'm',
        ),
      )
      expect(second.stdout).not.toContain('UI:')
      expect(await first.stop()).toBe(0)
      expect(existsSync(join(dataDir, 'hookbench.lock'))).toBe(false)
    } finally {
      if (first.process.exitCode === null) await first.kill()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('takes over the lock a killed serve left behind, and says so in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hb-lock-'))
    try {
      const crashed = await serve([], { dataDir })
      await crashed.kill()
      expect(existsSync(join(dataDir, 'hookbench.lock'))).toBe(true)
      const next = await serve([], { dataDir })
      expect(next.stderr()).toContain('taking over a stale data dir lock')
      expect(await next.stop()).toBe(0)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--webhook-user', 'nocolon'], /--webhook-user must be NAME:PASSWORD/],
    [['--webhook-user', 'bob:short'], /--webhook-user bob: password: Use at least 8 characters/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--forward-to', 'ftp://x'], /--forward-to must be an http\(s\) URL/],
    [['--forward-secret', 'short'], /--forward-secret needs --forward-to URL/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = run('serve', ...args)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toContain('short')
  })

  it('prints the Bot API proxy URL and forwards to --forward-to with its secret, never printing the secret', async () => {
    const served = await serve([
      '--simulator',
      '--forward-to',
      'http://127.0.0.1:9/bot-hook',
      '--forward-secret',
      'cli-Secret_42',
    ])
    try {
      expect(served.stdout()).toContain(`Bot API proxy: ${served.baseUrl}/bot-api\n`)
      await expect.poll(() => served.stdout()).toContain('Forwarding updates to http://127.0.0.1:9/bot-hook')
      const state = await (
        await fetch(`${served.baseUrl}/api/forwarding`, {
          headers: { authorization: `Bearer ${served.token}` },
        })
      ).json()
      expect(state).toMatchObject({ mode: 'webhook', setBy: 'user', hasSecretToken: true })
      expect(served.stdout() + served.stderr()).not.toContain('cli-Secret_42')
    } finally {
      await served.stop()
    }
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
