import { create } from 'zustand'
import type { RuleTestResult } from '@shared/alerts'
import type { MessageRow } from '@shared/domain'
import type { AppErrorShape } from '@shared/errors'
import type { MessageCommand } from '@shared/message'
import { TELEGRAM_CHAT_TAG } from '@shared/rule-defaults'
import { client } from '../api/client'
import { toErrorShape } from '../lib/app-error'
import {
  adoptSavedActions,
  draftFromRule,
  draftToInput,
  emptyDraft,
  newAction,
  prefillFromMessage,
  type ActionDraft,
  type ActionKind,
  type RuleDraft,
} from '../lib/rule-draft'
import type { LoadState } from './list-slice'

export interface RuleEditorState {
  /** The rule being edited; null for a new one. */
  ruleId: string | null
  load: LoadState
  loadError: AppErrorShape | null
  draft: RuleDraft
  saving: boolean
  /** The last save's failure: its field, line and column mark the editors. */
  error: AppErrorShape | null
  /** Notes from the last save (e.g. tags no stored message has carried). */
  warnings: string[]
  savedAt: string | null
  /** The core's verdict on the draft as it is typed (syntax and names), without a save. */
  liveError: AppErrorShape | null
  tagNames: string[]
  messages: MessageRow[]
  messagesLoad: LoadState
  messagesError: AppErrorShape | null
  /** The stored message the draft is tested and previewed against. */
  testMessageId: number | null
  test: RuleTestResult | null
  testing: boolean
  open(ruleId: string | null, fromMessage: number | null): Promise<void>
  edit(patch: Partial<RuleDraft>): void
  editAction(index: number, patch: Partial<ActionDraft>): void
  addAction(kind: ActionKind): void
  removeAction(index: number): void
  /** Saves (create or update); resolves the rule's id, or null when the core refused it. */
  save(): Promise<string | null>
  loadTagNames(): Promise<void>
  /** The newest 50 stored messages, or the newest 50 whose text contains `text` (MessageQuery.text). */
  loadMessages(text?: string): Promise<void>
  chooseMessage(id: number | null): Promise<void>
  /** Asks the core about the draft: against the chosen message, or a blank command just to check it. */
  check(): Promise<void>
}

export const initialRuleEditorState = {
  ruleId: null,
  load: 'idle' as LoadState,
  loadError: null,
  draft: emptyDraft(),
  saving: false,
  error: null,
  warnings: [],
  savedAt: null,
  liveError: null,
  tagNames: [],
  messages: [],
  messagesLoad: 'idle' as LoadState,
  messagesError: null,
  testMessageId: null,
  test: null,
  testing: false,
} satisfies Partial<RuleEditorState>

/** Stands in for a message when there is none to test against: checking the draft needs some command. */
const BLANK_COMMAND: MessageCommand = {
  entity: 'hookbench',
  type: 'webhook',
  source: 'hookbench',
  severity: null,
  message: '',
  date: new Date(0).toISOString(),
  tags: {},
}

