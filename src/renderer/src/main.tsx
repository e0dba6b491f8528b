import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { onLateMismatch, setClient } from './api/client'
import { createHttpClient } from './api/http-client'
import { createIpcClient } from './api/ipc-client'
import { App } from './app'
import { rememberedTheme } from './hooks/use-theme'
import { requestFilterFromParams } from './lib/filter-url'
import { parseHash } from './lib/route'
import { startLiveEvents } from './store/live-events'
import { useRequestsStore } from './store/requests-store'
import { useSettingsStore } from './store/settings-store'
import { useStatusStore } from './store/status-store'
import { useUiStore } from './store/ui-store'
import './styles/app.css'

// The one place that knows the shell: Electron's preload exposes window.hookbench; a browser talks HTTP.
const client = window.hookbench
  ? createIpcClient(window.hookbench)
  : createHttpClient(new URL('/', window.location.href))
setClient(client)

const initialTheme = rememberedTheme()
document.documentElement.dataset.theme = initialTheme
const route = parseHash(window.location.hash)
useUiStore.getState().setRoute(route)
// The window's first rows are asked for now, with status and settings, not after React's first render and
// paint (~100 ms later, when the page's effect runs): the page's own setFilter finds the same filter loading
// and does not ask again (issue 16, docs/performance.md).
if (route.page === 'requests') {
  void useRequestsStore.getState().setFilter(requestFilterFromParams(new URLSearchParams(route.params)))
}
startLiveEvents(client)
onLateMismatch((error) => useStatusStore.getState().setMismatch(error.toShape()))
void useStatusStore.getState().load()
void useSettingsStore.getState().load()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App initialTheme={initialTheme} />
  </StrictMode>,
)
