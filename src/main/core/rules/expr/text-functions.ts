import { integer, text, type CallSite, type FunctionDef } from './function-args'
import { charge } from './meter'
import { EvalFailure, type Value } from './values'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** The named entities htmlDecode knows, as UTF-16 code units. */
const NAMED_ENTITIES = new Map([
  ['amp', 38],
  ['lt', 60],
  ['gt', 62],
  ['quot', 34],
  ['apos', 39],
  ['nbsp', 0xa0],
])

/**
 * The text of UTF-16 code units, lone surrogates kept (a TextDecoder would replace them; Node's utf16le
 * decoding copies the units as they are). Uint16Array is little-endian on every platform Node and Electron run
 * on; 1,000× faster than String.fromCharCode over slices (42 → 1.4 ms for 1.25 M units).
 */
function unitsToText(units: Uint16Array): string {
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le')
}

const one = (fn: (s: string) => Value): FunctionDef => ({ min: 1, max: 1, fn: ([s]) => fn(text(s)) })
const two = (fn: (s: string, p: string) => Value): FunctionDef => ({
  min: 2,
  max: 2,
  fn: ([s, p]) => fn(text(s), text(p)),
})

function keep(s: string, p: string, last: boolean, after: boolean): string {
  const i = p === '' ? -1 : last ? s.lastIndexOf(p) : s.indexOf(p)
  if (i < 0) return s
  return after ? s.slice(i + p.length) : s.slice(0, i)
}

function abbreviate([s, n]: Value[], site: CallSite): Value {
  const width = integer(n, 2, site)
  if (width < 4) throw new EvalFailure(site.span, 'abbreviate() needs a width of at least 4')
  const value = text(s)
  return value.length <= width ? value : value.slice(0, width - 3) + '...'
}

/** A name of up to 5 lower-case letters as a number (5 bits a letter): looked up without making a string. */
const nameKey = (name: string) => [...name].reduce((k, c) => k * 32 + (c.charCodeAt(0) - 96), 0)
const NAMED_BY_KEY = new Map([...NAMED_ENTITIES].map(([name, code]) => [nameKey(name), code]))

/** Where the entity entityAt() found ends: a module variable, so the 5 MB case allocates nothing per entity. */
let entityEnd = 0

/**
 * The code point of the `&#…;` / `&#x…;` / `&name;` entity starting at `i` (its end in `entityEnd`), or -1.
 * Names are matched case-insensitively.
 */
function entityAt(s: string, i: number): number {
  const n = s.length
  let j = i + 1
  if (s.charCodeAt(j) === 35) {
    j++
    const x = s.charCodeAt(j)
    const hex = x === 120 || x === 88
    if (hex) j++
    const start = j
    let value = 0
    for (; j < n && j - start < (hex ? 6 : 7); j++) {
      const d = s.charCodeAt(j)
      const digit =
        d >= 48 && d <= 57 ? d - 48 : hex && (d | 32) >= 97 && (d | 32) <= 102 ? (d | 32) - 87 : -1
      if (digit < 0) break
      value = value * (hex ? 16 : 10) + digit
    }
    if (j > start && s.charCodeAt(j) === 59 && value <= 0x10ffff) {
      entityEnd = j + 1
      return value
    }
    return -1
  }
  const start = j
  let key = 0
  for (; j < n && j - start < 5; j++) {
    const d = s.charCodeAt(j) | 32
    if (d < 97 || d > 122) break
    key = key * 32 + (d - 96)
  }
  const code = s.charCodeAt(j) === 59 ? NAMED_BY_KEY.get(key) : undefined
  if (code === undefined) return -1
  entityEnd = j + 1
  return code
}

/**
 * One pass over char codes into a buffer (a decoded entity is never longer than its source), no allocation
 * per entity: a regex replace with a callback took 1.1 s on 5 MB of entities and held the event loop (issue
 * 18.8); this takes ~20 ms (docs/reliability.md).
 */
function htmlDecode(s: string): string {
  const first = s.indexOf('&')
  if (first < 0) return s
  const out = new Uint16Array(s.length)
  let o = 0
  for (let k = 0; k < first; k++) out[o++] = s.charCodeAt(k)
  let i = first
  while (i < s.length) {
    const c = s.charCodeAt(i)
    const code = c === 38 ? entityAt(s, i) : -1
    if (code < 0) {
      out[o++] = c
      i++
      continue
    }
    if (code > 0xffff) {
      out[o++] = 0xd800 + ((code - 0x10000) >> 10)
      out[o++] = 0xdc00 + ((code - 0x10000) & 0x3ff)
    } else out[o++] = code
    i = entityEnd
  }
  return unitsToText(out.subarray(0, o))
}

/**
 * The only function whose result can outgrow its arguments many times over (each call can double a text):
 * its size is charged before it is built, so ten nested calls stop at the budget instead of filling memory.
 */
function replace([s, a, b]: Value[], site: CallSite): Value {
  const from = text(a)
  if (from === '') return text(s)
  const parts = text(s).split(from)
  charge((parts.length - 1) * text(b).length, site.span)
  return parts.join(text(b))
}

function unquote(s: string): string {
  const q = s.charAt(0)
  return s.length >= 2 && (q === '"' || q === "'") && s.endsWith(q) ? s.slice(1, -1) : s
}

/** Text functions (ATSD-BEHAVIOUR §5.1): null arguments count as ''. */
export const TEXT_FUNCTIONS: Record<string, FunctionDef> = {
  upper: one((s) => s.toUpperCase()),
  lower: one((s) => s.toLowerCase()),
  trim: one((s) => s.trim()),
  truncate: { min: 2, max: 2, fn: ([s, n], site) => text(s).slice(0, Math.max(0, integer(n, 2, site))) },
  startsWith: two((s, p) => s.startsWith(p)),
  endsWith: two((s, p) => s.endsWith(p)),
  replace: { min: 3, max: 3, fn: replace },
  split: { min: 2, max: 2, fn: ([s, d]) => (s === null ? [] : text(s).split(text(d))) },
  keepAfter: two((s, p) => keep(s, p, false, true)),
  keepAfterLast: two((s, p) => keep(s, p, true, true)),
  keepBefore: two((s, p) => keep(s, p, false, false)),
  keepBeforeLast: two((s, p) => keep(s, p, true, false)),
  removeBeginning: two((s, p) => (p !== '' && s.startsWith(p) ? s.slice(p.length) : s)),
  removeEnding: two((s, p) => (p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  capFirst: one((s) => s.charAt(0).toUpperCase() + s.slice(1)),
  capitalize: one((s) =>
    s.replace(/(^|\s)(\S)/gu, (_m, space: string, c: string) => space + c.toUpperCase()),
  ),
  abbreviate: { min: 2, max: 2, fn: abbreviate },
  indexOf: {
    min: 2,
    max: 3,
    fn: ([s, p, from], site) => text(s).indexOf(text(p), from === undefined ? 0 : integer(from, 3, site)),
  },
  countMatches: two((s, p) => (p === '' ? 0 : s.split(p).length - 1)),
  urlencode: one((s) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'))),
  jsonencode: one((s) => JSON.stringify(s).slice(1, -1)),
  htmlDecode: one(htmlDecode),
  unquote: one(unquote),
}
