import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, Menu, Notification, safeStorage } from 'electron'
import pino from 'pino'
import { createFileSecretStore, createLogger, DataDirLockedError, startCore, type Core } from '../../core'
import { forwardEvents, registerIpc } from './ipc'
import { hardenApp } from './security'
import { loadWindowState, trackWindowState } from './window-state'

const here = dirname(fileURLToPath(import.meta.url))
const rendererUrl = () =>
  process.env.ELECTRON_RENDERER_URL ?? `file://${join(here, '../renderer/index.html').replace(/\\/g, '/')}`

let core: Core | null = null
let window: BrowserWindow | null = null

// A separate profile (tests, or a second workspace) must be chosen before the single-instance lock.
if (process.env.HOOKBENCH_USER_DATA) app.setPath('userData', process.env.HOOKBENCH_USER_DATA)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  hardenApp(rendererUrl)
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  app.whenReady().then(start, (err: unknown) => {
    process.stderr.write(`hookbench: ${String(err)}\n`)
    app.exit(1)
  })
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  const log = createLogger({
    destination: pino.destination({ dest: join(userData, 'hookbench.log'), mkdir: true }),
  })
  const desktopNotify = (title: string, body: string) => {
    if (Notification.isSupported()) new Notification({ title, body }).show()
  }
  const port = Number(process.env.HOOKBENCH_PORT ?? 8780)
  try {
    // Secrets are wrapped by the OS keychain (safeStorage) before they touch the disk. Inside the try: a
    // secrets file that cannot be read stops the start with its dialog, like a damaged database.
    const secrets = createFileSecretStore(userData, {
      encode: (v) => safeStorage.encryptString(v).toString('base64'),
      decode: (v) => safeStorage.decryptString(Buffer.from(v, 'base64')),
    })
    const options = { dataDir: userData, log, env: process.env, secrets, desktopNotify }
    core = await startCore({ ...options, port }).catch((err: unknown) => {
      // The usual port is taken (another tool, or a headless Hookbench): any free port will do.
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') return startCore({ ...options, port: 0 })
      throw err
    })
  } catch (err) {
    // Another Electron instance is focused by the single-instance lock; this is a headless `hookbench serve`
    // (or a stuck process) on the same profile folder: say which, and quit without touching its database.
    const locked = err instanceof DataDirLockedError
    const message = err instanceof Error ? err.message : String(err)
    dialog.showErrorBox(
      locked ? 'Hookbench is already running' : 'Hookbench could not start',
      locked
        ? `${message}.\n\nStop that process (Ctrl+C in its terminal), then start Hookbench again.`
        : message,
    )
    app.exit(locked ? 2 : 1)
    return
  }
  registerIpc(core, rendererUrl)
  const running = core
  running.bus.onType('alert.changed', ({ alert, transition }) => {
    if (transition !== 'OPEN' || !running.settings.get().notifyOnOpen || window?.isFocused()) return
    desktopNotify(
      `Alert opened: ${alert.rule}`,
      `${alert.entity}${alert.lastMessage ? ` — ${alert.lastMessage}` : ''}`,
    )
  })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  )
  createWindow(userData)
}

function createWindow(userData: string): void {
  const state = loadWindowState(userData)
  window = new BrowserWindow({
    ...state.bounds,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Hookbench',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Middle-click must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) window.maximize()
  trackWindowState(userData, window)
  const stopForwarding = forwardEvents(core!, window)
  window.on('closed', () => {
    stopForwarding()
    window = null
  })
  window.once('ready-to-show', () => {
    // When the window had something to show, measured from process start (the Electron end-to-end test
    // reads it to report ready-to-show → first rows, issue 16).
    readyToShowAtMs = Date.now()
    window?.show()
  })
  void window.loadURL(rendererUrl())
}

/** Wall-clock time of the window's ready-to-show (null before); read by tests through `app.evaluate`. */
let readyToShowAtMs: number | null = null
Object.defineProperty(globalThis, '__hookbenchReadyToShowAtMs', { get: () => readyToShowAtMs })

// A clean quit: the receiver stops accepting, in-flight requests finish, the database closes.
let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !core) return
  event.preventDefault()
  quitting = true
  const running = core
  void offerWebhookRestore(running)
    .then((proceed) => {
      if (!proceed) {
        quitting = false
        return
      }
      return running.stop().finally(() => app.exit(0))
    })
    .catch(() => app.exit(1))
})

/** On quit, while Hookbench's webhook is set on a real bot, offer to put the bot's previous webhook back. */
async function offerWebhookRestore(running: Core): Promise<boolean> {
  const tg = running.telegram.state()
  if (!tg.webhook || tg.simulated) return true
  const previous = tg.previousWebhook?.url
  const { response } = await dialog.showMessageBox({
    type: 'question',
    message: `@${tg.bot?.username ?? 'your bot'} still sends its updates to Hookbench.`,
    detail: previous
      ? `Restore its previous webhook (${previous}) before quitting?`
      : 'Remove the webhook before quitting? (The bot had none before.)',
    buttons: [previous ? 'Restore previous webhook' : 'Remove webhook', 'Keep it', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
  })
  if (response === 2) return false
  if (response === 0) await running.dispatch('disconnectTelegram', { restorePrevious: Boolean(previous) })
  return true
}
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('activate', () => {
  if (!window && core) createWindow(app.getPath('userData'))
})
