import { describe, expect, it } from 'vitest'
import { appendPage, emptyList, MAX_HELD_ROWS, mergeHead, prependLive } from '@renderer/lib/paged-list'
import { formatTotal } from '@renderer/lib/format'
import { page } from '../factories'

const row = (id: number) => ({ id, v: `r${id}` })
const rows = (...ids: number[]) => ids.map(row)

describe('paged list', () => {
  it('appends pages below, keeping each id once and the newest cursor and total', () => {
    let list = appendPage(emptyList<{ id: number; v: string }>(), page(rows(9, 8, 7), 10, 'c7'))
    list = appendPage(list, page(rows(7, 6), 10, null))
    expect(list.ids).toEqual([9, 8, 7, 6])
    expect(list.next).toBeNull()
    expect(list.total).toBe(10)
  })

  it("keeps the core's capped count ('10,000+') through live rows, and drops it when a page is counted in full", () => {
    const capped = appendPage(emptyList<{ id: number; v: string }>(), {
      ...page(rows(2, 1), 10_000, 'c1'),
      totalCapped: true,
    })
    expect(capped).toMatchObject({ total: 10_000, totalCapped: true })
    const live = prependLive(capped, rows(3))
    expect(live).toMatchObject({ total: 10_001, totalCapped: true })
    expect(formatTotal(live.total, live.totalCapped)).toBe('10,001+')
    const recounted = mergeHead(live, page(rows(4, 3), 40, 'c3'))
    expect(recounted).toMatchObject({ total: 40, totalCapped: false })
    expect(formatTotal(recounted.total, recounted.totalCapped)).toBe('40')
  })

  it('puts live rows on top newest first and counts them into the total', () => {
    const list = appendPage(emptyList<{ id: number; v: string }>(), page(rows(2, 1), 2))
    const next = prependLive(list, rows(3, 4, 2))
    expect(next.ids).toEqual([4, 3, 2, 1])
    expect(next.total).toBe(4)
  })

  it('lets old rows leave the view when it is full, and stops paging there', () => {
    const full = appendPage(
      emptyList<{ id: number; v: string }>(),
      page(rows(...range(MAX_HELD_ROWS, 1)), 9000, 'c'),
    )
    const next = prependLive(full, rows(MAX_HELD_ROWS + 1, MAX_HELD_ROWS + 2))
    expect(next.ids).toHaveLength(MAX_HELD_ROWS)
    expect(next.ids[0]).toBe(MAX_HELD_ROWS + 2)
    expect(next.byId[1]).toBeUndefined()
    expect(Object.keys(next.byId)).toHaveLength(MAX_HELD_ROWS)
    expect(next.next).toBeNull()
  })

  it('merges a fresh first page: new rows on top, total from the core', () => {
    const list = appendPage(emptyList<{ id: number; v: string }>(), page(rows(5, 4), 2))
    const merged = mergeHead(list, page(rows(7, 6, 5), 3, 'c5'))
    expect(merged.ids).toEqual([7, 6, 5, 4])
    expect(merged.total).toBe(3)
  })

  it('replaces the view when a fresh page does not reach it (a gap)', () => {
    const list = appendPage(emptyList<{ id: number; v: string }>(), page(rows(5, 4), 2))
    const merged = mergeHead(list, page(rows(300, 299), 300, 'c299'))
    expect(merged.ids).toEqual([300, 299])
    expect(merged.next).toBe('c299')
  })
})

function range(from: number, to: number): number[] {
  return Array.from({ length: from - to + 1 }, (_, i) => from - i)
}
