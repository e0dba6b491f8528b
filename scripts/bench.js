// `npm run bench`: Hookbench's performance figures (SPEC "Non-functional targets"). A benchmark,
// not a test: it prints one line per figure, `name: value unit (target …)`, and writes the whole run as JSON
// to bench-results/bench-<timestamp>.json. Everything listens on 127.0.0.1 and stops by itself.
//
// It drives the BUILT CLI (out/main/cli.js, from `npm run build`) as child processes, so what is measured is
// exactly what `hookbench serve` runs. The bare `node:http` baseline is this same file started with
// `--bare-server`, so both servers get the same process setup.
//
// Environment: BENCH_DURATION_S (default 10), BENCH_WARMUP_S (2), BENCH_FULL=1 adds the 1M-request scale step,
// BENCH_ONLY=receiver,update_to_reply,bot_loop,scale,bundle,ui,simulator,hostile,memory runs only those sections (simulator: the
// same polling echo bot against the simulator and telegram-test-api, scripts/bench-simulator.js;
// BENCH_SIM_SAMPLES), BENCH_RULES (100) the rule count,
// BENCH_RULE_SETS=one-fires,all-fire the rule sets the receiver is measured with (see RULE_SETS),
// BENCH_DEBUG=1 also prints each update → reply latency, CHROMIUM_PATH (/usr/bin/chromium) the browser the ui
// section drives, BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of each `hookbench serve` child there (the
// child is then stopped with SIGTERM, not SIGKILL, so the profile is written). Results: docs/performance.md.
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, createServer, request as httpRequest } from 'node:http'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { simulatorSection } from './bench-simulator.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const TOKEN = 'bench-token-0123456789'
const WEBHOOK_USER = { name: 'telegram', password: 'bench-pass-1' }
const BASIC = `Basic ${Buffer.from(`${WEBHOOK_USER.name}:${WEBHOOK_USER.password}`).toString('base64')}`
const WEBHOOK_PATH = '/api/v1/messages/webhook/telegram?command.message=message.text'
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10)
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2)
const CONNECTIONS = 20
/** Seconds of the paced run (half of what the receiver and the rules sustain). */
const PACED_S = 5
const RULES = Number(process.env.BENCH_RULES ?? 100)
const FULL = process.env.BENCH_FULL === '1'
/** How long the rule pipeline may take to drain the backlog before the figure is taken from what it did. */
const DRAIN_LIMIT_MS = 30_000
const QUERY_SAMPLES = 20

// ---------------------------------------------------------------------------------------------------------
// The baseline: a bare node:http server that reads the body and answers 200. Run as a child of this script.

function bareServer() {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    })
  })
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`bare node:http is listening on http://127.0.0.1:${server.address().port}\n`)
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}

// ---------------------------------------------------------------------------------------------------------
// Results: one line per figure on stdout, all of them in the JSON file.

const figures = []

/** Prints `name: value unit (target …)` (or `(note)` for a figure without a target) and keeps it for the JSON. */
function record(name, value, unit, target = null, ok = null, extra = {}) {
  const shown = typeof value === 'number' ? round(value) : value
  const targetText = target ? ` (target ${target}${ok === null ? '' : ok ? ': met' : ': MISSED'})` : ''
  const noteText = !target && extra.note ? ` (${extra.note})` : ''
  console.log(`${name}: ${shown}${unit ? ` ${unit}` : ''}${targetText}${noteText}`)
  figures.push({ name, value: shown, unit, target, ok, ...extra })
}

function round(n) {
  if (!Number.isFinite(n)) return n
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

// ---------------------------------------------------------------------------------------------------------
// Child processes.

/** Spawns a server child and resolves once it prints `listening on URL`. */
function startChild(args, label) {
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
      reject(new Error(`${label} did not start within 20 s:\n${out}\n${err}`))
    }, 20_000)
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

const PROFILE_DIR = process.env.BENCH_PROFILE_DIR
const nodeArgs = (args) =>
  PROFILE_DIR && args[0] === CLI ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []

const startServe = (dataDir, extra = []) =>
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

const startBare = () => startChild([fileURLToPath(import.meta.url), '--bare-server'], 'bare node:http server')

/** CPU time (user + system) a process has used, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}

/** Resident set size of a process in MB (Linux /proc). */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

async function api(base, path, init = {}) {
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
const keyword = (n) => `kw${n}x`

function updateTemplate() {
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
// Receiver throughput and latency vs bare node:http.

function cannon(url, seconds, update, firstId) {
  let next = firstId
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest(req) {
          req.body = update.body(next++)
          return req
        },
      },
    ],
  }).then((r) => ({ ...r, nextId: next }))
}

/**
 * Open-loop load at a steady `rate`: each request is sent at its own scheduled time (keep-alive connections,
 * as many as are in flight), whatever happened to the ones before, and timed from then to its answer.
 * autocannon's overallRate sends each second's quota at the start of the second, so what it measured was a
 * queue of a whole second's requests, not the latency at that rate.
 */
async function pacedLoad(url, seconds, update, firstId, rate) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  const target = new URL(url)
  const latencies = []
  let next = firstId
  let failed = 0
  const send = () =>
    new Promise((resolve) => {
      const body = update.body(next++)
      const t0 = performance.now()
      const req = httpRequest(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: BASIC,
            'content-type': 'application/json',
            'content-length': body.length,
          },
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t0)
            else failed++
            resolve()
          })
        },
      )
      req.on('error', () => {
        failed++
        resolve()
      })
      req.end(body)
    })
  const inFlight = []
  const start = performance.now()
  const total = Math.round(rate * seconds)
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inFlight.push(send())
  }
  await Promise.all(inFlight)
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? null
  return { p50: at(0.5), p99: at(0.99), sent: total, failed }
}

