// The bench's `ui` section: the requests page in headless Chromium (Playwright, CHROMIUM_PATH, default
// /usr/bin/chromium), served by `hookbench serve` over a store seeded with 100k requests: the first rows, the
// JS heap and the search box.
import { api, median, printedLine, record, round, sizeLabel, skip, withSeededStore } from './harness.js'

/* global document, MutationObserver, requestAnimationFrame -- used only in functions run inside the page */

const UI_SIZE = 100_000
const UI_SAMPLES = 5
/** The whole section (fill, serve, browser, every sample) is cut off and reported skipped past this. */
const UI_LIMIT_MS = 60_000
/** DebouncedInput's default: the search applies once typing has paused this long. */
const SEARCH_DEBOUNCE_MS = 300
const SEARCH_BOX = 'Search request bodies'
/** The grid's fixed row height (request-grid.tsx ROW_HEIGHT). */
const GRID_ROW_PX = 26
const UI_SEARCHES = [
  ['search', 'host777:'],
  ['search_broad', 'cpu_busy'],
]
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

export async function uiSection() {
  let browser = null
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    // Closing the browser fails whatever Playwright call is pending, so the section unwinds and cleans up.
    void browser?.close()
  }, UI_LIMIT_MS)
  const deadline = () => {
    if (timedOut) throw new Error('deadline')
  }
  try {
    // The browser first: without one, the section is skipped before spending seconds on the fill.
    const { chromium } = await import('@playwright/test')
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 15_000,
    })
    await withSeededStore(UI_SIZE, (hb, seedS) => measureUi(browser, hb, seedS, deadline))
  } catch (err) {
    const reason = timedOut
      ? `not done within ${UI_LIMIT_MS / 1000} s`
      : String(err?.message ?? err)
          .split('\n')[0]
          .slice(0, 200)
    skip('ui', reason)
  } finally {
    clearTimeout(timer)
    await browser?.close()
  }
}

async function measureUi(browser, hb, seedS, deadline) {
  deadline()
  const uiUrl = await printedLine(hb, /^UI: (\S+)/m)
  const base = new URL(uiUrl).origin
  const label = sizeLabel(UI_SIZE)
  const info = { size: UI_SIZE, seedSeconds: seedS, samples: UI_SAMPLES }
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  context.setDefaultTimeout(15_000)
  await context.addInitScript(watchFirstRow)
  // The token link sets the session cookie and redirects to /; this first load also warms serve up.
  const login = await context.newPage()
  await login.goto(uiUrl)
  await login.close()

  // First rows: each sample is a new document, timed by the page itself from its navigation start.
  const loads = []
  let page = null
  for (let i = 0; i < UI_SAMPLES; i++) {
    deadline()
    await page?.close()
    page = await context.newPage()
    await page.goto(`${base}/#/requests`)
    loads.push(await page.evaluate(firstRowTimes))
  }
  const firstRows = median(loads.map((l) => l.ms))
  record(`ui_first_rows_${label}`, firstRows, 'ms', '<= 400 ms (issue 16)', firstRows <= 400, {
    ...info,
    // Where the time goes: the app's first API call (bundle loaded and run) and the rows' API answer.
    appStartedMs: round(median(loads.map((l) => l.appStartedMs))),
    rowsAnsweredMs: round(median(loads.map((l) => l.rowsAnsweredMs))),
    times: loads.map((l) => round(l.ms)),
  })

  // Memory: the last page, scrolled to the bottom of its first page of rows so the next one loads.
  const { usedMb, ...heap } = await jsHeapAfterScroll(page)
  record(`ui_js_heap_${label}`, usedMb, 'MB', '< 100 MB', usedMb < 100, {
    ...info,
    ...heap,
    note: 'CDP JSHeapUsedSize after a forced GC',
  })
  await page.close()

  // Search: typed into the box (debounced), timed until the grid shows the matching rows.
  page = await context.newPage()
  await page.goto(`${base}/#/requests`)
  await page.evaluate(() => globalThis.__hbFirstRow)
  const all = (await api(hb.baseUrl, '/requests?limit=1')).total
  for (const [name, term] of UI_SEARCHES) {
    const matched = (await api(hb.baseUrl, `/requests?limit=1&text=${encodeURIComponent(term)}`)).total
    const samples = []
    for (let i = 0; i < UI_SAMPLES; i++) {
      deadline()
      samples.push(await timeSearch(page, term, matched))
      await timeSearch(page, '', all)
    }
    const ms = median(samples.map((t) => t.ms))
    record(`ui_${name}_${label}`, ms, 'ms', '< 500 ms', ms < 500, {
      ...info,
      term,
      matched,
      debounceMs: SEARCH_DEBOUNCE_MS,
      // Since the keystroke: the API call sent (after the debounce) and answered.
      sentMs: round(median(samples.map((t) => t.sentMs))),
      answeredMs: round(median(samples.map((t) => t.answeredMs))),
      times: samples.map((t) => round(t.ms)),
    })
  }
  await context.close()
}

