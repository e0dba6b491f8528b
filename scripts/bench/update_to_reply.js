// The bench's `update_to_reply` section (issue 8): one user message in a simulated chat → the update posted
// to the receiver → a rule whose Telegram action answers → the reply in the chat transcript. Needs the
// Telegram simulator, which answers as the bot's chat.
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
  TOKEN,
} from './harness.js'

/** Measured messages (issue 8: p50/p99 over 1,000 updates), after one warm-up message. */
const REPLY_SAMPLES = Number(process.env.BENCH_REPLY_SAMPLES ?? 1000)
/**
 * The simulator enforces Telegram's flood limits (TELEGRAM.md §7: about 1 message/s per chat after a burst of
 * 20, 30/s per bot): 40 chats in turn, one message at least every 36 ms, stay under them.
 */
const REPLY_CHATS = 40
const REPLY_MIN_GAP_MS = 36

/**
 * Sequential, so each sample is one message's full loop. The reply is seen on the live event stream
 * (`simulator.message`, emitted once the bot's message is stored in the transcript), not by polling: polling
 * the transcript loaded the server it was timing.
 */
export async function updateToReplySection() {
  const dataDir = tempDir('hb-bench-reply-')
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
      await sleep(Math.max(0, REPLY_MIN_GAP_MS - ms))
    }
    if (process.env.BENCH_DEBUG) console.log(latencies.map(Math.round).join(' '))
    latencies.sort((a, b) => a - b)
    const info = {
      samples: latencies.length,
      note: `${latencies.length} updates, reply seen on the event stream`,
    }
    record('update_to_reply_p50', median(latencies), 'ms', '< 10 ms', median(latencies) < 10, info)
    record('update_to_reply_p99', percentile(latencies, 0.99), 'ms', null, null, info)
  } finally {
    events?.close()
    await hb.stop()
    removeDir(dataDir)
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
