import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, METHOD_NAMES, channelOf } from '../shared/api-names'

// One function per contract method, never a raw ipcRenderer pass-through (STYLE §2).
const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
)

contextBridge.exposeInMainWorld('hookbench', {
  methods,
  onEvent(listener: (event: unknown) => void) {
    const forward = (_e: IpcRendererEvent, event: unknown) => listener(event)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.off(EVENT_CHANNEL, forward)
    }
  },
  capabilities: { shell: 'electron', keychain: true, notifications: true },
})
