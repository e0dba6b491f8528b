// The bench's `simulator` section (scripts/bench/index.js; alone: BENCH_ONLY=simulator npm run bench): the SAME
// polling echo bot against Hookbench's simulator and against the `telegram-test-api` npm package, both servers
// up side by side, blocks of BLOCK samples alternating between them so a change in the shared machine's load
// weighs on both alike. Each sample is one user message: from the user's HTTP call that sends it until the
// bot's sendMessage with the echo has been answered — the loop a bot test waits on. Both are paced alike (40
// chats, at least SIM_GAP_MS between samples) so the simulator's flood limits, which stay on, never answer 429.
// Then each server's idle cost with the bot polling: Hookbench holds getUpdates (timeout=30);
// telegram-test-api answers every getUpdates at once, so its polling bot spins.
//
// Run as `node scripts/bench/simulator.js --tta-server`, this file is the telegram-test-api child.
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const SAMPLES = Number(process.env.BENCH_SIM_SAMPLES ?? 400)
/** Samples per block; the blocks alternate between the two servers. */
const BLOCK = 50
const BLOCK_WARMUP = 5
const CHATS = 40
/** 30/s per bot is the simulator's flood limit: stay under it, and give both servers the same pace. */
const SIM_GAP_MS = 36
const REPLY_TIMEOUT_MS = 5_000
const IDLE_S = 5
const BOT_TOKEN = '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1'

/**
 * The echo bot, the same for both servers: a plain getUpdates loop (timeout=30, offset confirms) that answers
 * every text with `echo <text>` and reports when Telegram accepted the answer. No library: nothing that one
 * server's quirks could tune.
 */