async function measure(label, url, update, firstId, pid) {
  const warm = await cannon(url, WARMUP_S, update, firstId)
  const cpuBefore = cpuMs(pid)
  const r = await cannon(url, DURATION_S, update, warm.nextId)
  const cpuUsed = cpuMs(pid) - cpuBefore
  const bad = r.non2xx + r.errors + r.timeouts
  if (bad > 0) console.log(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`)
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    // Server CPU per request: steadier than req/s when other work shares the machine.
    cpuUsPerRequest: (cpuUsed * 1000) / Math.max(1, r.requests.total),
    sent: warm.requests.sent + r.requests.sent,
    completed: r.requests.total,
    bad,
    nextId: r.nextId,
  }
}

/**
 * The rule sets the receiver runs under load, 100 rules each (BENCH_RULES), all enabled:
 * - one-fires (the headline): keyword rules, as a bot's rules look. Every message is checked by all of them
 *   and matches one (update N names keyword N mod 100), so it opens that rule's alert and cancels the one the
 *   previous message opened: two transitions per message.
 * - all-fire (the worst case): every rule matches every message, so each message is 100 REPEATs.
 */
const RULE_SETS = {
  'one-fires': {
    prefix: '',
    condition: (i) => `message LIKE '*${keyword(i % RULES)}*'`,
    describe: 'each message matches 1 of them',
    // Each message opens exactly one alert (and cancels the previous one).
    messages: (alerts) => alerts.total,
  },
  'all-fire': {
    prefix: 'all_fire_',
    condition: () => "message LIKE '*cpu*'",
    describe: 'each message matches all of them',
    // Each rule has one alert: 1 (OPEN) + its REPEATs messages; the sum / RULES = messages.
    messages: (alerts) => alerts.items.reduce((n, a) => n + 1 + a.count, 0) / RULES,
  },
}
const SELECTED_SETS = (process.env.BENCH_RULE_SETS ?? 'one-fires,all-fire').split(',')

async function createRules(base, set) {
  for (let i = 1; i <= RULES; i++) {
    await api(base, '/rules', {
      method: 'POST',
      body: JSON.stringify({
        name: `r${i}`,
        filter: "entity = 'telegram'",
        condition: set.condition(i),
        window: 'length(1)',
        actions: [],
      }),
    })
  }
  const rules = await api(base, '/rules')
  const enabled = (rules.items ?? rules).filter((r) => r.enabled).length
  if (enabled !== RULES) throw new Error(`expected ${RULES} enabled rules, found ${enabled}`)
}

/** Messages the rule engine has evaluated so far, counted from the alerts the set's rules opened. */
async function messagesThroughRules(base, set) {
  return set.messages(await api(base, `/alerts?status=all&limit=500`))
}

async function receiverSection() {
  const update = updateTemplate()
  record('update_body', update.bytes, 'bytes')

  const bare = await startBare()
  let bareResult
  try {
    bareResult = await measure(
      'bare',
      `${bare.baseUrl}/api/v1/messages/webhook/telegram`,
      update,
      1,
      bare.pid,
    )
  } finally {
    await bare.stop()
  }
  record('bare_http_rps', bareResult.rps, 'req/s')
  record('bare_http_latency_p50', bareResult.p50, 'ms')
  record('bare_http_latency_p99', bareResult.p99, 'ms')
  record('bare_http_cpu_per_request', bareResult.cpuUsPerRequest, 'µs')
  const sets = RULES > 0 ? SELECTED_SETS : ['one-fires']
  for (const name of sets) {
    const set = RULE_SETS[name]
    if (!set) throw new Error(`BENCH_RULE_SETS: unknown set ${name} (${Object.keys(RULE_SETS).join(', ')})`)
    await receiverWithRules(update, bareResult, set)
  }
}

async function receiverWithRules(update, bareResult, set) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-bench-'))
  const hb = await startServe(dataDir)
  let hbResult
  let pipeline
  let paced
  let pacedRate
  try {
    await createRules(hb.baseUrl, set)
    const startedMs = Date.now()
    hbResult = await measure('hookbench', `${hb.baseUrl}${WEBHOOK_PATH}`, update, 1, hb.pid)
    const receivedMs = Date.now()
    if (RULES > 0) pipeline = await drainRules(hb, set, startedMs, receivedMs)
    // The same load paced at half of what both the receiver and the rules sustain (the rules caught up
    // first): the latency a busy bot sees when nothing is saturated. Past the rules' rate their backlog
    // grows and shares the CPU with the receiver, so that rate, not the receiver's, bounds the pace.
    pacedRate = Math.max(1, Math.round(Math.min(hbResult.rps, pipeline?.rate ?? Infinity) / 2))
    paced = await pacedLoad(`${hb.baseUrl}${WEBHOOK_PATH}`, PACED_S, update, hbResult.nextId, pacedRate)
  } finally {
    // Without waiting for the rule backlog: SIGTERM drains it, which is not what is being measured here.
    await (PROFILE_DIR ? hb.stop(120_000) : hb.kill())
    rmSync(dataDir, { recursive: true, force: true })
  }

  const p = `receiver_${set.prefix}`
  const rules = RULES > 0 ? `${RULES} enabled rules, ${set.describe}` : 'no rules'
  record(`${p}rps`, hbResult.rps, 'req/s', null, null, {
    note: `Basic auth, conversion, storage, ${rules}; ${CONNECTIONS} connections, ${DURATION_S} s`,
  })
  record(`${p}latency_p50`, hbResult.p50, 'ms')
  record(`${p}latency_p99`, hbResult.p99, 'ms', '< 20 ms', hbResult.p99 < 20)
  record(`${p}cpu_per_request`, hbResult.cpuUsPerRequest, 'µs')
  const pacedNote = {
    note: `at ${pacedRate} req/s, half of what the receiver and the rules sustain; ${PACED_S} s`,
  }
  record(`${p}paced_latency_p50`, paced.p50, 'ms', null, null, pacedNote)
  record(`${p}paced_latency_p99`, paced.p99, 'ms', null, null, { ...pacedNote, ...paced })
  const ratio = hbResult.rps / bareResult.rps
  record(`${p}vs_bare_ratio`, ratio, 'x', '≥ 0.5', ratio >= 0.5)
  if (hbResult.bad > 0) record(`${p}failed_requests`, hbResult.bad, 'requests', '0', false)
  if (!pipeline) return
  const note = pipeline.drained
    ? `${rules}; all ${pipeline.accepted} messages evaluated`
    : `${rules}; drain rate with the receiver idle, ${Math.round(pipeline.backlogLeft)} of ${pipeline.accepted} messages still queued after ${DRAIN_LIMIT_MS / 1000} s`
  record(`rule_pipeline_${set.prefix}rate`, pipeline.rate, 'msgs/s', null, null, { ...pipeline, note })
  record(`rule_pipeline_${set.prefix}vs_receiver`, pipeline.rate / hbResult.rps, 'x')
}

/**
 * After the load stops, polls the alerts until the rules have evaluated every message the receiver stored
 * (or DRAIN_LIMIT_MS passes). Drained, the rate is messages / time since the load started; with a backlog
 * left, it is the rate while draining with the receiver idle.
 */
async function drainRules(hb, set, startedMs, receivedMs) {
  // Every stored 2xx request carries a new update_id, so each one is a message the rules must see.
  const accepted = (await api(hb.baseUrl, '/requests?limit=1&status=2xx')).total
  let processed = await messagesThroughRules(hb.baseUrl, set)
  const atReceived = { processed, ms: Date.now() }
  while (processed < accepted && Date.now() - receivedMs < DRAIN_LIMIT_MS) {
    await new Promise((r) => setTimeout(r, 250))
    processed = await messagesThroughRules(hb.baseUrl, set)
  }
  const doneMs = Date.now()
  const drained = processed >= accepted
  const rate = drained
    ? processed / ((doneMs - startedMs) / 1000)
    : (processed - atReceived.processed) / ((doneMs - atReceived.ms) / 1000)
  return {
    rate,
    accepted,
    processed,
    drained,
    processedWhileReceiving: atReceived.processed,
    backlogLeft: accepted - processed,
    rssMbAfter: rssMb(hb.pid),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Update → reply latency (issue 8): needs the Telegram simulator, which answers as the bot's chat.

/** Measured messages (issue 8: p50/p99 over 1,000 updates), after one warm-up message. */
const REPLY_SAMPLES = Number(process.env.BENCH_REPLY_SAMPLES ?? 1000)
const REPLY_TIMEOUT_MS = 5_000
/**
 * The simulator enforces Telegram's flood limits (TELEGRAM.md §7: about 1 message/s per chat after a burst of
 * 20, 30/s per bot): 40 chats in turn, one message at least every 36 ms, stay under them.
 */
const REPLY_CHATS = 40
const REPLY_MIN_GAP_MS = 36

function skip(name, reason) {
  console.log(`${name}: skipped (${reason})`)
  figures.push({ name, value: null, unit: null, skipped: reason })
}

/**
 * One user message in a simulated chat → the update posted to the receiver → a rule whose Telegram action
 * answers → the reply in the chat transcript. Sequential, so each sample is one message's full loop. The
 * reply is seen on the live event stream (`simulator.message`, emitted once the bot's message is stored in
 * the transcript), not by polling: polling the transcript loaded the server it was timing.
 */
async function updateToReplySection() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-bench-reply-'))
  const hb = await startServe(dataDir)
  let events
  try {
    const base = hb.baseUrl
    const probe = await fetch(`${base}/api/simulator/chats`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    if (probe.status === 404) return skip('update_to_reply', 'needs the Telegram simulator')
    const chats = []
    try {
      await api(base, '/telegram/simulator', { method: 'POST', body: '{}' })
      for (let i = 0; i < REPLY_CHATS; i++) {
        const firstName = `Bench${i}`
        chats.push(
          await api(base, '/simulator/chats', { method: 'POST', body: JSON.stringify({ firstName }) }),
        )
      }
      await api(base, '/rules', {
        method: 'POST',
        body: JSON.stringify({
          name: 'echo',
          filter: "entity = 'telegram'",
          condition: 'true',
          window: 'length(1)',
          actions: [
            {
              kind: 'telegram',
              on: ['OPEN', 'REPEAT'],
              chatId: '${tags.message.chat.id}',
              text: 'pong ${message}',
              parseMode: 'none',
            },
          ],
        }),
      })
      events = await botReplies(base)
    } catch (err) {
      return skip('update_to_reply', `the simulator flow failed: ${String(err.message ?? err).slice(0, 200)}`)
    }
    const latencies = []
    for (let i = 0; i <= REPLY_SAMPLES; i++) {
      const chat = chats[i % chats.length]
      const text = `ping ${i}`
      const reply = events.next(chat.id, `pong ${text}`)
      const t0 = performance.now()
      await api(base, `/simulator/chats/${chat.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ text }),
      })
      const seenAt = await reply
      const ms = seenAt === null ? null : seenAt - t0
      if (ms === null) return skip('update_to_reply', `no reply to "${text}" within ${REPLY_TIMEOUT_MS} ms`)
      if (i > 0) latencies.push(ms)
      await new Promise((r) => setTimeout(r, Math.max(0, REPLY_MIN_GAP_MS - ms)))
    }
    if (process.env.BENCH_DEBUG) console.log(latencies.map(Math.round).join(' '))
    latencies.sort((a, b) => a - b)
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
    const info = {
      samples: latencies.length,
      note: `${latencies.length} updates, reply seen on the event stream`,
    }
    record('update_to_reply_p50', median(latencies), 'ms', '< 10 ms', median(latencies) < 10, info)
    record('update_to_reply_p99', at(0.99), 'ms', null, null, info)
  } finally {
    events?.close()
    await hb.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Opens the live event stream; `next(chatId, text)` resolves with the time (performance.now()) the bot's message
 * with that text was reported stored in the chat's transcript, or with null after REPLY_TIMEOUT_MS.
 */
async function botReplies(base) {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/events`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  })
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true })
    ws.addEventListener('error', () => reject(new Error('the event stream did not open')), { once: true })
  })
  const waiting = new Map()
  ws.addEventListener('message', (e) => {
    const event = JSON.parse(String(e.data))
    if (event.type !== 'simulator.message' || event.item.from !== 'bot') return
    const key = `${event.chatId} ${event.item.text}`
    waiting.get(key)?.(performance.now())
    waiting.delete(key)
  })
  return {
    next(chatId, text) {
      return new Promise((resolve) => {
        const key = `${chatId} ${text}`
        const timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS)
        waiting.set(key, (v) => {
          clearTimeout(timer)
          resolve(v)
        })
      })
    },
    close: () => ws.close(),
  }
}

// ---------------------------------------------------------------------------------------------------------
// The bot in the loop (docs/bot-in-the-loop.md): what the recording proxy costs a bot's call, measured side
// by side with the same call straight to the upstream (the simulator), and how long a received update takes
// to reach the bot's webhook through forwarding.

const BOT_LOOP_SAMPLES = Number(process.env.BENCH_BOT_LOOP_SAMPLES ?? 200)

async function timedPost(url, body) {
  const t0 = performance.now()
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${url.replace(/bot[^/]+/, 'bot<token>')} answered ${res.status}`)
  return performance.now() - t0
}

