import { formatHash, type Route } from './route'

/** Moves the window to a route as a link would: a history entry the back button returns from. */
export function goToRoute(route: Route): void {
  window.location.hash = formatHash(route)
}