function startEchoBot(apiBase, token, onReply) {
  let stopped = false
  const controller = new AbortController()
  let calls = 0
  const call = async (method, body) => {
    calls += 1
    const res = await fetch(`${apiBase}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    })
    const json = await res.json()
    if (!json.ok) throw new Error(`${method} answered ${json.error_code}: ${json.description}`)
    return json.result
  }
  const done = (async () => {
    let offset = 0
    while (!stopped) {
      const updates = await call('getUpdates', { offset, timeout: 30 })
      for (const u of updates) {
        offset = Math.max(offset, u.update_id + 1)
        const text = u.message?.text
        if (text === undefined) continue
        await call('sendMessage', { chat_id: u.message.chat.id, text: `echo ${text}` })
        onReply(text, performance.now())
      }
    }
  })().catch((err) => {
    if (!stopped) throw err
  })
  return {
    get calls() {
      return calls
    },
    done,
    async stop() {
      stopped = true
      controller.abort()
      await done
    },
  }
}

/** Waits for the bot's echo of each text. */
function replies() {
  const waiting = new Map()
  return {
    onReply(text, at) {
      waiting.get(text)?.(at)
      waiting.delete(text)
    },
    next(text) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS)
        waiting.set(text, (at) => {
          clearTimeout(timer)
          resolve(at)
        })
      })
    },
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * One block of samples against one server: its bot starts, `BLOCK_WARMUP` messages warm the path, `count` are
 * timed one at a time, the bot stops. Latencies in ms, or a reason it failed.
 */
async function sampleBlock(target, count, offset) {
  const waiter = replies()
  const bot = startEchoBot(target.botApi, BOT_TOKEN, waiter.onReply)
  const latencies = []
  try {
    for (let i = 0; i < BLOCK_WARMUP + count; i++) {
      const text = `${target.label} ping ${offset + i}`
      const reply = waiter.next(text)
      const t0 = performance.now()
      await target.sendUser(target.chatIds[(offset + i) % target.chatIds.length], text)
      const at = await Promise.race([reply, bot.done.then(() => null)])
      if (at === null) return { error: `no echo of "${text}" within ${REPLY_TIMEOUT_MS} ms` }
      const ms = at - t0
      if (i >= BLOCK_WARMUP) latencies.push(ms)
      await sleep(Math.max(0, SIM_GAP_MS - ms))
    }
    return { latencies }
  } finally {
    await bot.stop()
  }
}

/** CPU per second of the server child and of this process (where the bot runs) over IDLE_S. */
async function idleCpu(pid, cpuMs) {
  const server0 = cpuMs(pid)
  const self0 = process.cpuUsage()
  await sleep(IDLE_S * 1000)
  const self = process.cpuUsage(self0)
  const serverMs = cpuMs(pid) - server0
  return { serverMs: serverMs / IDLE_S, botMs: (self.user + self.system) / 1000 / IDLE_S }
}

/** The server alone, then with the bot polling and nobody writing. */
async function idleCost(target, cpuMs) {
  const before = await idleCpu(target.pid, cpuMs)
  const bot = startEchoBot(target.botApi, BOT_TOKEN, () => undefined)
  await sleep(500)
  const calls0 = bot.calls
  const idle = await idleCpu(target.pid, cpuMs)
  const calls = bot.calls - calls0
  await bot.stop()
  const after = await idleCpu(target.pid, cpuMs)
  // The server alone: the mean of the windows before and after (its own timers and background work).
  const quiet = { serverMs: (before.serverMs + after.serverMs) / 2, botMs: (before.botMs + after.botMs) / 2 }
  return { quiet, idle, calls }
}

async function hookbenchTarget(h) {
  const dataDir = h.tempDir('hb-bench-sim-')
  const hb = await h.startServe(dataDir)
  const base = hb.baseUrl
  const chatIds = []
  for (let i = 0; i < CHATS; i++) {
    const chat = await h.api(base, '/simulator/chats', {
      method: 'POST',
      body: JSON.stringify({ botToken: BOT_TOKEN, firstName: `Sim${i}` }),
    })
    chatIds.push(chat.id)
  }
  return {
    label: 'hb',
    pid: hb.pid,
    botApi: `${base}/sim`,
    chatIds,
    sendUser: (chatId, text) =>
      h.api(base, `/simulator/chats/${chatId}/messages`, { method: 'POST', body: JSON.stringify({ text }) }),
    async close() {
      // A CPU profile (BENCH_PROFILE_DIR) is written on a clean exit: give it time.
      await hb.stop(process.env.BENCH_PROFILE_DIR ? 120_000 : 10_000)
      h.removeDir(dataDir)
    },
  }
}

async function ttaTarget(h) {
  const tta = await h.startChild([fileURLToPath(import.meta.url), '--tta-server'], 'telegram-test-api')
  const base = tta.baseUrl
  return {
    label: 'tta',
    pid: tta.pid,
    botApi: base,
    chatIds: Array.from({ length: CHATS }, (_v, i) => 5_000_001 + i),
    // What telegram-test-api's own TelegramClient.makeMessage + sendMessage post (README, "Requests from client").
    async sendUser(chatId, text) {
      const user = { id: chatId, first_name: 'Sim', username: 'sim_user' }
      const res = await fetch(`${base}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          from: { ...user, is_bot: false },
          chat: { ...user, type: 'private' },
          botToken: BOT_TOKEN,
          date: Math.floor(Date.now() / 1000),
          text,
        }),
      })
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`telegram-test-api /sendMessage answered ${res.status}`)
    },
    close: () => tta.stop(),
  }
}

const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

/**
 * `h` is the bench's toolbox: record, skip, round, median, api, startServe, startChild, cpuMs, tempDir,
 * removeDir, loadavg. Both servers run side by side; blocks of BLOCK samples alternate between them, so a
 * change in the machine's load (it is shared) weighs on both alike.
 */
export async function simulatorSection(h) {
  const load = () =>
    h
      .loadavg()
      .map((l) => Math.round(l * 100) / 100)
      .join(' ')
  const loadBefore = load()
  const hb = await hookbenchTarget(h)
  let tta = null
  let ttaError = null
  try {
    tta = await ttaTarget(h)
  } catch (err) {
    ttaError = String(err.message ?? err).slice(0, 200)
  }
  try {
    const targets = tta ? [hb, tta] : [hb]
    const lat = new Map(targets.map((t) => [t, []]))
    for (let done = 0; done < SAMPLES; done += BLOCK) {
      for (const t of targets) {
        const block = await sampleBlock(t, Math.min(BLOCK, SAMPLES - done), done)
        if (block.error) {
          if (t === hb) return h.skip('simulator_update_to_reply', `Hookbench: ${block.error}`)
          ttaError = block.error
          targets.pop()
          continue
        }
        lat.get(t).push(...block.latencies)
      }
    }
    // After the samples: both servers are warm and done with start-up work, and no bot spins meanwhile.
    const idle = new Map()
    for (const t of targets) idle.set(t, await idleCost(t, h.cpuMs))
    report(h, { hb, tta: ttaError ? null : tta, ttaError, lat, idle, loadBefore, loadAfter: load() })
  } finally {
    await hb.close()
    await tta?.close()
  }
}

