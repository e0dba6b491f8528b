import { AppError } from '@shared/errors'
import {
  checkEventsInOrder,
  checkOutput,
  contractChecks,
  type Capabilities,
  type HookbenchBridge,
  type HookbenchClient,
} from './client'

/** The preload's capabilities: both flags booleans, or both false (an odd bridge gets no extras). */
function bridgeCapabilities(raw: unknown): Omit<Capabilities, 'shell'> {
  const none = { keychain: false, notifications: false }
  if (typeof raw !== 'object' || raw === null) return none
  const { keychain = false, notifications = false } = raw as Record<string, unknown>
  return typeof keychain === 'boolean' && typeof notifications === 'boolean'
    ? { keychain, notifications }
    : none
}

/** The Electron implementation: calls go through `window.hookbench.methods`, events through `onEvent`. */
export function createIpcClient(bridge: HookbenchBridge): HookbenchClient {
  const capabilities: Capabilities = { shell: 'electron', ...bridgeCapabilities(bridge.capabilities ?? {}) }
  return {
    capabilities,
    async call(name, input) {
      let answer: unknown
      try {
        answer = await bridge.methods[name](input)
      } catch {
        throw new AppError(
          'unavailable',
          `The Hookbench core did not answer ${name}. Restart the app if this persists.`,
        )
      }
      // The envelope the main process answers every call with (STYLE §3: never throw through ipcMain.handle).
      const envelope = (answer ?? {}) as { ok?: unknown; value?: unknown; error?: unknown }
      if (envelope.ok === true) return checkOutput(name, envelope.value)
      const error = envelope.ok === false ? (await contractChecks()).parseErrorShape(envelope.error) : null
      if (!error) {
        throw new AppError('internal', `The Hookbench core answered ${name} without a result envelope.`)
      }
      throw AppError.fromShape(error)
    },
    subscribe(listener) {
      let active = true
      const off = bridge.onEvent(
        checkEventsInOrder((event) => {
          if (active) listener(event) // not after unsubscribe, even for an event checked late
        }),
      )
      return () => {
        active = false
        off()
      }
    },
    onConnection(listener) {
      listener('connected')
      return () => {}
    },
  }
}
