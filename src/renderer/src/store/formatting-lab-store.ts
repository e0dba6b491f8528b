import { create } from 'zustand'
import type { AppErrorShape } from '@shared/errors'
import type { FormatPreview, SimFormatError } from '@shared/simulator'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import type { LoadState } from './list-slice'

export type DraftParseMode = 'Markdown' | 'MarkdownV2' | 'HTML' | 'none'

export interface FormatDraft {
  text: string
  parseMode: DraftParseMode
  kind: 'text' | 'caption'
}

/** A preview's result: the answer, or why the call failed (a parse error is an answer, not a failure). */
export interface PreviewResult {
  busy: boolean
  preview: FormatPreview | null
  error: AppErrorShape | null
}

export interface FormattingLabState {
  draft: FormatDraft
  draftResult: PreviewResult
  /** Parse errors the simulator answered in the open chat, newest first. */
  errors: SimFormatError[]
  errorsLoad: LoadState
  errorsError: AppErrorShape | null
  /** Rule editor: the preview of each Telegram action's template, by action index. */
  templates: Record<number, PreviewResult>
  setDraft(patch: Partial<FormatDraft>): void
  previewDraft(): Promise<void>
  fetchErrors(chatId: number): Promise<void>
  previewTemplate(
    index: number,
    text: string,
    parseMode: DraftParseMode,
    messageId: number | null,
  ): Promise<void>
}

const IDLE: PreviewResult = { busy: false, preview: null, error: null }

export const initialFormattingLabState = {
  draft: { text: '', parseMode: 'MarkdownV2' as DraftParseMode, kind: 'text' as const },
  draftResult: IDLE,
  errors: [],
  errorsLoad: 'idle' as LoadState,
  errorsError: null,
  templates: {},
} satisfies Partial<FormattingLabState>

export const useFormattingLabStore = create<FormattingLabState>()((set, get) => ({
  ...initialFormattingLabState,

  setDraft(patch) {
    set((s) => ({ draft: { ...s.draft, ...patch } }))
  },

  async previewDraft() {
    set((s) => ({ draftResult: { ...s.draftResult, busy: true, error: null } }))
    try {
      const preview = await client().call('previewFormat', get().draft)
      set({ draftResult: { busy: false, preview, error: null } })
    } catch (error) {
      set({ draftResult: { busy: false, preview: null, error: toErrorShape(error) } })
    }
  },

  async fetchErrors(chatId) {
    if (get().errorsLoad !== 'ready') set({ errorsLoad: 'loading' })
    try {
      const { items } = await client().call('listSimFormatErrors', { chatId })
      set({ errors: items, errorsLoad: 'ready', errorsError: null })
    } catch (error) {
      set({ errorsLoad: 'error', errorsError: toErrorShape(error) })
    }
  },

  async previewTemplate(index, text, parseMode, messageId) {
    const put = (result: PreviewResult) => set((s) => ({ templates: { ...s.templates, [index]: result } }))
    put({ ...(get().templates[index] ?? IDLE), busy: true, error: null })
    try {
      const sample = messageId === null ? {} : { messageId }
      put({
        busy: false,
        preview: await client().call('previewFormat', { text, parseMode, sample }),
        error: null,
      })
    } catch (error) {
      put({ busy: false, preview: null, error: toErrorShape(error) })
    }
  },
}))