async function botLoopSection() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-bench-loop-'))
  const hb = await startServe(dataDir)
  const hits = new Map()
  const botServer = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const update = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      hits.get(update.message?.text)?.(performance.now())
      res.end()
    })
  })
  try {
    const base = hb.baseUrl
    const { token } = await api(base, '/telegram/simulator', { method: 'POST', body: '{}' })
    // The simulator applies Telegram's flood limits (30 messages/s per bot, about 1/s per chat): the calls
    // rotate over 40 chats and each pair waits 80 ms, so no call is refused with 429.
    const chats = []
    for (let n = 0; n < 40; n++) {
      chats.push(
        await api(base, '/simulator/chats', {
          method: 'POST',
          body: JSON.stringify({ firstName: `Loop${n}` }),
        }),
      )
    }
    const chat = chats[0]
    const direct = []
    const proxied = []
    // Alternating, so both see the same machine load.
    for (let i = 0; i <= BOT_LOOP_SAMPLES; i++) {
      const body = JSON.stringify({ chat_id: chats[i % chats.length].id, text: 'bench' })
      const t0 = performance.now()
      const d = await timedPost(`${base}/sim/bot${token}/sendMessage`, body)
      const p = await timedPost(`${base}/bot-api/bot${token}/sendMessage`, body)
      if (i > 0) {
        direct.push(d)
        proxied.push(p)
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 80 - (performance.now() - t0))))
    }
    direct.sort((x, y) => x - y)
    proxied.sort((x, y) => x - y)
    const p99Of = (xs) => xs[Math.min(xs.length - 1, Math.floor(0.99 * xs.length))]
    const info = { samples: direct.length, note: 'sendMessage to the simulator, sequential, alternating' }
    record('bot_call_direct_p50', median(direct), 'ms', null, null, info)
    record('bot_call_direct_p99', p99Of(direct), 'ms', null, null, info)
    record('bot_call_proxied_p50', median(proxied), 'ms', null, null, info)
    record('bot_call_proxied_p99', p99Of(proxied), 'ms', null, null, info)
    const ratio = median(proxied) / median(direct)
    record('bot_call_proxied_vs_direct_ratio', ratio, 'x', '≤ 2', ratio <= 2, info)

    botServer.listen(0, '127.0.0.1')
    await new Promise((r) => botServer.once('listening', r))
    await api(base, '/forwarding', {
      method: 'PUT',
      body: JSON.stringify({ url: `http://127.0.0.1:${botServer.address().port}/hook` }),
    })
    const latencies = []
    for (let i = 0; i <= Math.min(BOT_LOOP_SAMPLES, 200); i++) {
      const text = `fwd ${i}`
      const seen = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS)
        hits.set(text, (at) => {
          clearTimeout(timer)
          resolve(at)
        })
      })
      const t0 = performance.now()
      await api(base, `/simulator/chats/${chat.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ text }),
      })
      const at = await seen
      if (at === null)
        return skip('update_to_bot', `update "${text}" did not reach the bot within ${REPLY_TIMEOUT_MS} ms`)
      if (i > 0) latencies.push(at - t0)
    }
    latencies.sort((a, b) => a - b)
    const p99 = p99Of(latencies)
    const note = {
      samples: latencies.length,
      note: 'simulated user message → the bot webhook, through the receiver',
    }
    record('update_to_bot_p50', median(latencies), 'ms', '< 20 ms', median(latencies) < 20, note)
    record('update_to_bot_p99', p99, 'ms', null, null, note)
  } finally {
    botServer.close()
    await hb.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------------------
// Scale: a store with N requests, filled directly in SQLite, then the UI's queries over HTTP and the RSS.

async function scaleSection(sizes) {
  for (const size of sizes) await withSeededStore(size, (hb, seedS) => measureQueries(hb, size, seedS))
}

/**
 * Fills a fresh data dir with `size` stored requests, starts serve on it and runs `use(hb, seedSeconds)`;
 * serve and the dir are gone afterwards, whatever `use` did.
 */
async function withSeededStore(size, use) {
  const { DatabaseSync } = await import('node:sqlite')
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-bench-scale-'))
  try {
    const template = await receiverRowTemplate(dataDir)
    const seedStarted = Date.now()
    seedRequests(DatabaseSync, dataDir, size, template)
    const seedS = (Date.now() - seedStarted) / 1000
    const hb = await startServe(dataDir)
    try {
      return await use(hb, seedS)
    } finally {
      await hb.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
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
    return { request, message }
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

/** Inserts `size` requests as the receiver and the search indexer write them (requests, messages, requests_fts), in one transaction. */
function seedRequests(DatabaseSync, dataDir, size, { request, message }) {
  const db = new DatabaseSync(join(dataDir, 'hookbench.db'))
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  const columns = Object.keys(request).filter((c) => c !== 'id')
  const insertRequest = db.prepare(
    `INSERT INTO requests (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
  const insertFts = db.prepare('INSERT INTO requests_fts (rowid, body) VALUES (?, ?)')
  const msgColumns = Object.keys(message).filter((c) => c !== 'id')
  const insertMessage = db.prepare(
    `INSERT INTO messages (${msgColumns.join(', ')}) VALUES (${msgColumns.map(() => '?').join(', ')})`,
  )
  const update = JSON.parse(Buffer.from(request.body).toString('utf8'))
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
      body: Buffer.from(body),
      body_size: body.length,
      message_text: text,
      update_id: update.update_id,
    }
    const r = insertRequest.run(...columns.map((c) => row[c]))
    const id = Number(r.lastInsertRowid)
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

async function timeQuery(base, path) {
  const times = []
  let total = null
  for (let i = 0; i < QUERY_SAMPLES; i++) {
    const t0 = performance.now()
    const page = await api(base, path)
    times.push(performance.now() - t0)
    total = page.total
  }
  return { ms: median(times), total }
}

const sizeLabel = (size) => (size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`)

async function measureQueries(hb, size, seedS) {
  const label = sizeLabel(size)
  const info = { size, seedSeconds: seedS }
  const queries = [
    ['list', '/requests?limit=100'],
    ['search', '/requests?limit=100&text=host777%3A'],
    ['search_broad', '/requests?limit=100&text=cpu_busy'],
    ['path_filter', '/requests?limit=100&path=other-bot'],
  ]
  for (const [name, path] of queries) {
    const { ms, total } = await timeQuery(hb.baseUrl, path)
    record(`requests_${name}_${label}`, ms, 'ms', '< 100 ms', ms < 100, {
      ...info,
      query: path,
      matched: total,
    })
  }
  const rss = rssMb(hb.pid)
  record(`serve_rss_${label}`, rss, 'MB', '< 300 MB', rss !== null && rss < 300, info)
}

// ---------------------------------------------------------------------------------------------------------
// UI: the requests page in headless Chromium (Playwright), served by `hookbench serve` over the scale fill.

/* global document, MutationObserver, requestAnimationFrame -- used only in functions run inside the page */

const UI_SIZE = 100_000
const UI_SAMPLES = 5
/** The whole section (fill, serve, browser, every sample) is cut off and reported skipped past this. */
const UI_LIMIT_MS = 60_000
/** DebouncedInput's default: the search applies once typing has paused this long. */
const SEARCH_DEBOUNCE_MS = 300
const SEARCH_BOX = 'Search request bodies'
/** The grid's fixed row height (request-grid.tsx ROW_HEIGHT). */
const GRID_ROW_PX = 26
const UI_SEARCHES = [
  ['search', 'host777:'],
  ['search_broad', 'cpu_busy'],
]
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

/**
 * The renderer's first page: the entry script and what index.html preloads with it (everything the window
 * parses before it can show a row), minified as built. Other pages load when first opened (app.tsx).
 */
function bundleSection() {
  const dir = join(ROOT, 'out', 'renderer')
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const first = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g),
  ].map((m) => m[1])
  const size = (file) => readFileSync(join(dir, file)).length
  const firstKb = first.reduce((sum, file) => sum + size(file), 0) / 1024
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'))
  const allKb = all.reduce((sum, file) => sum + size(join('assets', file)), 0) / 1024
  record('ui_first_page_js', firstKb, 'KB', '<= 350 KB minified', firstKb <= 350, {
    files: first.map((file) => ({ file, kb: round(size(file) / 1024) })),
  })
  record('ui_all_js', allKb, 'KB', null, null, {
    chunks: all.length,
    note: `${all.length} chunks, loaded on demand`,
  })
}

async function uiSection() {
  let browser = null
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    // Closing the browser fails whatever Playwright call is pending, so the section unwinds and cleans up.
    void browser?.close()
  }, UI_LIMIT_MS)
  const deadline = () => {
    if (timedOut) throw new Error('deadline')
  }
  try {
    // The browser first: without one, the section is skipped before spending seconds on the fill.
    const { chromium } = await import('@playwright/test')
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 15_000,
    })
    await withSeededStore(UI_SIZE, (hb, seedS) => measureUi(browser, hb, seedS, deadline))
  } catch (err) {
    const reason = timedOut
      ? `not done within ${UI_LIMIT_MS / 1000} s`
      : String(err?.message ?? err)
          .split('\n')[0]
          .slice(0, 200)
    skip('ui', reason)
  } finally {
    clearTimeout(timer)
    await browser?.close()
  }
}

async function measureUi(browser, hb, seedS, deadline) {
  deadline()
  const uiUrl = await printedLine(hb, /^UI: (\S+)/m)
  const base = new URL(uiUrl).origin
  const label = sizeLabel(UI_SIZE)
  const info = { size: UI_SIZE, seedSeconds: seedS, samples: UI_SAMPLES }
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  context.setDefaultTimeout(15_000)
  await context.addInitScript(watchFirstRow)
  // The token link sets the session cookie and redirects to /; this first load also warms serve up.
  const login = await context.newPage()
  await login.goto(uiUrl)
  await login.close()

  // First rows: each sample is a new document, timed by the page itself from its navigation start.
  const loads = []
  let page = null
  for (let i = 0; i < UI_SAMPLES; i++) {
    deadline()
    await page?.close()
    page = await context.newPage()
    await page.goto(`${base}/#/requests`)
    loads.push(await page.evaluate(firstRowTimes))
  }
  const firstRows = median(loads.map((l) => l.ms))
  record(`ui_first_rows_${label}`, firstRows, 'ms', '< 1000 ms', firstRows < 1000, {
    ...info,
    // Where the time goes: the app's first API call (bundle loaded and run) and the rows' API answer.
    appStartedMs: round(median(loads.map((l) => l.appStartedMs))),
    rowsAnsweredMs: round(median(loads.map((l) => l.rowsAnsweredMs))),
    times: loads.map((l) => round(l.ms)),
  })

  // Memory: the last page, scrolled to the bottom of its first page of rows so the next one loads.
  const { usedMb, ...heap } = await jsHeapAfterScroll(page)
  record(`ui_js_heap_${label}`, usedMb, 'MB', '< 100 MB', usedMb < 100, {
    ...info,
    ...heap,
    note: 'CDP JSHeapUsedSize after a forced GC',
  })
  await page.close()

  // Search: typed into the box (debounced), timed until the grid shows the matching rows.
  page = await context.newPage()
  await page.goto(`${base}/#/requests`)
  await page.evaluate(() => globalThis.__hbFirstRow)
  const all = (await api(hb.baseUrl, '/requests?limit=1')).total
  for (const [name, term] of UI_SEARCHES) {
    const matched = (await api(hb.baseUrl, `/requests?limit=1&text=${encodeURIComponent(term)}`)).total
    const samples = []
    for (let i = 0; i < UI_SAMPLES; i++) {
      deadline()
      samples.push(await timeSearch(page, term, matched))
      await timeSearch(page, '', all)
    }
    const ms = median(samples.map((t) => t.ms))
    record(`ui_${name}_${label}`, ms, 'ms', '< 500 ms', ms < 500, {
      ...info,
      term,
      matched,
      debounceMs: SEARCH_DEBOUNCE_MS,
      // Since the keystroke: the API call sent (after the debounce) and answered.
      sentMs: round(median(samples.map((t) => t.sentMs))),
      answeredMs: round(median(samples.map((t) => t.answeredMs))),
      times: samples.map((t) => round(t.ms)),
    })
  }
  await context.close()
}

