import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { createLogger, startCore, type Core, type CoreOptions } from '../../src/main/core'

export const TEST_TOKEN = 'test-token-0123456789'
export const TEST_USER = { name: 'telegram', password: 'hunter2-secret-pw' }

/** Test responses: `json()` typed loosely, so assertions can walk the payload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> }

export interface TestCore extends Core {
  dataDir: string
  /** Every log line the core wrote (for "secrets never appear in logs" checks). */
  logs: string[]
  api(path: string, init?: RequestInit): Promise<JsonResponse>
  webhook(
    path: string,
    init?: RequestInit & { auth?: { name: string; password: string } | null },
  ): Promise<JsonResponse>
  close(): Promise<void>
}

export function tempDir(prefix = 'hb-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Starts the real core on 127.0.0.1:0 with a temp data dir, a known token and one webhook user. */
export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir()
  const logs: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString())
      cb()
    },
  })
  const core = await startCore({
    port: 0,
    token: TEST_TOKEN,
    webhookUsers: [TEST_USER],
    log: createLogger({ level: 'debug', destination: sink }),
    ...options,
    dataDir,
  })
  const basic = (u: { name: string; password: string }) =>
    `Basic ${Buffer.from(`${u.name}:${u.password}`).toString('base64')}`
  return Object.assign(core, {
    dataDir,
    logs,
    api(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers)
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_TOKEN}`)
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json')
      return fetch(`${core.baseUrl}/api${path}`, { ...init, headers })
    },
    webhook(path: string, init: RequestInit & { auth?: { name: string; password: string } | null } = {}) {
      const { auth = TEST_USER, ...rest } = init
      const headers = new Headers(rest.headers)
      if (auth) headers.set('authorization', basic(auth))
      return fetch(`${core.webhookUrl}${path}`, { ...rest, headers })
    },
    async close() {
      await core.stop()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  })
}
