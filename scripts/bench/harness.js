// What the bench's sections share (scripts/bench/index.js runs them): the settings from the environment,
// the results (record, skip, round, median, percentile), the child processes (`hookbench serve` and the
// others), /proc readings, the API client, the ~1 KB Telegram update the receiver takes, and a store seeded
// with N requests (scale, ui). One copy of each.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const CLI = join(ROOT, 'out', 'main', 'cli.js')
export const TOKEN = 'bench-token-0123456789'
const WEBHOOK_USER = { name: 'telegram', password: 'bench-pass-1' }
export const BASIC = `Basic ${Buffer.from(`${WEBHOOK_USER.name}:${WEBHOOK_USER.password}`).toString('base64')}`
export const WEBHOOK_PATH = '/api/v1/messages/webhook/telegram?command.message=message.text'
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10)
export const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2)
export const CONNECTIONS = 20
export const RULES = Number(process.env.BENCH_RULES ?? 100)
export const SELECTED_SETS = (process.env.BENCH_RULE_SETS ?? 'one-fires,all-fire').split(',')
export const FULL = process.env.BENCH_FULL === '1'
export const PROFILE_DIR = process.env.BENCH_PROFILE_DIR
/** How long a child server may take to print that it listens (BENCH_START_TIMEOUT_S). */
const START_TIMEOUT_S = Number(process.env.BENCH_START_TIMEOUT_S ?? 20)
/** How long update_to_reply and bot_loop wait for one reply or forwarded update. */
export const REPLY_TIMEOUT_MS = 5_000

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
export const tempDir = (prefix) => mkdtempSync(join(tmpdir(), prefix))
export const removeDir = (dir) => rmSync(dir, { recursive: true, force: true })
/** The machine's load average (1, 5, 15 min), to two decimals: other work moves every absolute figure. */
export const loadAverage = () => loadavg().map((l) => Math.round(l * 100) / 100)

// ---------------------------------------------------------------------------------------------------------
// Results: one line per figure on stdout, all of them in the JSON file.

export const figures = []

/** Prints `name: value unit (target …)` (or `(note)` for a figure without a target) and keeps it for the JSON. */
export function record(name, value, unit, target = null, ok = null, extra = {}) {
  const shown = typeof value === 'number' ? round(value) : value
  const targetText = target ? ` (target ${target}${ok === null ? '' : ok ? ': met' : ': MISSED'})` : ''
  const noteText = !target && extra.note ? ` (${extra.note})` : ''
  console.log(`${name}: ${shown}${unit ? ` ${unit}` : ''}${targetText}${noteText}`)
  figures.push({ name, value: shown, unit, target, ok, ...extra })
}

export function skip(name, reason) {
  console.log(`${name}: skipped (${reason})`)
  figures.push({ name, value: null, unit: null, skipped: reason })
}

export function round(n) {
  if (!Number.isFinite(n)) return n
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** The `q` quantile (0.99: p99) of an ascending list: its element at floor(q · length). */
export const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

// ---------------------------------------------------------------------------------------------------------
// Child processes.

/** Spawns a server child and resolves once it prints `listening on URL`. */
export function startChild(args, label) {
  const child = spawn(process.execPath, [...nodeArgs(args), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d.toString()))
  // Logs go to stderr; keep only the tail for error messages.
  child.stderr.on('data', (d) => {
    if (process.env.BENCH_DEBUG_STDERR) process.stderr.write(d)
    err = (err + d.toString()).slice(-8000)
  })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${label} did not start within ${START_TIMEOUT_S} s:\n${out}\n${err}`))
    }, START_TIMEOUT_S * 1000)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited with ${code} before listening:\n${out}\n${err}`))
    })
    const check = () => {
      const m = /listening on (\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout.off('data', check)
      resolve({
        pid: child.pid,
        baseUrl: m[1],
        stdout: () => out,
        stderr: () => err,
        /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
        async stop(graceMs = 10_000) {
          if (child.exitCode !== null || child.signalCode !== null) return exited
          child.kill('SIGTERM')
          const t = setTimeout(() => child.kill('SIGKILL'), graceMs)
          const code = await exited
          clearTimeout(t)
          return code
        },
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
          return exited
        },
      })
    }
    child.stdout.on('data', check)
  })
}

