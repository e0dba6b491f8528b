// The bench's `receiver` section: webhook throughput and latency of `hookbench serve` under 100 enabled rules
// (BENCH_RULES, the sets of BENCH_RULE_SETS), beside a bare node:http server taking the same load, then the
// same load paced at half of what is sustained, and how fast the rules drain what was received.
//
// The bare `node:http` baseline is this same file started with `--bare-server`, so both servers get the same
// process setup.
import autocannon from 'autocannon'
import { Agent, createServer, request as httpRequest } from 'node:http'
import { fileURLToPath } from 'node:url'
import {
  api,
  BASIC,
  CONNECTIONS,
  cpuMs,
  DURATION_S,
  keyword,
  percentile,
  PROFILE_DIR,
  record,
  removeDir,
  rssMb,
  RULES,
  SELECTED_SETS,
  sleep,
  startChild,
  startServe,
  tempDir,
  updateTemplate,
  WARMUP_S,
  WEBHOOK_PATH,
} from './harness.js'

/** Seconds of the paced run (half of what the receiver and the rules sustain). */
const PACED_S = 5
/** Seconds sent at the paced rate before it is timed (pacedLoad). */
const PACED_WARMUP_S = 1
/** How long the rule pipeline may take to drain the backlog before the figure is taken from what it did. */
const DRAIN_LIMIT_MS = 30_000

// ---------------------------------------------------------------------------------------------------------
// The baseline: a bare node:http server that reads the body and answers 200. Run as a child of the bench.

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

const startBare = () => startChild([fileURLToPath(import.meta.url), '--bare-server'], 'bare node:http server')

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
 *
 * The first `warmupS` at the same rate are sent but not timed: they open the keep-alive connections (a new
 * client's first ~40 requests each open one and were answered 15–46 ms late, with serve's event loop never
 * held over 8 ms: connection setup on both sides and this process's first calls, not steady-state latency).
 */
async function pacedLoad(url, seconds, update, firstId, rate, warmupS = PACED_WARMUP_S) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  const target = new URL(url)
  const latencies = []
  let next = firstId
  let failed = 0
  const send = (timed) =>
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
            if (!timed) return resolve()
            if (res.statusCode === 200) latencies.push(performance.now() - t0)
            else failed++
            resolve()
          })
        },
      )
      req.on('error', () => {
        if (timed) failed++
        resolve()
      })
      req.end(body)
    })
  const inFlight = []
  const start = performance.now()
  const warm = Math.round(rate * warmupS)
  const total = Math.round(rate * seconds)
  for (let i = 0; i < warm + total; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await sleep(wait)
    inFlight.push(send(i >= warm))
  }
  await Promise.all(inFlight)
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q) => percentile(latencies, q) ?? null
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

export async function receiverSection() {
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
  // The headline set's receiver rate: issue 16 asks the all-fire rule pipeline to keep up with it.
  let oneFiresRps = null
  for (const name of sets) {
    const set = RULE_SETS[name]
    if (!set) throw new Error(`BENCH_RULE_SETS: unknown set ${name} (${Object.keys(RULE_SETS).join(', ')})`)
    const rps = await receiverWithRules(update, bareResult, set, oneFiresRps)
    if (name === 'one-fires') oneFiresRps = rps
  }
}

