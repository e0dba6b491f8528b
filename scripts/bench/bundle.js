// The bench's `bundle` section: the renderer's JavaScript as built (out/renderer, from `npm run build`).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { record, ROOT, round } from './harness.js'

/**
 * The renderer's first page: the entry script and what index.html preloads with it (everything the window
 * parses before it can show a row), minified as built. Other pages load when first opened (app.tsx).
 */
export async function bundleSection() {
  const dir = join(ROOT, 'out', 'renderer')
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const first = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g),
  ].map((m) => m[1])
  const size = (file) => readFileSync(join(dir, file)).length
  const firstKb = first.reduce((sum, file) => sum + size(file), 0) / 1024
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'))
  const allKb = all.reduce((sum, file) => sum + size(join('assets', file)), 0) / 1024
  record('ui_first_page_js', firstKb, 'KB', '<= 350 KB minified', firstKb <= 350, {
    files: first.map((file) => ({ file, kb: round(size(file) / 1024) })),
  })
  record('ui_all_js', allKb, 'KB', null, null, {
    chunks: all.length,
    note: `${all.length} chunks, loaded on demand`,
  })
}