function report(h, { hb, tta, ttaError, lat, idle, loadBefore, loadAfter }) {
  const note = `${SAMPLES} messages each in alternating blocks of ${BLOCK}, ${CHATS} chats, ${SIM_GAP_MS} ms apart; same hand-written getUpdates echo bot; load ${loadBefore} → ${loadAfter}`
  const sorted = (t) => [...lat.get(t)].sort((a, b) => a - b)
  const hbLat = sorted(hb)
  const hbP50 = h.median(hbLat)
  const hbP99 = at(hbLat, 0.99)
  if (!tta) {
    h.record('simulator_update_to_reply_p50', hbP50, 'ms', null, null, { note })
    h.record('simulator_update_to_reply_p99', hbP99, 'ms', null, null, { note })
    h.skip('telegram_test_api_update_to_reply', ttaError)
  } else {
    const ttaLat = sorted(tta)
    const ttaP50 = h.median(ttaLat)
    const ttaP99 = at(ttaLat, 0.99)
    const target = `≤ telegram-test-api's ${h.round(ttaP50)} ms`
    h.record('simulator_update_to_reply_p50', hbP50, 'ms', target, hbP50 <= ttaP50, { note })
    h.record('simulator_update_to_reply_p99', hbP99, 'ms', null, null, { note })
    h.record('telegram_test_api_update_to_reply_p50', ttaP50, 'ms', null, null, { note })
    h.record('telegram_test_api_update_to_reply_p99', ttaP99, 'ms', null, null, { note })
    const ratio = hbP50 / ttaP50
    h.record('simulator_vs_telegram_test_api_p50_ratio', ratio, '×', '≤ 1', ratio <= 1)
    h.record('simulator_vs_telegram_test_api_p99_ratio', hbP99 / ttaP99, '×', null, null, { note })
  }
  // What an idle polling bot costs: the server's CPU with the bot polling less the same server with no bot,
  // plus the bot's own. The server's own timers are not the bot's cost.
  const pollCost = (r) =>
    Math.max(0, r.idle.serverMs - r.quiet.serverMs) + Math.max(0, r.idle.botMs - r.quiet.botMs)
  const detail = (r) =>
    `server ${h.round(r.quiet.serverMs)} → ${h.round(r.idle.serverMs)} ms/s with the bot polling, bot ${h.round(r.idle.botMs)} ms/s, ${r.calls} getUpdates in ${IDLE_S} s`
  const hbIdle = idle.get(hb)
  h.record(
    'simulator_idle_polling_cpu',
    pollCost(hbIdle),
    'ms/s',
    '≈ 0 (≤ 5 ms/s: no busy loop)',
    pollCost(hbIdle) <= 5,
  )
  h.record('simulator_idle_polling_detail', detail(hbIdle), '', null, null)
  if (tta) {
    const ttaIdle = idle.get(tta)
    h.record('telegram_test_api_idle_polling_cpu', pollCost(ttaIdle), 'ms/s', null, null, {
      note: `${detail(ttaIdle)}: it answers getUpdates at once, so the bot spins`,
    })
  }
}

/** The telegram-test-api child: its server on a free loopback port, `listening on URL` once it listens. */
async function ttaServer() {
  const { default: TelegramServer } = await import('telegram-test-api')
  const port = await new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 })
  await server.start()
  process.stdout.write(`telegram-test-api is listening on ${server.config.apiURL}\n`)
  process.on('SIGTERM', () => {
    void server.stop().then(() => process.exit(0))
  })
}

if (process.argv[2] === '--tta-server') await ttaServer()