/** One rule set's receiver, paced and pipeline figures; resolves with the receiver's req/s. */
async function receiverWithRules(update, bareResult, set, oneFiresRps) {
  const dataDir = tempDir('hb-bench-')
  const hb = await startServe(dataDir)
  let hbResult
  let pipeline
  let paced
  let pacedRate
  let settled
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
    // …and the rest of the saturation's backlog too (the search index 30,000+ rows behind, window and alert
    // writes): paced is the steady state, not the catch-up after a saturation.
    settled = await untilIdle(hb.pid)
    paced = await pacedLoad(`${hb.baseUrl}${WEBHOOK_PATH}`, PACED_S, update, hbResult.nextId, pacedRate)
  } finally {
    // Without waiting for the rule backlog: SIGTERM drains it, which is not what is being measured here.
    await (PROFILE_DIR ? hb.stop(120_000) : hb.kill())
    removeDir(dataDir)
  }

  const p = `receiver_${set.prefix}`
  const rules = RULES > 0 ? `${RULES} enabled rules, ${set.describe}` : 'no rules'
  record(`${p}rps`, hbResult.rps, 'req/s', null, null, {
    note: `Basic auth, conversion, storage, ${rules}; ${CONNECTIONS} connections, ${DURATION_S} s`,
  })
  record(`${p}latency_p50`, hbResult.p50, 'ms')
  record(`${p}latency_p99`, hbResult.p99, 'ms', '< 20 ms', hbResult.p99 < 20)
  record(`${p}cpu_per_request`, hbResult.cpuUsPerRequest, 'µs')
  const cpuRatio = hbResult.cpuUsPerRequest / bareResult.cpuUsPerRequest
  record(`${p}cpu_vs_bare`, cpuRatio, 'x', '≤ 4', cpuRatio <= 4)
  const pacedNote = {
    note: `at ${pacedRate} req/s, half of what the receiver and the rules sustain; ${PACED_S} s after ${PACED_WARMUP_S} s untimed`,
  }
  record(`${p}paced_latency_p50`, paced.p50, 'ms', null, null, pacedNote)
  record(`${p}paced_latency_p99`, paced.p99, 'ms', '< 20 ms', paced.p99 < 20, {
    ...pacedNote,
    ...paced,
    note: `${pacedNote.note}; begun once serve was idle, ${settled} s after the rules caught up`,
  })
  const ratio = hbResult.rps / bareResult.rps
  // Issue 16's goal for this round; the SPEC's is 0.5 (docs/performance.md says what it would take).
  record(`${p}vs_bare_ratio`, ratio, 'x', '≥ 0.3, then 0.5', ratio >= 0.3)
  if (hbResult.bad > 0) record(`${p}failed_requests`, hbResult.bad, 'requests', '0', false)
  if (!pipeline) return hbResult.rps
  const note = pipeline.drained
    ? `${rules}; all ${pipeline.accepted} messages evaluated`
    : `${rules}; drain rate with the receiver idle, ${Math.round(pipeline.backlogLeft)} of ${pipeline.accepted} messages still queued after ${DRAIN_LIMIT_MS / 1000} s`
  record(`rule_pipeline_${set.prefix}rate`, pipeline.rate, 'msgs/s', null, null, { ...pipeline, note })
  record(`rule_pipeline_${set.prefix}vs_receiver`, pipeline.rate / hbResult.rps, 'x')
  if (set.prefix && oneFiresRps) {
    const vsOneFires = pipeline.rate / oneFiresRps
    record(`rule_pipeline_${set.prefix}vs_one_fires_receiver`, vsOneFires, 'x', '≥ 1', vsOneFires >= 1, {
      note: `the one-fires receiver's ${Math.round(oneFiresRps)} req/s`,
    })
  }
  return hbResult.rps
}

/** Waits (up to 60 s) until `pid` uses under 5 % of a core over half a second; the seconds it took. */
async function untilIdle(pid) {
  const started = Date.now()
  let before = cpuMs(pid)
  while (Date.now() - started < 60_000) {
    await sleep(500)
    const now = cpuMs(pid)
    if (now - before < 25) break
    before = now
  }
  return Math.round((Date.now() - started) / 100) / 10
}

/**
 * After the load stops, polls the alerts until the rules have evaluated every message the receiver stored
 * (or DRAIN_LIMIT_MS passes). Drained, the rate is messages / time since the load started; with a backlog
 * left, it is the rate while draining with the receiver idle.
 */
async function drainRules(hb, set, startedMs, receivedMs) {
  // Every stored 2xx request carries a new update_id, so each one is a message the rules must see.
  // A filtered list counts up to 10,000 (then totalCapped): all requests, less the few refused ones.
  const count = async (query) => {
    const page = await api(hb.baseUrl, `/requests?limit=1${query}`)
    if (page.totalCapped) throw new Error(`the bench needs an exact count of /requests?${query}`)
    return page.total
  }
  const accepted = (await count('')) - (await count('&status=4xx')) - (await count('&status=5xx'))
  let processed = await messagesThroughRules(hb.baseUrl, set)
  const atReceived = { processed, ms: Date.now() }
  while (processed < accepted && Date.now() - receivedMs < DRAIN_LIMIT_MS) {
    await sleep(250)
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

if (process.argv[2] === '--bare-server') bareServer()
