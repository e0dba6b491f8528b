import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Served {
  process: ChildProcess
  baseUrl: string
  webhookUrl: string
  uiUrl: string
  token: string
  dataDir: string
  stdout: () => string
  stderr: () => string
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL (crash tests). */
  kill(): Promise<void>
}

const CLI = join(import.meta.dirname, '..', '..', 'out', 'main', 'cli.js')

/** Runs the built `hookbench serve` (npm run build first) on 127.0.0.1 with its own data dir; resolves when it prints its URLs. */
export async function serve(
  args: string[] = [],
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Served> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hb-serve-'))
  const token = 'e2e-token-0123456789'
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--token', token, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  )
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hookbench serve did not start:\n${out}\n${err}`)),
      20_000,
    )
    const check = () => {
      if (/^UI: /m.test(out)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`hookbench serve exited with ${code}:\n${out}\n${err}`))
    })
  })
  const baseUrl = /listening on (\S+)/.exec(out)![1]!
  return {
    process: child,
    baseUrl,
    webhookUrl: `${baseUrl}/api/v1/messages/webhook`,
    uiUrl: /^UI: (\S+)/m.exec(out)![1]!,
    token,
    dataDir,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      const code = await exited
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
      return code
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}