/** Waits (up to 5 s) for serve to print a line matching `pattern`; its first group. */
async function printedLine(hb, pattern) {
  const until = Date.now() + 5_000
  for (;;) {
    const m = pattern.exec(hb.stdout())
    if (m) return m[1]
    if (Date.now() > until) throw new Error(`serve printed no line matching ${pattern}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * Runs in every page before its scripts: `__hbFirstRow` resolves to the ms since navigation start at which
 * the grid's first row (aria-rowindex 2; 1 is the header) is laid out and the frame showing it has painted.
 */
function watchFirstRow() {
  globalThis.__hbFirstRow = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const row = document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]')
      if (!row || row.getBoundingClientRect().height === 0) return
      observer.disconnect()
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

/** In the page, once its first row is shown: that time, the app's first API call and the rows' API answer. */
async function firstRowTimes() {
  const ms = await globalThis.__hbFirstRow
  const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/'))
  const rows = api.find((e) => e.name.includes('/api/requests'))
  return { ms, appStartedMs: api[0]?.startTime ?? NaN, rowsAnsweredMs: rows?.responseEnd ?? NaN }
}

/**
 * Fills the search box with `term`; ms from its input event until the grid's aria-rowcount says `matched`
 * rows (+1 for the header), its first row is there, and that frame has painted (includes the debounce);
 * also when its API call was sent and answered.
 */
async function timeSearch(page, term, matched) {
  await page.evaluate(
    ({ box, rowcount }) => {
      const input = document.querySelector(`input[aria-label="${box}"]`)
      const grid = document.querySelector('[role="grid"]')
      // Only this search's API call is looked up; the timing buffer holds 250 entries.
      performance.clearResourceTimings()
      globalThis.__hbSearch = new Promise((resolve) => {
        let typed = null
        input.addEventListener('input', () => (typed = performance.now()), { once: true })
        const observer = new MutationObserver(() => {
          if (typed === null || grid.getAttribute('aria-rowcount') !== rowcount) return
          if (!grid.querySelector('[role="row"][aria-rowindex="2"]')) return
          observer.disconnect()
          const call = performance
            .getEntriesByType('resource')
            .findLast((e) => e.name.includes('/api/requests') && e.startTime >= typed)
          const since = (t) => (call ? t - typed : NaN)
          requestAnimationFrame(() =>
            setTimeout(() =>
              resolve({
                ms: performance.now() - typed,
                sentMs: since(call?.startTime),
                answeredMs: since(call?.responseEnd),
              }),
            ),
          )
        })
        observer.observe(grid, { attributes: true, childList: true, subtree: true })
      })
    },
    { box: SEARCH_BOX, rowcount: String(matched + 1) },
  )
  await page.getByRole('searchbox', { name: SEARCH_BOX }).fill(term)
  return page.evaluate(() => globalThis.__hbSearch)
}

/** Scrolls the grid to the bottom of what it has loaded, waits for the next page of rows, then reads the JS heap. */
async function jsHeapAfterScroll(page) {
  const body = page.locator('[role="grid"] .grid__body')
  const height = await body.evaluate((el) => el.offsetHeight)
  await page.locator('[role="grid"] .grid__scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
  await body.evaluate(
    (el, before) =>
      new Promise((resolve) => {
        const check = () => (el.offsetHeight > before ? resolve() : requestAnimationFrame(check))
        check()
      }),
    height,
  )
  const rows = (await body.evaluate((el) => el.offsetHeight)) / GRID_ROW_PX
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 2 ** 20
  }
  const beforeGcMb = await heapMb()
  await cdp.send('HeapProfiler.collectGarbage')
  const usedMb = await heapMb()
  await cdp.detach()
  return { usedMb, beforeGcMb: round(beforeGcMb), rowsLoaded: rows }
}

// ---------------------------------------------------------------------------------------------------------
// Memory per large request (issue 18 item 11): a fresh `hookbench serve` per body, its peak RSS (VmHWM) while
// it takes one 10 MB webhook, and its RSS once it has rested. Target: back under 200 MB at rest.

const LARGE_BODY_BYTES = 10 * 1024 * 1024
const REST_MS = 5_000
const RESTING_TARGET_MB = 200

/** Peak (VmHWM) and current (VmRSS) resident size of a process in MB (Linux /proc). */
function memoryMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024
    return { peak: kb('VmHWM'), rss: kb('VmRSS') }
  } catch {
    return null
  }
}

/** 10 MB bodies: a JSON object with about a million keys (the attack case), and as much plain text. */
function largeBodies() {
  const keys = []
  let size = 2
  for (let i = 0; size < LARGE_BODY_BYTES; i++) {
    const member = `"k${i}":${i % 10}`
    keys.push(member)
    size += member.length + 1
  }
  return [
    ['json_1m_keys', 'application/json', `{${keys.join(',')}}`],
    ['text', 'text/plain', 'x'.repeat(LARGE_BODY_BYTES)],
  ]
}

async function memorySection() {
  for (const [name, contentType, body] of largeBodies()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hb-bench-mem-'))
    const hb = await startServe(dataDir, ['--max-body-bytes', String(2 * LARGE_BODY_BYTES)])
    try {
      const idle = memoryMb(hb.pid)
      const res = await fetch(`${hb.baseUrl}/api/v1/messages/webhook/mem?entity=mem`, {
        method: 'POST',
        headers: { authorization: BASIC, 'content-type': contentType },
        body,
      })
      const answer = await res.text()
      if (!/"id":\d+/.test(answer))
        throw new Error(`the ${name} body was not stored: ${res.status} ${answer}`)
      await new Promise((r) => setTimeout(r, REST_MS))
      const rested = memoryMb(hb.pid)
      record(`memory_${name}_10mb_idle_rss`, idle.rss, 'MB')
      record(`memory_${name}_10mb_peak_rss`, rested.peak, 'MB', null, null, {
        note: `answered ${res.status}`,
      })
      record(
        `memory_${name}_10mb_resting_rss`,
        rested.rss,
        'MB',
        `< ${RESTING_TARGET_MB} MB ${REST_MS / 1000} s after`,
        rested.rss < RESTING_TARGET_MB,
      )
    } finally {
      await hb.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

// ---------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------
// Hostile rules and imports (issue 18.8, docs/reliability.md): how long the slowest /api/health answer takes
// while one expensive rule or import runs. The goal is 100 ms; before the fix these stalled 4.5–6.8 s.

/** Runs `work` while probing /api/health every 10 ms; the slowest probe and how long `work` took, in ms. */
async function healthDuring(base, work) {
  let slowest = 0
  let running = true
  const probe = (async () => {
    while (running) {
      const t = performance.now()
      await (await fetch(`${base}/api/health`)).arrayBuffer()
      slowest = Math.max(slowest, performance.now() - t)
      await new Promise((r) => setTimeout(r, 10))
    }
  })()
  const t = performance.now()
  await work()
  const workMs = performance.now() - t
  running = false
  await probe
  return { slowest, workMs }
}

async function untilOpen(base, ruleId) {
  const end = Date.now() + 60_000
  while (Date.now() < end) {
    const rule = await api(base, `/rules/${ruleId}`)
    if (rule.openAlerts > 0 || rule.lastError) return rule
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('the rule did not fire within 60 s')
}

async function hostileSection() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-bench-hostile-'))
  const hb = await startServe(dataDir)
  try {
    const cases = [
      ['like_2000a_b?_1mb', `message LIKE '*${'a'.repeat(2000)}b?'`, `${'a'.repeat(1_000_000)}bX`],
      ['html_decode_5mb', "htmlDecode(message) LIKE '<*<'", '&lt;'.repeat(1_250_000)],
      // The same 5 MB message with a condition that costs nothing: what receiving, storing and converting the
      // body hold the loop for by themselves, to tell the rule's share from the receiver's.
      ['same_5mb_condition_true', 'true', '&lt;'.repeat(1_250_000)],
    ]
    for (const [name, condition, text] of cases) {
      const { rule } = await api(hb.baseUrl, '/rules', {
        method: 'POST',
        body: JSON.stringify({
          name,
          filter: `entity = '${name}'`,
          condition,
          window: 'length(1)',
          actions: [],
        }),
      })
      const { slowest, workMs } = await healthDuring(hb.baseUrl, async () => {
        const res = await fetch(
          `${hb.baseUrl}/api/v1/messages/webhook/bench?entity=${name}&command.message=text`,
          {
            method: 'POST',
            headers: { authorization: BASIC, 'content-type': 'application/json' },
            body: JSON.stringify({ text }),
          },
        )
        await res.arrayBuffer()
        const done = await untilOpen(hb.baseUrl, rule.id)
        if (done.lastError) throw new Error(`${name}: ${done.lastError.message}`)
      })
      record(`hostile_${name}_slowest_health_ms`, slowest, 'ms', '< 100 ms', slowest < 100, {
        note: `message to alert ${round(workMs)} ms`,
      })
    }
    const xml = `<rules>${'<a/>'.repeat(1_200_000)}</rules>`
    const { slowest, workMs } = await healthDuring(hb.baseUrl, async () => {
      const res = await fetch(`${hb.baseUrl}/api/rules/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/xml' },
        body: xml,
      })
      await res.arrayBuffer()
    })
    record('hostile_import_1_2m_elements_slowest_health_ms', slowest, 'ms', '< 100 ms', slowest < 100, {
      note: `refused in ${round(workMs)} ms`,
    })
  } finally {
    await hb.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  if (!existsSync(CLI)) {
    console.error(`bench: ${CLI} is missing; run \`npm run build\` first (npm run bench does).`)
    process.exit(2)
  }
  const started = new Date()
  // Other work on the machine moves every absolute figure: the load average says how busy it was.
  const startLoad = loadavg().map((l) => Math.round(l * 100) / 100)
  console.log(
    `Hookbench bench: Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GB, load ${startLoad.join(' ')}; autocannon -c ${CONNECTIONS} -d ${DURATION_S} after ${WARMUP_S} s warm-up`,
  )
  const sections = [
    ['receiver', receiverSection],
    ['update_to_reply', updateToReplySection],
    ['bot_loop', botLoopSection],
    ['scale', () => scaleSection(FULL ? [10_000, 100_000, 1_000_000] : [10_000, 100_000])],
    ['bundle', bundleSection],
    ['ui', uiSection],
    [
      'simulator',
      () =>
        simulatorSection({
          record,
          skip,
          round,
          median,
          api,
          startServe,
          startChild,
          cpuMs,
          loadavg,
          tempDir: (prefix) => mkdtempSync(join(tmpdir(), prefix)),
          removeDir: (dir) => rmSync(dir, { recursive: true, force: true }),
        }),
    ],
    ['hostile', hostileSection],
    ['memory', memorySection],
  ]
  const errors = []
  const only = process.env.BENCH_ONLY?.split(',')
  for (const [name, run] of sections) {
    if (only && !only.includes(name)) continue
    try {
      await run()
    } catch (err) {
      errors.push({ section: name, error: String(err?.stack ?? err) })
      console.error(`bench: section ${name} failed: ${err?.stack ?? err}`)
    }
  }
  const outDir = join(ROOT, 'bench-results')
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`)
  const run = {
    startedAt: started.toISOString(),
    seconds: (Date.now() - started.getTime()) / 1000,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: startLoad,
    settings: {
      connections: CONNECTIONS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      rules: RULES,
      ruleSets: SELECTED_SETS,
      full: FULL,
    },
    figures,
    errors,
  }
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`)
  console.log(`bench: ${run.seconds.toFixed(0)} s; results in ${file}`)
  process.exit(errors.length ? 1 : 0)
}

if (process.argv[2] === '--bare-server') bareServer()
else await main()
