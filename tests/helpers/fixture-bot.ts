import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export const BOTS_DIR = join(import.meta.dirname, '..', 'fixtures', 'bots')

export interface FixtureBot {
  process: ChildProcess
  stderr: () => string
  stop(): Promise<void>
}

/**
 * Starts an example bot of tests/fixtures/bots (`greeter-bot.js`, …) as `hookbench test --bot` would: its token
 * and Bot API root (Hookbench's proxy) in the environment. Resolves once it is running; `waitPolling` waits for
 * its first getUpdates through the proxy.
 */
export function startFixtureBot(name: string, env: { BOT_TOKEN: string; BOT_API_ROOT: string }): FixtureBot {
  const child = spawn(process.execPath, [join(BOTS_DIR, name)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    process: child,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Waits until `probe` answers true (polling every 25 ms), or fails after `ms` with `what`. */
export async function waitFor(probe: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
