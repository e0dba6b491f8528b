import type { BotCall, ForwardAttempt, ForwardedUpdate, TimelineItem } from '@shared/bot-loop'

/** What the live stream brings for a conversation: one of the timeline's three kinds. */
export type TimelineEvent =
  | { kind: 'update'; update: ForwardedUpdate }
  | { kind: 'forward'; attempt: ForwardAttempt }
  | { kind: 'call'; call: BotCall }

/** A stable key per entry: an update is one entry whatever its state, a call or attempt one per id. */
export function timelineKey(item: TimelineItem): string {
  switch (item.kind) {
    case 'update':
      return `update-${item.update.updateId}`
    case 'forward':
      return `forward-${item.attempt.id}`
    case 'call':
      return `call-${item.call.id}`
  }
}

/** The chat an event belongs to (null for calls such as getMe that name no chat). */
export function chatOfEvent(event: TimelineEvent): number | null {
  switch (event.kind) {
    case 'update':
      return event.update.chatId
    case 'forward':
      return event.attempt.chatId
    case 'call':
      return event.call.chatId
  }
}

/** The event as a timeline entry, timed as the core times it. */
export function toTimelineItem(event: TimelineEvent): TimelineItem {
  switch (event.kind) {
    case 'update':
      return { kind: 'update', time: event.update.time, update: event.update }
    case 'forward':
      return { kind: 'forward', time: event.attempt.time, attempt: event.attempt }
    case 'call':
      return { kind: 'call', time: event.call.time, call: event.call }
  }
}

/** A failed call, a failed delivery attempt or a dropped update: what "errors only" keeps. */
export function isTimelineError(item: TimelineItem): boolean {
  switch (item.kind) {
    case 'update':
      return item.update.state === 'dropped'
    case 'forward':
      return !item.attempt.delivered
    case 'call':
      return !item.call.ok
  }
}

/**
 * Both lists as one, oldest first: a later copy of an entry replaces the earlier one in place (an update
 * going from pending to delivered), new entries go in time order, and only the newest `max` stay.
 */
export function mergeTimeline(
  base: readonly TimelineItem[],
  updates: readonly TimelineItem[],
  max: number,
): TimelineItem[] {
  const byKey = new Map(base.map((item) => [timelineKey(item), item]))
  for (const item of updates) byKey.set(timelineKey(item), item)
  // Array.prototype.sort is stable: entries of the same millisecond keep their arrival order.
  const merged = [...byKey.values()].sort((a, b) => a.time.localeCompare(b.time))
  return merged.length > max ? merged.slice(merged.length - max) : merged
}

/** A call's answer as the timeline badge says it: `ok`, or `error_code description` (and when to retry). */
export function callOutcome(call: BotCall): string {
  if (call.ok) return 'ok'
  const code = call.errorCode ?? call.httpStatus
  if (code === null) return 'no answer'
  const retry = call.retryAfter === null ? '' : ` (retry after ${call.retryAfter} s)`
  return `${code}${call.description ? ` ${call.description}` : ''}${retry}`
}

/** An attempt's outcome: the bot's HTTP status, or why there was none. */
export function attemptOutcome(attempt: ForwardAttempt): string {
  if (attempt.error) return attempt.error
  return attempt.status === null ? 'no answer' : `HTTP ${attempt.status}`
}

/** The stored request an entry belongs to: the one that carried its update. */
export function requestOfItem(item: TimelineItem): number | null {
  switch (item.kind) {
    case 'update':
      return item.update.requestId
    case 'forward':
      return item.attempt.requestId
    case 'call':
      return item.call.requestId
  }
}