export const useRuleEditorStore = create<RuleEditorState>()((set, get) => {
  let opened = 0
  let checks = 0
  const changed = (patch: Partial<RuleEditorState>) => set({ ...patch, error: null, savedAt: null })
  const ruleForTest = () => {
    const { draft, ruleId } = get()
    return { ...draftToInput(draft), name: draft.name.trim() || 'draft', ...(ruleId && { id: ruleId }) }
  }

  return {
    ...initialRuleEditorState,

    async open(ruleId, fromMessage) {
      const mine = ++opened
      // A new rule was just created and the window moved to its address: keep the draft and the save's notes.
      const current = get()
      if (
        ruleId !== null &&
        ruleId === current.ruleId &&
        current.savedAt !== null &&
        current.load === 'ready'
      )
        return
      set({
        ...initialRuleEditorState,
        ruleId,
        load: 'loading',
        tagNames: get().tagNames,
        messages: get().messages,
        messagesLoad: get().messagesLoad,
        draft: emptyDraft(),
      })
      try {
        let draft = emptyDraft()
        if (ruleId) draft = draftFromRule(await client().call('getRule', { id: ruleId }))
        else if (fromMessage !== null) draft = prefillFromMessage(draft, await messageFacts(fromMessage))
        if (mine !== opened) return
        set({ draft, load: 'ready', testMessageId: fromMessage })
        if (fromMessage !== null) void get().check()
      } catch (error) {
        if (mine === opened) set({ load: 'error', loadError: toErrorShape(error) })
      }
    },

    edit(patch) {
      changed({ draft: { ...get().draft, ...patch } })
    },

    editAction(index, patch) {
      const actions = get().draft.actions.map((action, i) =>
        i === index ? ({ ...action, ...patch } as ActionDraft) : action,
      )
      changed({ draft: { ...get().draft, actions } })
    },

    addAction(kind) {
      const { draft, ruleId } = get()
      // A new rule that answers Telegram chats gets one window per chat, so every chat is answered every time.
      const perChat = kind === 'telegram' && ruleId === null && draft.groupTagsMode === 'none'
      changed({
        draft: {
          ...draft,
          ...(perChat && { groupTagsMode: 'list' as const, groupTagsText: TELEGRAM_CHAT_TAG }),
          actions: [...draft.actions, newAction(kind)],
        },
      })
    },

    removeAction(index) {
      changed({ draft: { ...get().draft, actions: get().draft.actions.filter((_, i) => i !== index) } })
    },

    async save() {
      const { draft, ruleId, saving } = get()
      if (saving) return null
      set({ saving: true, error: null, warnings: [] })
      try {
        const input = draftToInput(draft)
        const saved = ruleId
          ? await client().call('updateRule', { ...input, id: ruleId })
          : await client().call('createRule', input)
        set({
          saving: false,
          // Secret header values just typed now show as the placeholders the core stored (unless edited meanwhile).
          ...(get().draft === draft && { draft: adoptSavedActions(draft, saved.rule) }),
          ruleId: saved.rule.id,
          warnings: saved.warnings,
          savedAt: saved.rule.updatedAt,
          liveError: null,
        })
        return saved.rule.id
      } catch (error) {
        set({ saving: false, error: toErrorShape(error) })
        return null
      }
    },

    async loadTagNames() {
      try {
        const { items } = await client().call('listTagNames', { limit: 1000 })
        set({ tagNames: items })
      } catch {
        // Completion works without tag names; the editor stays usable.
      }
    },

    async loadMessages(text) {
      set({ messagesLoad: 'loading', messagesError: null })
      try {
        const page = await client().call('listMessages', {
          limit: 50,
          ...(text?.trim() && { text: text.trim() }),
        })
        set({ messages: page.items, messagesLoad: 'ready' })
      } catch (error) {
        set({ messagesLoad: 'error', messagesError: toErrorShape(error) })
      }
    },

    async chooseMessage(id) {
      set({ testMessageId: id, test: null })
      await get().check()
    },

    async check() {
      const mine = ++checks
      const { testMessageId } = get()
      set({ testing: true })
      try {
        const test = await client().call('testRuleDraft', {
          rule: ruleForTest(),
          ...(testMessageId === null ? { command: BLANK_COMMAND } : { messageId: testMessageId }),
        })
        if (mine === checks)
          set({ testing: false, liveError: null, test: testMessageId === null ? null : test })
      } catch (error) {
        if (mine === checks) set({ testing: false, liveError: toErrorShape(error), test: null })
      }
    },
  }
})

/**
 * What the prefill needs from a stored message: its entity and Telegram chat. The contract has no
 * getMessage, so the core renders them through a throwaway draft (testRuleDraft has no side effects).
 */
async function messageFacts(messageId: number) {
  const probe = {
    name: 'probe',
    enabled: false,
    actions: [{ kind: 'telegram', chatId: '${tags.message.chat.id}', text: '${entity}', parseMode: 'none' }],
  }
  const result = await client().call('testRuleDraft', { rule: probe, messageId })
  const texts = result.actions[0]?.texts ?? {}
  return { entity: texts.text ?? '', chatId: texts.chatId || null }
}
