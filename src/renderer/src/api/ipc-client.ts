import { z } from 'zod'
import { AppError, AppErrorShape } from '@shared/errors'
import { CoreEvent } from '@shared/events'
import { parseOutput, type Capabilities, type HookbenchBridge, type HookbenchClient } from './client'

// The envelope the main process answers every IPC call with (STYLE §3: never throw through ipcMain.handle).
const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorShape }),
])

const BridgeCapabilities = z
  .object({ keychain: z.boolean().default(false), notifications: z.boolean().default(false) })
  .catch({ keychain: false, notifications: false })

/** The Electron implementation: calls go through `window.hookbench.methods`, events through `onEvent`. */
export function createIpcClient(bridge: HookbenchBridge): HookbenchClient {
  const capabilities: Capabilities = {
    shell: 'electron',
    ...BridgeCapabilities.parse(bridge.capabilities ?? {}),
  }
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
      const envelope = Envelope.safeParse(answer)
      if (!envelope.success) {
        throw new AppError('internal', `The Hookbench core answered ${name} without a result envelope.`)
      }
      if (!envelope.data.ok) throw AppError.fromShape(envelope.data.error)
      return parseOutput(name, envelope.data.value)
    },
    subscribe(listener) {
      return bridge.onEvent((raw) => {
        const event = CoreEvent.safeParse(raw)
        if (event.success) listener(event.data)
      })
    },
    onConnection(listener) {
      listener('connected')
      return () => {}
    },
  }
}
