// The bench's `scale` section: a store with 10k and 100k requests (BENCH_FULL=1 adds 1M), filled directly in
// SQLite, then the UI's queries over HTTP and serve's RSS.
import { api, FULL, median, record, rssMb, sizeLabel, withSeededStore } from './harness.js'

const QUERY_SAMPLES = 20

export async function scaleSection() {
  const sizes = FULL ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]
  for (const size of sizes) await withSeededStore(size, (hb, seedS) => measureQueries(hb, size, seedS))
}

async function timeQuery(base, path) {
  const times = []
  let total = null
  for (let i = 0; i < QUERY_SAMPLES; i++) {
    const t0 = performance.now()
    const page = await api(base, path)
    times.push(performance.now() - t0)
    total = page.total
  }
  return { ms: median(times), total }
}

async function measureQueries(hb, size, seedS) {
  const label = sizeLabel(size)
  const info = { size, seedSeconds: seedS }
  const queries = [
    ['list', '/requests?limit=100'],
    ['search', '/requests?limit=100&text=host777%3A'],
    ['search_broad', '/requests?limit=100&text=cpu_busy'],
    ['path_filter', '/requests?limit=100&path=other-bot'],
  ]
  for (const [name, path] of queries) {
    const { ms, total } = await timeQuery(hb.baseUrl, path)
    record(`requests_${name}_${label}`, ms, 'ms', '< 100 ms', ms < 100, {
      ...info,
      query: path,
      matched: total,
    })
  }
  const rss = rssMb(hb.pid)
  record(`serve_rss_${label}`, rss, 'MB', '< 300 MB', rss !== null && rss < 300, info)
}
