import type { Locator, Page } from '@playwright/test'

/** Controls, headings and column headers: what a user must be able to see and reach on every page. */
const OF_INTEREST = [
  'button',
  'a[href]',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'th',
  '[role="columnheader"]',
  '[role="tab"]',
  'h1',
  'h2',
  'h3',
].join(', ')

// The checks run inside the page (page.evaluate); these are the few DOM shapes they use (the test program
// has no DOM lib).
interface Box {
  left: number
  right: number
  top: number
  bottom: number
  width: number
  height: number
}
interface PageElement {
  tagName: string
  textContent: string | null
  parentElement: PageElement | null
  /** Labels only: the control the label is for. */
  control?: PageElement | null
  getAttribute(name: string): string | null
  getBoundingClientRect(): Box
  checkVisibility(options: { checkOpacity: boolean; checkVisibilityCSS: boolean }): boolean
  contains(other: PageElement): boolean
  querySelectorAll(selector: string): Iterable<PageElement>
}
interface PageWindow {
  innerWidth: number
  innerHeight: number
  document: {
    querySelector(selector: string): PageElement | null
    elementFromPoint(x: number, y: number): PageElement | null
  }
  getComputedStyle(element: PageElement): { overflowX: string; overflowY: string }
}

export interface LayoutProblem {
  /** Tag, classes and text: enough to find the element. */
  element: string
  problem: string
}

/**
 * Every visible element of interest under `root` lies inside the viewport and inside each horizontally
 * clipping ancestor (no part of it cut off or only reachable by scrolling sideways), and the element a click at
 * its centre reaches is the element itself (no sticky header or neighbour drawn over it). Elements scrolled
 * out of view vertically are fine: only sideways clipping and overlaps count.
 */
export async function layoutProblems(page: Page, root = 'main'): Promise<LayoutProblem[]> {
  return page.evaluate(
    ({ rootSelector, selector }) => {
      const window = globalThis as unknown as PageWindow
      const { document } = window
      const problems: { element: string; problem: string }[] = []
      const describe = (element: PageElement) => {
        const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
        const label = element.getAttribute('aria-label') ?? ''
        return `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${label || text}`
      }
      const clips = (style: { overflowX: string }) => style.overflowX !== 'visible'
      const clipsY = (style: { overflowY: string }) => style.overflowY !== 'visible'
      const rootElement = document.querySelector(rootSelector)
      if (!rootElement) return [{ element: rootSelector, problem: 'root not found' }]
      for (const element of rootElement.querySelectorAll(selector)) {
        if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
        const box = element.getBoundingClientRect()
        // Visually hidden text (1px boxes) and collapsed elements are not meant to be seen.
        if (box.width < 4 || box.height < 4) continue
        if (box.left < -0.5 || box.right > window.innerWidth + 0.5) {
          problems.push({
            element: describe(element),
            problem: `outside the viewport: ${Math.round(box.left)}..${Math.round(box.right)} of ${window.innerWidth}`,
          })
          continue
        }
        let hiddenVertically = box.bottom < 0 || box.top > window.innerHeight
        let clipped = false
        for (let parent = element.parentElement; parent && !clipped; parent = parent.parentElement) {
          const style = window.getComputedStyle(parent)
          const frame = parent.getBoundingClientRect()
          if (clips(style) && (box.left < frame.left - 0.5 || box.right > frame.right + 0.5)) {
            problems.push({
              element: describe(element),
              problem: `cut off sideways by ${describe(parent).slice(0, 60)}: ${Math.round(box.left)}..${Math.round(box.right)} in ${Math.round(frame.left)}..${Math.round(frame.right)}`,
            })
            clipped = true
          }
          if (
            clipsY(style) &&
            (box.top + box.height / 2 < frame.top || box.top + box.height / 2 > frame.bottom)
          )
            hiddenVertically = true
        }
        if (clipped || hiddenVertically) continue
        const x = box.left + box.width / 2
        const y = box.top + box.height / 2
        const hit = document.elementFromPoint(x, y)
        // A label wrapping the control, or the control's own content, is the control.
        const sameControl =
          hit !== null &&
          (element.contains(hit) ||
            hit.contains(element) ||
            (hit.tagName === 'LABEL' && hit.control === element))
        if (!sameControl)
          problems.push({
            element: describe(element),
            problem: `covered at its centre by ${hit ? describe(hit).slice(0, 60) : 'nothing'}`,
          })
      }
      return problems
    },
    { rootSelector: root, selector: OF_INTEREST },
  )
}

/** How many rows the children of a toolbar wrap into (items whose tops differ by more than half a row). */
export async function toolbarRows(toolbar: Locator): Promise<number> {
  return toolbar.evaluate((element) => {
    const items = [...element.querySelectorAll('button, input, select, label, .toolbar__count')].filter(
      (item) => item.getBoundingClientRect().width >= 4,
    )
    const middles = items.map((item) => {
      const box = item.getBoundingClientRect()
      return box.top + box.height / 2
    })
    const rows: number[] = []
    for (const middle of middles.sort((a, b) => a - b))
      if (rows.length === 0 || middle - rows[rows.length - 1]! > 12) rows.push(middle)
    return rows.length
  })
}

/** Where each control of a toolbar is: comparing two answers tells whether anything moved. */
export async function controlPositions(toolbar: Locator): Promise<string[]> {
  return toolbar.evaluate((element) =>
    [...element.querySelectorAll('button, input, select')].map((item) => {
      const box = item.getBoundingClientRect()
      return `${Math.round(box.left)},${Math.round(box.top)},${Math.round(box.width)}`
    }),
  )
}
