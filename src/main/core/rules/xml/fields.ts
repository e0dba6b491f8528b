import type { FieldOutcome } from './types'
import type { XmlElement } from './xml-tree'
import { serializeCompact } from './xml-write'

/** Report detail for elements Hookbench stores only to write them back. */
export const KEPT_FOR_EXPORT = 'not used by Hookbench, kept for export'

/** ATSD writes Java booleans as `true`/`false`; anything else is unreadable. */
export function parseAtsdBoolean(text: string): boolean | undefined {
  const value = text.trim().toLowerCase()
  if (value === 'true') return true
  if (value === 'false') return false
  return undefined
}

/** A report line. */
export function outcome(field: string, kind: FieldOutcome['outcome'], detail: string): FieldOutcome {
  return { field, outcome: kind, detail }
}

// Names that would reach an object's prototype if used as a record key.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Whether a name can be a key of a plain record without touching its prototype. */
export function isSafeKey(name: string): boolean {
  return !UNSAFE_KEYS.has(name)
}

/** Raw XML of elements kept for export, by element name. */
export interface ExtraElements {
  add(element: XmlElement): void
  toRecord(): Record<string, string> | undefined
}

/** Repeated elements of one name are concatenated so that none is lost. */
export function createExtraElements(): ExtraElements {
  const byName = new Map<string, string>()
  return {
    add(element) {
      byName.set(element.name, (byName.get(element.name) ?? '') + serializeCompact(element))
    },
    toRecord() {
      return byName.size === 0 ? undefined : Object.fromEntries(byName)
    },
  }
}