/**
 * Runs in every page before its scripts: `__hbFirstRow` resolves to the ms since navigation start at which
 * the grid's first row (aria-rowindex 2; 1 is the header) is laid out and the frame showing it has painted.
 */
function watchFirstRow() {
  globalThis.__hbFirstRow = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const row = document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]')
      if (!row || row.getBoundingClientRect().height === 0) return
      observer.disconnect()
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

/** In the page, once its first row is shown: that time, the app's first API call and the rows' API answer. */
async function firstRowTimes() {
  const ms = await globalThis.__hbFirstRow
  const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/'))
  const rows = api.find((e) => e.name.includes('/api/requests'))
  return { ms, appStartedMs: api[0]?.startTime ?? NaN, rowsAnsweredMs: rows?.responseEnd ?? NaN }
}

/**
 * Fills the search box with `term`; ms from its input event until the grid's aria-rowcount says `matched`
 * rows (+1 for the header), its first row is there, and that frame has painted (includes the debounce);
 * also when its API call was sent and answered.
 */
async function timeSearch(page, term, matched) {
  await page.evaluate(
    ({ box, rowcount }) => {
      const input = document.querySelector(`input[aria-label="${box}"]`)
      const grid = document.querySelector('[role="grid"]')
      // Only this search's API call is looked up; the timing buffer holds 250 entries.
      performance.clearResourceTimings()
      globalThis.__hbSearch = new Promise((resolve) => {
        let typed = null
        input.addEventListener('input', () => (typed = performance.now()), { once: true })
        const observer = new MutationObserver(() => {
          if (typed === null || grid.getAttribute('aria-rowcount') !== rowcount) return
          if (!grid.querySelector('[role="row"][aria-rowindex="2"]')) return
          observer.disconnect()
          const call = performance
            .getEntriesByType('resource')
            .findLast((e) => e.name.includes('/api/requests') && e.startTime >= typed)
          const since = (t) => (call ? t - typed : NaN)
          requestAnimationFrame(() =>
            setTimeout(() =>
              resolve({
                ms: performance.now() - typed,
                sentMs: since(call?.startTime),
                answeredMs: since(call?.responseEnd),
              }),
            ),
          )
        })
        observer.observe(grid, { attributes: true, childList: true, subtree: true })
      })
    },
    { box: SEARCH_BOX, rowcount: String(matched + 1) },
  )
  await page.getByRole('searchbox', { name: SEARCH_BOX }).fill(term)
  return page.evaluate(() => globalThis.__hbSearch)
}

/** Scrolls the grid to the bottom of what it has loaded, waits for the next page of rows, then reads the JS heap. */
async function jsHeapAfterScroll(page) {
  const body = page.locator('[role="grid"] .grid__body')
  const height = await body.evaluate((el) => el.offsetHeight)
  await page.locator('[role="grid"] .grid__scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
  await body.evaluate(
    (el, before) =>
      new Promise((resolve) => {
        const check = () => (el.offsetHeight > before ? resolve() : requestAnimationFrame(check))
        check()
      }),
    height,
  )
  const rows = (await body.evaluate((el) => el.offsetHeight)) / GRID_ROW_PX
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 2 ** 20
  }
  const beforeGcMb = await heapMb()
  await cdp.send('HeapProfiler.collectGarbage')
  const usedMb = await heapMb()
  await cdp.detach()
  return { usedMb, beforeGcMb: round(beforeGcMb), rowsLoaded: rows }
}
