import { describe, expect, it } from 'vitest'
import type { AlertStatus } from '@shared/rules'
import type { MessageCommand } from '@shared/message'
import { parseWindow } from '../../../../../src/main/core/rules/compile'
import { addEntry, expire, newWindow, transitionOf } from '../../../../../src/main/core/rules/window-state'

const T0 = Date.parse('2024-05-29T16:00:00.000Z')
const command: MessageCommand = {
  entity: 'box',
  type: 'webhook',
  source: 'ci',
  severity: null,
  message: null,
  date: new Date(T0).toISOString(),
  tags: {},
}

describe('transitionOf (ATSD-BEHAVIOUR §5 status)', () => {
  it.each<[AlertStatus, boolean, AlertStatus | null]>([
    ['CANCEL', true, 'OPEN'],
    ['OPEN', true, 'REPEAT'],
    ['REPEAT', true, 'REPEAT'],
    ['OPEN', false, 'CANCEL'],
    ['REPEAT', false, 'CANCEL'],
    ['CANCEL', false, null],
  ])('moves a %s window with condition %s to %s', (status, value, next) => {
    expect(transitionOf(status, value)).toBe(next)
  })
})

describe('window state', () => {
  it('starts a new window as CANCEL with no entries', () => {
    const w = newWindow(command, 1, T0)
    expect(w).toMatchObject({
      status: 'CANCEL',
      entries: [],
      repeatCount: 0,
      alertId: null,
      openTimeMs: null,
    })
  })

  it('keeps the last N commands of length(N) in command-time order, the oldest leaving first', () => {
    const w = newWindow(command, 1, T0)
    const win = parseWindow('length(3)')
    for (const [id, offset] of [
      [1, 0],
      [2, 10],
      [3, 20],
      [4, 30],
    ] as const)
      addEntry(w, win, { id, dateMs: T0 + offset }, T0 + 30)
    expect(w.entries.map((e) => e.id)).toEqual([2, 3, 4])
    // A late command older than everything in a full window is the oldest, so it is the one that leaves.
    addEntry(w, win, { id: 5, dateMs: T0 + 5 }, T0 + 30)
    expect(w.entries.map((e) => e.id)).toEqual([2, 3, 4])
    // A late command in the middle takes its place by time and pushes the oldest out.
    addEntry(w, win, { id: 6, dateMs: T0 + 15 }, T0 + 30)
    expect(w.entries.map((e) => e.id)).toEqual([6, 3, 4])
  })

  it('keeps commands of time(N unit) whose time is at or after now − interval, and expires the rest as time passes', () => {
    const w = newWindow(command, 1, T0)
    const win = parseWindow('time(1 minute)')
    addEntry(w, win, { id: 1, dateMs: T0 }, T0)
    addEntry(w, win, { id: 2, dateMs: T0 + 30_000 }, T0 + 30_000)
    expect(expire(w, win, T0 + 60_000)).toBe(0) // exactly at the edge: still inside
    expect(w.entries.map((e) => e.id)).toEqual([1, 2])
    expect(expire(w, win, T0 + 60_001)).toBe(1)
    expect(w.entries.map((e) => e.id)).toEqual([2])
    expect(expire(w, win, T0 + 10 * 60_000)).toBe(1)
    expect(w.entries).toEqual([])
  })

  it('does not add a command already older than a time window', () => {
    const w = newWindow(command, 1, T0)
    const win = parseWindow('time(10 second)')
    addEntry(w, win, { id: 1, dateMs: T0 - 11_000 }, T0)
    expect(w.entries).toEqual([])
  })

  it.each([
    ['length(1)', { kind: 'length', size: 1 }],
    ['length( 25 )', { kind: 'length', size: 25 }],
    ['time(5 minute)', { kind: 'time', ms: 300_000 }],
    ['time(2 hours)', { kind: 'time', ms: 7_200_000 }],
    ['TIME(30 second)', { kind: 'time', ms: 30_000 }],
  ])('parses %s', (text, kind) => {
    expect(parseWindow(text)).toEqual(kind)
  })
})
