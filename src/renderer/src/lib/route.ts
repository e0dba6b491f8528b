/** Pages that exist in this build; the nav renders exactly these. */
const PAGE_IDS = ['requests', 'messages', 'diagnostics', 'settings'] as const
export type PageId = (typeof PAGE_IDS)[number]

/** Where the window is: a page and its view parameters (the canonical query string, no `?`). */
export interface Route {
  page: PageId
  params: string
}

/** `#/requests?status=4xx` → `{ page: 'requests', params: 'status=4xx' }`; unknown pages → requests. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '')
  const queryAt = body.indexOf('?')
  const name = queryAt === -1 ? body : body.slice(0, queryAt)
  const params = queryAt === -1 ? '' : body.slice(queryAt + 1)
  const page = (PAGE_IDS as readonly string[]).includes(name) ? (name as PageId) : 'requests'
  return { page, params: new URLSearchParams(params).toString() }
}

export function formatHash(route: Route): string {
  return `#/${route.page}${route.params ? `?${route.params}` : ''}`
}
