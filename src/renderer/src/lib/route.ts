/** Pages that exist in this build; the nav renders exactly these. */
const PAGE_IDS = [
  'setup',
  'requests',
  'messages',
  'alerts',
  'rules',
  'simulator',
  'conversations',
  'scenarios',
  'diagnostics',
  'settings',
] as const
export type PageId = (typeof PAGE_IDS)[number]

/** Where the window is: a page and its view parameters (the canonical query string, no `?`). */
export interface Route {
  page: PageId
  params: string
  /** What follows the page in the hash: `#/rules/new` → `new`. Absent for the page itself. */
  path?: string
}

/** `#/requests?status=4xx` → `{ page: 'requests', params: 'status=4xx' }`; unknown pages → requests. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '')
  const queryAt = body.indexOf('?')
  const location = queryAt === -1 ? body : body.slice(0, queryAt)
  const params = queryAt === -1 ? '' : body.slice(queryAt + 1)
  const slashAt = location.indexOf('/')
  const name = slashAt === -1 ? location : location.slice(0, slashAt)
  const path = slashAt === -1 ? '' : location.slice(slashAt + 1).replace(/\/+$/, '')
  const known = (PAGE_IDS as readonly string[]).includes(name)
  const page = known ? (name as PageId) : 'requests'
  return { page, params: new URLSearchParams(params).toString(), ...(known && path && { path }) }
}

export function formatHash(route: Route): string {
  return `#/${route.page}${route.path ? `/${route.path}` : ''}${route.params ? `?${route.params}` : ''}`
}