const nodeArgs = (args) =>
  PROFILE_DIR && args[0] === CLI ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []

export const startServe = (dataDir, extra = []) =>
  startChild(
    [
      CLI,
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--token',
      TOKEN,
      '--webhook-user',
      `${WEBHOOK_USER.name}:${WEBHOOK_USER.password}`,
      '--log-level',
      'warn',
      ...extra,
    ],
    'hookbench serve',
  )

/** Waits (up to 5 s) for serve to print a line matching `pattern`; its first group. */
export async function printedLine(hb, pattern) {
  const until = Date.now() + 5_000
  for (;;) {
    const m = pattern.exec(hb.stdout())
    if (m) return m[1]
    if (Date.now() > until) throw new Error(`serve printed no line matching ${pattern}`)
    await sleep(20)
  }
}

/** CPU time (user + system) a process has used, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

export async function api(base, path, init = {}) {
  const res = await fetch(`${base}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
  })
  const text = await res.text()
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} /api${path} answered ${res.status}: ${text.slice(0, 500)}`)
  return JSON.parse(text)
}

// ---------------------------------------------------------------------------------------------------------
// The payload: a realistic ~1 KB Telegram update (the private-text fixture, its text padded).

const fixture = JSON.parse(
  readFileSync(join(ROOT, 'tests', 'fixtures', 'shared', 'telegram', 'private-text.json'), 'utf8'),
)
const TARGET_BODY_BYTES = 1024

const KEYWORD_MARK = 'KWMARK'
/** The keyword rule N of the 'one-fires' set looks for; update N names keyword N mod RULES. */
export const keyword = (n) => `kw${n}x`

export function updateTemplate() {
  const padded = structuredClone(fixture)
  padded.message.text = `${KEYWORD_MARK} ${padded.message.text}`
  const base = JSON.stringify(padded).length
  padded.message.text += ` ${'load average 0.42 0.37 0.31; '.repeat(40)}`.slice(
    0,
    TARGET_BODY_BYTES - base - 1,
  )
  const json = JSON.stringify(padded)
  const [head, rest] = json.split(String(fixture.update_id))
  const [middle, tail] = rest.split(KEYWORD_MARK)
  // Every request gets its own update_id: a repeated one is a Telegram redelivery, which rules never see.
  return {
    bytes: json.length,
    body: (updateId) => `${head}${updateId}${middle}${keyword(updateId % Math.max(1, RULES))}${tail}`,
  }
}

// ---------------------------------------------------------------------------------------------------------
// A store with N requests, filled directly in SQLite (scale, ui).

/**
 * Fills a fresh data dir with `size` stored requests, starts serve on it and runs `use(hb, seedSeconds)`;
 * serve and the dir are gone afterwards, whatever `use` did.
 */
export async function withSeededStore(size, use) {
  return withSeededDir(size, async (dataDir, seedS) => {
    const hb = await startServe(dataDir)
    try {
      return await use(hb, seedS, dataDir)
    } finally {
      await hb.stop()
    }
  })
}

/** A data dir seeded with `size` requests as withSeededStore's, without serve on it (the electron section). */
export async function withSeededDir(size, use) {
  const { DatabaseSync } = await import('node:sqlite')
  const dataDir = tempDir('hb-bench-scale-')
  try {
    const template = await receiverRowTemplate(dataDir)
    const seedStarted = Date.now()
    seedRequests(DatabaseSync, dataDir, size, template)
    return await use(dataDir, (Date.now() - seedStarted) / 1000)
  } finally {
    removeDir(dataDir)
  }
}

