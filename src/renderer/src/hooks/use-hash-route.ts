import { useEffect } from 'react'
import { formatHash, parseHash } from '../lib/route'
import { useUiStore } from '../store/ui-store'

/**
 * Keeps `location.hash` and the UI store's route in step: the hash is how a view (page and filter)
 * survives a reload. The location wins at mount; afterwards a page change pushes a history entry and a
 * filter change replaces it.
 */
export function useHashRoute(): void {
  useEffect(() => {
    const { setRoute } = useUiStore.getState()
    const onHashChange = () => setRoute(parseHash(window.location.hash))
    onHashChange()
    window.addEventListener('hashchange', onHashChange)
    const unsubscribe = useUiStore.subscribe((state, previous) => {
      if (state.route === previous.route) return
      const hash = formatHash(state.route)
      if (window.location.hash === hash) return
      const url = `${window.location.pathname}${window.location.search}${hash}`
      if (state.route.page === previous.route.page) window.history.replaceState(null, '', url)
      else window.history.pushState(null, '', url)
    })
    return () => {
      window.removeEventListener('hashchange', onHashChange)
      unsubscribe()
    }
  }, [])
}
