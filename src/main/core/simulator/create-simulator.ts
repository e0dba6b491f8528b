import { AppError } from '@shared/errors'
import type { Simulator, SimulatorDeps } from './index'

// Temporary until the simulator lands (same session): every call says so.
export function createSimulator(_deps: SimulatorDeps): Simulator {
  const unavailable = () => Promise.reject(new AppError('unavailable', 'The Telegram simulator is not available yet.'))
  return {
    plugin: async () => undefined,
    createChat: unavailable,
    listChats: unavailable,
    sendMessage: unavailable,
    pressButton: unavailable,
    transcript: unavailable,
    close: () => Promise.resolve(),
  }
}
