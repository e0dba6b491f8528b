import type { Page } from '@shared/api'

/** A window onto a long list the core owns: the ids in view (newest first), each entity once by id. */
export interface PagedList<T extends { id: number }> {
  ids: number[]
  byId: Record<number, T>
  /** Cursor of the next page; null at the end, or after live rows pushed old ones out of view. */
  next: string | null
  /** How many rows match in the core (not how many are held). */
  total: number
  /** `total` is where the core stopped counting: more match ("10,000+"; a filtered requests list). */
  totalCapped: boolean
}

/** Rows held in one view at most: the grid scrolls through these; older ones stay in the core. */
export const MAX_HELD_ROWS = 5000

export function emptyList<T extends { id: number }>(): PagedList<T> {
  return { ids: [], byId: {}, next: null, total: 0, totalCapped: false }
}

/** Appends the next page (older rows) below the view. */
export function appendPage<T extends { id: number }>(list: PagedList<T>, page: Page<T>): PagedList<T> {
  const byId = { ...list.byId }
  const ids = [...list.ids]
  for (const item of page.items) {
    if (!(item.id in byId)) ids.push(item.id)
    byId[item.id] = item
  }
  return trim({ ids, byId, next: page.next, ...totalOf(page) })
}

/**
 * Puts live rows on top. `items` come in arrival order (oldest first); rows already in view are
 * updated in place. When the view is full, the oldest rows leave it and paging stops there.
 */
export function prependLive<T extends { id: number }>(list: PagedList<T>, items: readonly T[]): PagedList<T> {
  const byId = { ...list.byId }
  const fresh: number[] = []
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i] as T
    if (!(item.id in byId)) fresh.push(item.id)
    byId[item.id] = item
  }
  return trim({
    ids: [...fresh, ...list.ids],
    byId,
    next: list.next,
    total: list.total + fresh.length,
    totalCapped: list.totalCapped,
  })
}

/**
 * Merges a fresh first page (newest first) into the view: new rows go on top. When none of the page's
 * rows is in view and more exist, there may be a gap, so the page replaces the view.
 */
export function mergeHead<T extends { id: number }>(list: PagedList<T>, page: Page<T>): PagedList<T> {
  const overlaps = page.items.some((item) => item.id in list.byId)
  if (!overlaps && (page.next !== null || list.ids.length === 0)) return appendPage(emptyList<T>(), page)
  const { ids, byId, next } = prependLive(list, [...page.items].reverse())
  return { ids, byId, next, ...totalOf(page) }
}

/** A page's count as the list keeps it. */
function totalOf(page: Page<unknown>): Pick<PagedList<{ id: number }>, 'total' | 'totalCapped'> {
  return { total: page.total, totalCapped: page.totalCapped ?? false }
}

function trim<T extends { id: number }>(list: PagedList<T>): PagedList<T> {
  if (list.ids.length <= MAX_HELD_ROWS) return list
  const ids = list.ids.slice(0, MAX_HELD_ROWS)
  const byId: Record<number, T> = {}
  for (const id of ids) byId[id] = list.byId[id] as T
  return { ...list, ids, byId, next: null }
}
