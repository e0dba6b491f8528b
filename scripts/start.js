// `npm start`: builds, then runs the desktop app where Electron can start; otherwise says in one line why
// (and how to get the desktop shell) and runs the headless shell with the same UI in a browser.
// Never triggers electron's lazy binary download: it reads node_modules/electron/path.txt itself.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const INSTALL_HINT = 'run `npx install-electron` once, with network, to get the desktop app'
/** An Electron that exits non-zero this soon after launch did not start: fall back to the headless shell. */
const START_WINDOW_MS = 20_000

/**
 * The Electron binary `electron-vite preview` would run, or why there is none. `electronDir` is the electron
 * package folder (null when the package is not installed at all). ELECTRON_EXEC_PATH (electron-vite's own
 * override) wins, then ELECTRON_OVERRIDE_DIST_PATH (electron's), then the package's path.txt.
 * @param {{ electronDir: string | null, env: NodeJS.ProcessEnv, platform: NodeJS.Platform }} where
 * @returns {{ path: string } | { reason: string }}
 */
function electronBinary({ electronDir, env, platform }) {
  if (env.ELECTRON_EXEC_PATH) {
    const path = env.ELECTRON_EXEC_PATH
    return existsSync(path) ? { path } : { reason: `ELECTRON_EXEC_PATH names no file (${path})` }
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, platform === 'win32' ? 'electron.exe' : 'electron')
    return existsSync(path)
      ? { path }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${path})` }
  }
  if (electronDir === null) return { reason: 'the electron package is not installed (run `npm install`)' }
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return { reason: `Electron's binary is not installed (${INSTALL_HINT})` }
  const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path } : { reason: `Electron's binary is missing at ${path} (${INSTALL_HINT})` }
}

/**
 * Whether Electron can start here: `{ path }` of its binary, or the `reason` it cannot (no binary, or Linux
 * without a display).
 * @param {{ electronDir: string | null, env: NodeJS.ProcessEnv, platform: NodeJS.Platform }} where
 * @returns {{ path: string } | { reason: string }}
 */
export function electronLaunch(where) {
  const binary = electronBinary(where)
  if ('reason' in binary) return binary
  if (where.platform === 'linux' && !where.env.DISPLAY && !where.env.WAYLAND_DISPLAY)
    return {
      reason:
        'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set); the desktop app needs a graphical session',
    }
  return binary
}

/** electronLaunch() for this machine: the installed electron package, this process's env and platform. */
export function electronHere(env = process.env) {
  return electronLaunch({ electronDir: electronDir(), env, platform: process.platform })
}

function electronDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
}

/** electron-vite's CLI, run by this Node (no shell, no .cmd shim on Windows). */
const electronVite = () =>
  join(
    dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  )

function onPath(command, env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)))
}

/** Opens the UI in the default browser where there is an opener and this is not CI; true when it tried. */
function openBrowser(url, env) {
  if (env.CI || env.HOOKBENCH_NO_BROWSER) return false
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]]
  if (process.platform === 'linux' && (!onPath('xdg-open', env) || (!env.DISPLAY && !env.WAYLAND_DISPLAY)))
    return false
  const opener = spawn(command, args, { stdio: 'ignore', detached: true })
  opener.on('error', () => {})
  opener.unref()
  return true
}

/**
 * Runs `command` in its own process group and forwards SIGINT/SIGTERM to it, each kind once: a Ctrl+C under
 * `npm start` reaches this script twice (from the terminal and from npm), and a second SIGINT would make the
 * headless shell skip its clean shutdown. Resolves with the child's exit code, and whether a signal came.
 */
function runForwarding(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', options.onStdout ? 'pipe' : 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
    env: process.env,
  })
  const forwarded = new Set()
  const forward = (signal) => {
    if (forwarded.has(signal)) return
    forwarded.add(signal)
    if (child.exitCode === null) child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  if (options.onStdout) {
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      options.onStdout(chunk.toString())
    })
  }
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`hookbench: could not run ${command}: ${err.message}\n`)
      resolve({ code: 1, signalled: forwarded.size > 0 })
    })
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve({ code: code ?? (signal ? 1 : 0), signalled: forwarded.size > 0 })
    })
  })
}

/** The headless shell on the usual port (8780, or $HOOKBENCH_PORT) and data dir; prints (and opens) the UI. */
async function runHeadless(env) {
  let buffered = ''
  let opened = false
  const { code } = await runForwarding(process.execPath, [join(root, 'bin', 'hookbench.js'), 'serve'], {
    onStdout(text) {
      if (opened) return
      buffered += text
      const ui = /^UI: (\S+)/m.exec(buffered)
      if (!ui) return
      opened = true
      process.stdout.write(
        openBrowser(ui[1], env)
          ? 'hookbench: opened the UI in your browser (or open the UI link above).\n'
          : 'hookbench: open the UI link above in your browser. Stop with Ctrl+C.\n',
      )
    },
  })
  return code
}

async function main() {
  // `npm start -- --skip-build` reuses out/ as it is (a quick restart).
  if (!process.argv.includes('--skip-build')) {
    const build = spawnSync(process.execPath, [electronVite(), 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }

  const launch = electronHere()
  let reason = 'reason' in launch ? launch.reason : null
  if (reason === null) {
    const launched = Date.now()
    // electron-vite runs exactly the binary checked above.
    process.env.ELECTRON_EXEC_PATH = launch.path
    const { code, signalled } = await runForwarding(process.execPath, [
      electronVite(),
      'preview',
      '--skipBuild',
    ])
    if (code === 0 || signalled || Date.now() - launched > START_WINDOW_MS) process.exit(code)
    reason = `Electron exited with code ${code} while starting (see its output above)`
  }
  process.stdout.write(
    `hookbench: no desktop window: ${reason}. Starting the headless shell instead (the same UI, in your browser).\n`,
  )
  process.exit(await runHeadless(process.env))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
