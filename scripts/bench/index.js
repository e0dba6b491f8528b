// `npm run bench`: Hookbench's performance figures (SPEC "Non-functional targets"). A benchmark,
// not a test: it prints one line per figure, `name: value unit (target …)`, and writes the whole run as JSON
// to bench-results/bench-<timestamp>.json. Everything listens on 127.0.0.1 and stops by itself.
//
// It drives the BUILT CLI (out/main/cli.js, from `npm run build`) as child processes, so what is measured is
// exactly what `hookbench serve` runs. One file of this folder per section; harness.js holds what they share.
//
// Environment: BENCH_DURATION_S (default 10), BENCH_WARMUP_S (2), BENCH_FULL=1 adds the 1M-request scale step,
// BENCH_ONLY=receiver,update_to_reply,bot_loop,scale,bundle,ui,electron,simulator,hostile,memory runs only those
// sections (a name that is no section: the bench prints the sections and exits 2; simulator: the same polling
// echo bot against the simulator and telegram-test-api, simulator.js; BENCH_SIM_SAMPLES), BENCH_RULES (100)
// the rule count,
// BENCH_RULE_SETS=one-fires,all-fire the rule sets the receiver is measured with (RULE_SETS in receiver.js),
// BENCH_REPLY_SAMPLES (1000) and BENCH_BOT_LOOP_SAMPLES (200) the update_to_reply and bot_loop samples,
// BENCH_DEBUG=1 also prints each update → reply latency, CHROMIUM_PATH (/usr/bin/chromium) the browser the ui
// section drives, BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of each `hookbench serve` child there (the
// child is then stopped with SIGTERM, not SIGKILL, so the profile is written). Results: docs/performance.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { botLoopSection } from './bot_loop.js'
import { bundleSection } from './bundle.js'
import { electronSection } from './electron.js'
import {
  api,
  CLI,
  CONNECTIONS,
  cpuMs,
  DURATION_S,
  figures,
  FULL,
  loadAverage,
  median,
  record,
  removeDir,
  ROOT,
  round,
  RULES,
  SELECTED_SETS,
  skip,
  startChild,
  startServe,
  tempDir,
  WARMUP_S,
} from './harness.js'
import { hostileSection } from './hostile.js'
import { memorySection } from './memory.js'
import { receiverSection } from './receiver.js'
import { scaleSection } from './scale.js'
import { simulatorSection } from './simulator.js'
import { uiSection } from './ui.js'
import { updateToReplySection } from './update_to_reply.js'

/** Every section, in the order a run takes them. */
const SECTIONS = [
  ['receiver', receiverSection],
  ['update_to_reply', updateToReplySection],
  ['bot_loop', botLoopSection],
  ['scale', scaleSection],
  ['bundle', bundleSection],
  ['ui', uiSection],
  ['electron', electronSection],
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
        tempDir,
        removeDir,
      }),
  ],
  ['hostile', hostileSection],
  ['memory', memorySection],
]

/** BENCH_ONLY's names (all sections when it is not set); an unknown name prints the known ones and exits 2. */
function selectedSections() {
  if (process.env.BENCH_ONLY === undefined) return SECTIONS
  const only = process.env.BENCH_ONLY.split(',')
  const known = SECTIONS.map(([name]) => name)
  const unknown = only.filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    console.error(`bench: BENCH_ONLY: no section ${unknown.map((n) => `'${n}'`).join(', ')}; the sections:`)
    console.error(known.join(','))
    process.exit(2)
  }
  return SECTIONS.filter(([name]) => only.includes(name))
}

async function main() {
  const sections = selectedSections()
  if (!existsSync(CLI)) {
    console.error(`bench: ${CLI} is missing; run \`npm run build\` first (npm run bench does).`)
    process.exit(2)
  }
  const started = new Date()
  // Other work on the machine moves every absolute figure: the load average says how busy it was.
  const startLoad = loadAverage()
  console.log(
    `Hookbench bench: Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GB, load ${startLoad.join(' ')}; autocannon -c ${CONNECTIONS} -d ${DURATION_S} after ${WARMUP_S} s warm-up`,
  )
  const errors = []
  for (const [name, run] of sections) {
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

await main()
