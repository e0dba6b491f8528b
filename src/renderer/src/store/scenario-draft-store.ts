import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { ScenarioRecording } from '@shared/scenarios'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import { scenarioFileName } from '../lib/scenario-file'

/**
 * Scenarios made from traffic before they become files: the simulator's recording of a chat, and a chat of
 * the Conversations timeline. Both end in "Save as scenario".
 */
export interface ScenarioDraftState {
  /** The recording of each simulator chat (running or stopped), by chat id. */
  recordings: Record<number, ScenarioRecording>
  recordError: AppErrorShape | null
  /** YAML made from a Conversations chat. */
  fromChat: { chatId: number; yaml: string; steps: number } | null
  fromChatError: AppErrorShape | null
  fromChatBusy: boolean
  /** The file the last "Save as scenario" wrote. */
  savedPath: string | null
  saveError: AppErrorShape | null
  record(chatId: number, action: 'start' | 'stop'): Promise<void>
  makeFromChat(input: { chatId: number; from?: string; to?: string }): Promise<void>
  saveAs(name: string, yaml: string): Promise<string | null>
  resetSaved(): void
  applyRecording(recording: ScenarioRecording): void
}

export const initialScenarioDraftState = {
  recordings: {},
  recordError: null,
  fromChat: null,
  fromChatError: null,
  fromChatBusy: false,
  savedPath: null,
  saveError: null,
} satisfies Partial<ScenarioDraftState>

export const useScenarioDraftStore = create<ScenarioDraftState>()((set, get) => ({
  ...initialScenarioDraftState,

  async record(chatId, action) {
    set({ recordError: null, savedPath: null, saveError: null })
    try {
      get().applyRecording(await client().call('recordScenario', { chatId, action }))
    } catch (error) {
      set({ recordError: toErrorShape(error) })
    }
  },

  async makeFromChat(input) {
    set({ fromChatBusy: true, fromChatError: null, savedPath: null, saveError: null })
    try {
      const made = await client().call('scenarioFromConversation', input)
      set({ fromChatBusy: false, fromChat: { chatId: input.chatId, ...made } })
    } catch (error) {
      set({ fromChatBusy: false, fromChatError: toErrorShape(error) })
    }
  },

  async saveAs(name, yaml) {
    const path = scenarioFileName(name)
    set({ saveError: null, savedPath: null })
    try {
      const saved = await client().call('saveScenario', { path, text: withName(yaml, name) })
      set({ savedPath: saved.path })
      return saved.path
    } catch (error) {
      set({ saveError: toErrorShape(error) })
      return null
    }
  },

  resetSaved() {
    set({ savedPath: null, saveError: null })
  },

  applyRecording(recording) {
    set((s) => ({ recordings: { ...s.recordings, [recording.chatId]: recording } }))
  },
}))

/** The YAML with its top-level `name:` set to the name given at save time. */
export function withName(yaml: string, name: string): string {
  const line = `name: ${JSON.stringify(name.trim())}`
  if (!name.trim()) return yaml
  return /^name:.*$/m.test(yaml) ? yaml.replace(/^name:.*$/m, line) : `${line}\n${yaml}`
}
