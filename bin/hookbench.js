#!/usr/bin/env node
// Launcher for `hookbench`: the app needs Node 24 (node:sqlite, what Electron 45 bundles). When started by an
// older Node, re-run with the Node 24 binary the `node` dev dependency installs.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const cli = join(here, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('hookbench: not built yet. Run `npm run build` first.\n')
  process.exit(1)
}
const major = Number(process.versions.node.split('.')[0])
if (major >= 24) {
  await import(cli)
} else {
  let node
  try {
    node = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node')
  } catch {
    process.stderr.write(`hookbench: needs Node 24 or newer (this is ${process.version}); run npm install.\n`)
    process.exit(1)
  }
  const child = spawn(node, [cli, ...process.argv.slice(2)], { stdio: 'inherit' })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
