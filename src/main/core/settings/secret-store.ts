import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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
 */
export function createFileSecretStore(
  dataDir: string,
  codec: { encode(v: string): string; decode(v: string): string } = { encode: (v) => v, decode: (v) => v },
): SecretStore {
  const path = join(dataDir, 'secrets.json')
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {}
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    } catch {
      return {}
    }
  }
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
