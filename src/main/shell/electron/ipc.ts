import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { EVENT_CHANNEL, METHOD_NAMES, channelOf } from '@shared/api-names'
import type { Core } from '../../core'
import { isAppUrl } from './security'

/**
 * One ipcMain.handle per contract method, all through core.dispatch (validated there with zod). Never throws
 * through ipcMain.handle: the envelope carries kind and where, which a thrown Error would lose.
 */
export function registerIpc(core: Core, rendererUrl: () => string): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const url = event.senderFrame?.url
    return url !== undefined && isAppUrl(url, rendererUrl())
  }
  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelOf(name), (event, input: unknown) =>
      trusted(event)
        ? core.dispatch(name, input)
        : { ok: false, error: { kind: 'forbidden', message: 'IPC from an untrusted frame was refused.' } },
    )
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(channelOf(name))
  }
}

/** Forwards every core event to the window. */
export function forwardEvents(core: Core, window: BrowserWindow): () => void {
  return core.bus.on((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event)
  })
}
