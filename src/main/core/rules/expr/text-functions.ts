import { integer, text, type CallSite, type FunctionDef } from './function-args'
import { EvalFailure, type Value } from './values'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
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

function htmlDecode(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity: string, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity
    }
    const name = body.toLowerCase()
    return Object.hasOwn(NAMED_ENTITIES, name) ? (NAMED_ENTITIES[name] ?? entity) : entity
  })
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
  replace: {
    min: 3,
    max: 3,
    fn: ([s, a, b]) => (text(a) === '' ? text(s) : text(s).split(text(a)).join(text(b))),
  },
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
