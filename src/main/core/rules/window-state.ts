import type { AlertStatus } from '@shared/rules'
import type { MessageCommand } from '@shared/message'
import type { WindowKind } from './compile'

/** One command in a window: its message id and command time. */
export interface WindowEntry {
  id: number
  dateMs: number
}

/** A window's whole state; persisted as JSON in rule_windows (docs/decisions/003-windows.md). */
export interface WindowState {
  entries: WindowEntry[]
  last: MessageCommand
  lastMessageId: number
  lastReceivedAtMs: number
  status: AlertStatus
  repeatCount: number
  openTimeMs: number | null
  alertId: number | null
  /** Per action index: REPEATs seen since OPEN and when it last fired (repeat strategies). */
  actions: Record<number, { repeats: number; lastFiredMs: number | null }>
}

/**
 * A window whose last command is larger than this (message characters, or tags) is persisted with that command
 * by reference: its message row (lastMessageId) holds it already. Writing a 5 MB message into rule_windows on
 * every flush held the event loop ~45 ms each time (issue 18.8); a command this large is read back from its
 * message row at start. Should retention have deleted that row meanwhile, the window keeps what identifies it
 * (entity, type, source, severity, date) with no message text and no tags.
 */
export const INLINE_LAST_COMMAND_LIMIT = 64 * 1024

/** What rule_windows stores for a window (persistedWindow / restoredWindow). */
type PersistedWindow = WindowState & { lastByReference?: true }

export function persistedWindow(w: WindowState): PersistedWindow {
  const { message, tags } = w.last
  let tagChars = 0
  for (const k in tags) {
    tagChars += k.length + tags[k]!.length
    if (tagChars > INLINE_LAST_COMMAND_LIMIT) break
  }
  if ((message?.length ?? 0) <= INLINE_LAST_COMMAND_LIMIT && tagChars <= INLINE_LAST_COMMAND_LIMIT) return w
  return { ...w, last: { ...w.last, message: null, tags: {} }, lastByReference: true }
}

/** The window as persistedWindow stored it, its last command read back by `commandOf` when stored by reference. */
export function restoredWindow(
  stored: PersistedWindow,
  commandOf: (messageId: number) => MessageCommand | null,
): WindowState {
  const { lastByReference, ...w } = stored
  if (!lastByReference) return w
  return { ...w, last: commandOf(w.lastMessageId) ?? w.last }
}

/** Time windows never hold more than this many entries (the oldest leave first). */
export const MAX_TIME_WINDOW_ENTRIES = 100_000

export function newWindow(last: MessageCommand, messageId: number, receivedAtMs: number): WindowState {
  return {
    entries: [],
    last,
    lastMessageId: messageId,
    lastReceivedAtMs: receivedAtMs,
    status: 'CANCEL', // ATSD-BEHAVIOUR §5: a new window starts as CANCEL
    repeatCount: 0,
    openTimeMs: null,
    alertId: null,
    actions: {},
  }
}

/** Adds a command in command-time order, then drops what no longer fits (oldest first). */
export function addEntry(state: WindowState, window: WindowKind, entry: WindowEntry, nowMs: number): void {
  const e = state.entries
  let i = e.length
  while (i > 0 && e[i - 1]!.dateMs > entry.dateMs) i--
  e.splice(i, 0, entry)
  if (window.kind === 'length') {
    if (e.length > window.size) e.splice(0, e.length - window.size)
  } else {
    expire(state, window, nowMs)
    if (e.length > MAX_TIME_WINDOW_ENTRIES) e.splice(0, e.length - MAX_TIME_WINDOW_ENTRIES)
  }
}

/** Time windows: drops commands older than now − interval; returns how many left. */
export function expire(state: WindowState, window: WindowKind, nowMs: number): number {
  if (window.kind !== 'time') return 0
  const cutoff = nowMs - window.ms
  let n = 0
  while (n < state.entries.length && state.entries[n]!.dateMs < cutoff) n++
  if (n > 0) state.entries.splice(0, n)
  return n
}

/** false→true OPEN, true→true REPEAT, true→false CANCEL, false→false nothing. */
export function transitionOf(status: AlertStatus, value: boolean): AlertStatus | null {
  const active = status === 'OPEN' || status === 'REPEAT'
  if (!active && value) return 'OPEN'
  if (active && value) return 'REPEAT'
  if (active && !value) return 'CANCEL'
  return null
}
