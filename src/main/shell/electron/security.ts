import { app, shell, session, type WebContents } from 'electron'

/** The renderer's own origin: file:// in production, the dev server in `npm run dev`. */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  try {
    const u = new URL(url)
    const r = new URL(rendererUrl)
    return u.protocol === 'file:'
      ? r.protocol === 'file:' && u.pathname === r.pathname
      : u.origin === r.origin
  } catch {
    return false
  }
}

/**
 * Locks every web contents to the app: no navigation away, no new windows (http(s) links open in the system
 * browser), no permissions (camera, notifications API, geolocation, ...), no webviews.
 */
export function hardenApp(rendererUrl: () => string): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl())) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//i.test(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
  app.whenReady().then(
    () => {
      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
      session.defaultSession.setPermissionCheckHandler(() => false)
    },
    () => undefined,
  )
}
