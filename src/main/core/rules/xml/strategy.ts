import { IntervalText, type RepeatStrategy } from '@shared/rules'
import { childText, type XmlElement } from './xml-tree'
import { branch, leaf } from './xml-write'

/** What an ATSD `type`/`intervalCount`/`intervalUnit` block means for a Hookbench action. */
export type AtsdStrategy =
  { kind: 'repeat'; repeat: RepeatStrategy } | { kind: 'none' } | { kind: 'invalid'; reason: string }

/** An ATSD interval: `"N unit"`, `undefined` for a count of 0 (ATSD: "set count to 0 to disable"). */
export type AtsdInterval = { ok: true; text: string | undefined } | { ok: false; reason: string }

const ATSD_UNIT_FOR_SHOW = 'MINUTE'
// ATSD's own default for a repeat interval it does not use (ALL, COUNT, NONE), as its exports show.
const UNUSED_INTERVAL_COUNT = '6'

/** Reads `intervalCount` + `intervalUnit` into Hookbench's `"N unit"` text. */
export function readAtsdInterval(element: XmlElement): AtsdInterval {
  const count = childText(element, 'intervalCount') ?? ''
  const unit = (childText(element, 'intervalUnit') ?? '').toLowerCase()
  if (!/^\d+$/.test(count)) return { ok: false, reason: `intervalCount "${count}" is not a whole number` }
  if (Number(count) === 0) return { ok: true, text: undefined }
  const text = `${Number(count)} ${unit}`
  if (!IntervalText.safeParse(text).success) {
    return {
      ok: false,
      reason: `"${count} ${unit}" is not an interval Hookbench supports (millisecond … week)`,
    }
  }
  return { ok: true, text }
}

/** Reads an ATSD repeat strategy (`repeat-interval`, `alertStrategy`, `actionStrategy`). */
export function readAtsdStrategy(element: XmlElement): AtsdStrategy {
  const type = (childText(element, 'type') ?? '').toUpperCase()
  if (type === 'ALL') return { kind: 'repeat', repeat: { all: true } }
  if (type === 'NONE') return { kind: 'none' }
  if (type === 'COUNT') {
    const count = childText(element, 'intervalCount') ?? ''
    if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 1_000_000) {
      return { kind: 'invalid', reason: `COUNT needs an intervalCount from 1 to 1000000, not "${count}"` }
    }
    return { kind: 'repeat', repeat: { every: Number(count) } }
  }
  if (type === 'INTERVAL') {
    const interval = readAtsdInterval(element)
    if (!interval.ok) return { kind: 'invalid', reason: interval.reason }
    if (interval.text === undefined) return { kind: 'invalid', reason: 'an INTERVAL of 0 has no meaning' }
    return { kind: 'repeat', repeat: { interval: interval.text } }
  }
  return { kind: 'invalid', reason: `type "${type}" is not ALL, COUNT, INTERVAL or NONE` }
}

/** Human wording of a strategy for the report. */
export function describeStrategy(strategy: AtsdStrategy): string {
  if (strategy.kind === 'none') return 'no repeats (NONE)'
  if (strategy.kind === 'invalid') return `unreadable: ${strategy.reason}`
  const { repeat } = strategy
  if ('all' in repeat) return 'every REPEAT (ALL)'
  if ('every' in repeat) return `once every ${repeat.every} REPEATs (COUNT)`
  return `at most once per ${repeat.interval} (INTERVAL)`
}

function splitInterval(text: string): { count: string; unit: string } {
  const [count = '1', unit = 'minute'] = text.trim().split(/\s+/)
  return { count: String(Number(count)), unit: unit.replace(/s$/i, '').toUpperCase() }
}

/** `<name><intervalCount/><intervalUnit/></name>` from `"N unit"`. */
export function atsdIntervalElement(name: string, text: string): XmlElement {
  const { count, unit } = splitInterval(text)
  return branch(name, [leaf('intervalCount', count), leaf('intervalUnit', unit)])
}

/** A strategy element (`repeat-interval`) from a Hookbench repeat strategy. */
export function atsdStrategyElement(name: string, repeat: RepeatStrategy): XmlElement {
  let fields = { type: 'ALL', count: UNUSED_INTERVAL_COUNT, unit: ATSD_UNIT_FOR_SHOW }
  if ('every' in repeat) fields = { ...fields, type: 'COUNT', count: String(repeat.every) }
  else if ('interval' in repeat) fields = { type: 'INTERVAL', ...splitInterval(repeat.interval) }
  return branch(name, [
    leaf('type', fields.type),
    leaf('intervalCount', fields.count),
    leaf('intervalUnit', fields.unit),
  ])
}
