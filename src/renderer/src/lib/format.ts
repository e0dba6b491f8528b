const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `14:03:27.120` in local time: the Requests grid's time column; `14:03:27` with `milliseconds` false. */
export function formatClock(iso: string, milliseconds = true): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  return milliseconds ? `${clock}.${pad(date.getMilliseconds(), 3)}` : clock
}

/** `2024-05-29 16:26:40` in local time. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${toLocalInput(date).replace('T', ' ')}:${pad(date.getSeconds())}`
}

/** A byte limit as typed into a setting: its size, or null for what is not a size (negative, fractional). */
export function formatByteLimit(bytes: number): string | null {
  return Number.isSafeInteger(bytes) && bytes >= 0 ? formatBytes(bytes) : null
}

/** `512 B`, `1.5 kB`, `12 MB` (decimal units, as browsers' network panels show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['kB', 'MB', 'GB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

// One formatter for every count: toLocaleString builds a new one per call, and the grid formats per frame.
const countFormat = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return countFormat.format(n)
}

/** A list's count: `10,000+` when the core stopped counting there (Page.totalCapped). */
export function formatTotal(n: number, capped: boolean | undefined): string {
  return capped ? `${formatCount(n)}+` : formatCount(n)
}

/** An ISO time as the value of `<input type="datetime-local">` (local, minutes). */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : toLocalInput(date)
}

/** The value of a datetime-local input as ISO-8601 UTC; undefined when empty or invalid. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The time filter as a button label: `Any time`, `Since 05-29 14:00`, `Until …`, or `05-29 14:00 – 15:30`. */
export function formatTimeRange(from: string | undefined, to: string | undefined): string {
  const short = (iso: string) => isoToLocalInput(iso).slice(5).replace('T', ' ')
  if (from && to) {
    const [start, end] = [short(from), short(to)]
    return `${start} – ${start.slice(0, 5) === end.slice(0, 5) ? end.slice(6) : end}`
  }
  if (from) return `Since ${short(from)}`
  if (to) return `Until ${short(to)}`
  return 'Any time'
}

/** `85 ms`, `1.2 s`, `14 s`; an em dash when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
}

/** `1 update`, `3 updates`: a count with its noun (regular English plurals only). */
export function formatCountOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`
}
