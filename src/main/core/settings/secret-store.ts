import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DataFileError } from '@shared/errors'

/**
 * Where secrets live (bot tokens, ngrok authtoken). Settings only record that a secret exists.
 * Implementations: OS keychain via safeStorage (Electron shell), an owner-only file (headless), memory (tests).
 */
export interface SecretStore {
  get(name: string): string | undefined
  set(name: string, value: string): void
  delete(name: string): void
  has(name: string): boolean
}

export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const map = new Map(Object.entries(initial))
  return {
    get: (n) => map.get(n),
    set: (n, v) => void map.set(n, v),
    delete: (n) => void map.delete(n),
    has: (n) => map.has(n),
  }
}

/**
 * A JSON file readable by its owner only (0600). `encode`/`decode` let the Electron shell wrap each value
 * with safeStorage, so the same file format serves both shells.
 *
 * A file that exists but is not a JSON object of strings is never taken for empty (its bot tokens and ngrok
 * authtoken would be silently gone, and the next `set` would overwrite it with only itself): creating the
 * store throws an DataFileError naming the file and the fix, and every later read or write throws too,
 * so the file is never overwritten while it cannot be read.
 */
export function createFileSecretStore(
  dataDir: string,
  codec: { encode(v: string): string; decode(v: string): string } = { encode: (v) => v, decode: (v) => v },
): SecretStore {
  const path = join(dataDir, 'secrets.json')
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {}
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'))
    } catch (err) {
      throw unreadable(path, (err as Error).message, err)
    }
    const isStrings =
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string')
    if (!isStrings) throw unreadable(path, 'it is not a JSON object of names to strings')
    return parsed as Record<string, string>
  }
  read()
  const write = (all: Record<string, string>) => {
    const tmp = `${path}.tmp`
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 })
    chmodSync(tmp, 0o600)
    renameSync(tmp, path)
  }
  return {
    get(name) {
      const v = read()[name]
      return v === undefined ? undefined : codec.decode(v)
    },
    set(name, value) {
      write({ ...read(), [name]: codec.encode(value) })
    },
    delete(name) {
      const all = read()
      delete all[name]
      write(all)
    },
    has: (name) => name in read(),
  }
}

function unreadable(path: string, why: string, cause?: unknown): DataFileError {
  return new DataFileError(
    path,
    `The secrets file ${path} cannot be read (${why}). Hookbench stops rather than overwrite it: ` +
      `restore it from a backup or fix its JSON, or move it aside (mv ${path} ${path}.broken) to start without ` +
      'the bot tokens and ngrok authtoken it held (then enter them again).',
    { cause },
  )
}
