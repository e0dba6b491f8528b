// The bench's `memory` section, memory per large request (issue 18 item 11): a fresh `hookbench serve` per
// body, its peak RSS (VmHWM) while it takes one 10 MB webhook, and its RSS once it has rested. Target: back
// under 200 MB at rest.
import { readFileSync } from 'node:fs'
import { BASIC, record, removeDir, sleep, startServe, tempDir } from './harness.js'

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

export async function memorySection() {
  for (const [name, contentType, body] of largeBodies()) {
    const dataDir = tempDir('hb-bench-mem-')
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
      await sleep(REST_MS)
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
      removeDir(dataDir)
    }
  }
}