/** Starts serve on an empty dir (creating the schema), sends one real update, and keeps its stored rows. */
async function receiverRowTemplate(dataDir) {
  const hb = await startServe(dataDir)
  try {
    const res = await fetch(`${hb.baseUrl}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: updateTemplate().body(1),
    })
    if (res.status !== 200) throw new Error(`the template request answered ${res.status}`)
  } finally {
    await hb.stop()
  }
  const { DatabaseSync } = await import('node:sqlite')
  const db = new DatabaseSync(join(dataDir, 'hookbench.db'))
  try {
    const request = db.prepare('SELECT * FROM requests ORDER BY id DESC LIMIT 1').get()
    const message = db.prepare('SELECT * FROM messages WHERE request_id = ?').get(request.id)
    // Bodies live in request_bodies (migration 018).
    const { body } = db.prepare('SELECT body FROM request_bodies WHERE request_id = ?').get(request.id)
    return { request, body, message }
  } finally {
    db.close()
  }
}

const WORDS = [
  'cpu_busy',
  'disk_used',
  'memfree',
  'nginx',
  'postgres',
  'latency',
  'swap',
  'queue',
  'kafka',
  'redis',
]

/**
 * Inserts `size` requests as the receiver and the search indexer write them (requests, request_bodies, messages,
 * requests_fts), in one transaction.
 */
function seedRequests(DatabaseSync, dataDir, size, { request, body: templateBody, message }) {
  const db = new DatabaseSync(join(dataDir, 'hookbench.db'))
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  const columns = Object.keys(request).filter((c) => c !== 'id')
  const insertRequest = db.prepare(
    `INSERT INTO requests (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
  const insertFts = db.prepare('INSERT INTO requests_fts (rowid, body) VALUES (?, ?)')
  const insertBody = db.prepare('INSERT INTO request_bodies (request_id, body) VALUES (?, ?)')
  const msgColumns = Object.keys(message).filter((c) => c !== 'id')
  const insertMessage = db.prepare(
    `INSERT INTO messages (${msgColumns.join(', ')}) VALUES (${msgColumns.map(() => '?').join(', ')})`,
  )
  const update = JSON.parse(Buffer.from(templateBody).toString('utf8'))
  const tags = JSON.parse(message.tags)
  const nowMs = Date.now()
  db.exec('BEGIN')
  for (let i = 0; i < size; i++) {
    // Newest last, all within the last few hours (retention keeps 30 days by default).
    const receivedAt = nowMs - (size - i) * 10
    const word = WORDS[i % WORDS.length]
    const text = `status of ${word} on host${i % 1000}: seq ${i}`
    update.update_id = 1_000_000 + i
    update.message.message_id = i
    update.message.text = text
    const body = JSON.stringify(update)
    // One request in ten comes from another bot path, so a path filter has something to select.
    const path = i % 10 === 0 ? '/api/v1/messages/webhook/other-bot' : request.path
    const row = {
      ...request,
      received_at: receivedAt,
      path,
      body_size: body.length,
      message_text: text,
      update_id: update.update_id,
    }
    const r = insertRequest.run(...columns.map((c) => row[c]))
    const id = Number(r.lastInsertRowid)
    insertBody.run(id, Buffer.from(body))
    insertFts.run(id, body)
    const msg = {
      ...message,
      request_id: id,
      received_at: receivedAt,
      message: text,
      date: receivedAt,
      tags: JSON.stringify({ ...tags, update_id: String(update.update_id), 'message.text': text }),
    }
    insertMessage.run(...msgColumns.map((c) => msg[c]))
  }
  // The search indexer's watermark: everything seeded is indexed, as after it has caught up.
  db.prepare('UPDATE search_index SET indexed_through = (SELECT max(id) FROM requests)').run()
  db.exec('COMMIT')
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
}

export const sizeLabel = (size) => (size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`)
