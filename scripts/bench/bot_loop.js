// The bench's `bot_loop` section, the bot in the loop (docs/bot-in-the-loop.md): what the recording proxy
// costs a bot's call, measured side by side with the same call straight to the upstream (the simulator), and
// how long a received update takes to reach the bot's webhook through forwarding.
import { createServer } from 'node:http'
import {
  api,
  median,
  percentile,
  record,
  removeDir,
  REPLY_TIMEOUT_MS,
  skip,
  sleep,
  startServe,
  tempDir,
} from './harness.js'

const BOT_LOOP_SAMPLES = Number(process.env.BENCH_BOT_LOOP_SAMPLES ?? 200)

async function timedPost(url, body) {
  const t0 = performance.now()
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${url.replace(/bot[^/]+/, 'bot<token>')} answered ${res.status}`)
  return performance.now() - t0
}

export async function botLoopSection() {
  const dataDir = tempDir('hb-bench-loop-')
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
      await sleep(Math.max(0, 80 - (performance.now() - t0)))
    }
    direct.sort((x, y) => x - y)
    proxied.sort((x, y) => x - y)
    const info = { samples: direct.length, note: 'sendMessage to the simulator, sequential, alternating' }
    record('bot_call_direct_p50', median(direct), 'ms', null, null, info)
    record('bot_call_direct_p99', percentile(direct, 0.99), 'ms', null, null, info)
    record('bot_call_proxied_p50', median(proxied), 'ms', null, null, info)
    record('bot_call_proxied_p99', percentile(proxied, 0.99), 'ms', null, null, info)
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
    const p99 = percentile(latencies, 0.99)
    const note = {
      samples: latencies.length,
      note: 'simulated user message → the bot webhook, through the receiver',
    }
    record('update_to_bot_p50', median(latencies), 'ms', '< 20 ms', median(latencies) < 20, note)
    record('update_to_bot_p99', p99, 'ms', null, null, note)
  } finally {
    botServer.close()
    await hb.stop()
    removeDir(dataDir)
  }
}
