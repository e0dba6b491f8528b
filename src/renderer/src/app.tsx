import { lazy, Suspense } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Settings } from '@shared/settings'
import { AppNav, type NavItem } from './components/app-nav'
import { HelpDialog } from './components/help-dialog'
import { client } from './api/client'
import { MismatchBanner } from './components/mismatch-banner'
import { StatusBar } from './components/status-bar'
import { StorageFaultBanner } from './components/storage-fault-banner'
import { useHashRoute } from './hooks/use-hash-route'
import { SHORTCUTS, useShortcuts } from './hooks/use-shortcuts'
import { useApplyTheme } from './hooks/use-theme'
import { formatHash, type PageId } from './lib/route'
import { RequestsPage } from './pages/requests/requests-page'
import { useFirstRunSetup } from './pages/setup/use-first-run'
import { useSettingsStore } from './store/settings-store'
import { useStatusStore } from './store/status-store'
import { useUiStore } from './store/ui-store'

/**
 * Requests, the page a window opens on, is in the first bundle; every other page (and what only it uses:
 * CodeMirror for the rule and scenario editors, the wizard, ...) loads when first opened (issue 16: the first
 * page's JS stays small, so the window shows its rows at once).
 */
const AlertsPage = lazy(() => import('./pages/alerts/alerts-page').then((m) => ({ default: m.AlertsPage })))
const ConversationsPage = lazy(() =>
  import('./pages/conversations/conversations-page').then((m) => ({ default: m.ConversationsPage })),
)
const DiagnosticsPage = lazy(() =>
  import('./pages/diagnostics/diagnostics-page').then((m) => ({ default: m.DiagnosticsPage })),
)
const MessagesPage = lazy(() =>
  import('./pages/messages/messages-page').then((m) => ({ default: m.MessagesPage })),
)
const RulesPage = lazy(() => import('./pages/rules/rules-page').then((m) => ({ default: m.RulesPage })))
const ScenariosPage = lazy(() =>
  import('./pages/scenarios/scenarios-page').then((m) => ({ default: m.ScenariosPage })),
)
const SetupPage = lazy(() => import('./pages/setup/setup-page').then((m) => ({ default: m.SetupPage })))
const SimulatorPage = lazy(() =>
  import('./pages/simulator/simulator-page').then((m) => ({ default: m.SimulatorPage })),
)
const SettingsPage = lazy(() =>
  import('./pages/settings/settings-page').then((m) => ({ default: m.SettingsPage })),
)

const PAGES: readonly Omit<NavItem, 'href'>[] = [
  { id: 'setup', label: 'Setup', icon: 'setup' },
  { id: 'requests', label: 'Requests', icon: 'requests' },
  { id: 'messages', label: 'Messages', icon: 'messages' },
  { id: 'alerts', label: 'Alerts', icon: 'alerts' },
  { id: 'rules', label: 'Rules', icon: 'rules' },
  { id: 'simulator', label: 'Simulator', icon: 'simulator' },
  { id: 'conversations', label: 'Conversations', icon: 'conversations' },
  { id: 'scenarios', label: 'Scenarios', icon: 'scenarios' },
  { id: 'diagnostics', label: 'Diagnostics', icon: 'diagnostics' },
  { id: 'settings', label: 'Settings', icon: 'settings' },
]

export interface AppProps {
  /** The theme to show until settings load (the last one applied). */
  initialTheme: Settings['theme']
}

export function App({ initialTheme }: AppProps) {
  useHashRoute()
  const { route, lastParams, helpOpen, setHelpOpen } = useUiStore(
    useShallow((s) => ({
      route: s.route,
      lastParams: s.lastParams,
      helpOpen: s.helpOpen,
      setHelpOpen: s.setHelpOpen,
    })),
  )
  const theme = useSettingsStore((s) => s.settings?.theme ?? initialTheme)
  useApplyTheme(theme)
  useShortcuts({ help: () => setHelpOpen(true) })
  useFirstRunSetup()

  const items = PAGES.map((page) => ({
    ...page,
    href: formatHash({ page: page.id, params: lastParams[page.id] ?? '' }),
  }))
  return (
    <div className="app">
      <AppNav items={items} current={route.page} />
      <main className="app__main">
        <ConnectedMismatch />
        <ConnectedStorageFault />
        <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
          <CurrentPage page={route.page} params={route.params} path={route.path} />
        </Suspense>
      </main>
      <ConnectedStatusBar onHelp={() => setHelpOpen(true)} />
      <HelpDialog open={helpOpen} shortcuts={SHORTCUTS} onClose={() => setHelpOpen(false)} />
    </div>
  )
}

function CurrentPage({ page, params, path }: { page: PageId; params: string; path?: string }) {
  switch (page) {
    case 'setup':
      return <SetupPage />
    case 'alerts':
      return <AlertsPage params={params} />
    case 'rules':
      return <RulesPage path={path} params={params} />
    case 'simulator':
      return <SimulatorPage />
    case 'requests':
      return <RequestsPage params={params} />
    case 'messages':
      return <MessagesPage params={params} />
    case 'conversations':
      return <ConversationsPage params={params} />
    case 'scenarios':
      return <ScenariosPage params={params} />
    case 'diagnostics':
      return <DiagnosticsPage path={path} />
    case 'settings':
      return <SettingsPage />
  }
}

/** An answer that failed its contract check after it was shown: the window and the core disagree. */
function ConnectedMismatch() {
  const mismatch = useStatusStore((s) => s.mismatch)
  return mismatch ? <MismatchBanner error={mismatch} /> : null
}

function ConnectedStorageFault() {
  const fault = useStatusStore((s) => s.status?.storage.fault ?? null)
  return fault ? <StorageFaultBanner fault={fault} /> : null
}

function ConnectedStatusBar({ onHelp }: { onHelp(): void }) {
  const { status, connection } = useStatusStore(
    useShallow((s) => ({ status: s.status, connection: s.connection })),
  )
  return (
    <StatusBar
      listening={status ? `${status.receiver.host}:${status.receiver.port}` : null}
      connection={connection}
      tunnel={status?.tunnel.state ?? 'off'}
      simulated={status?.telegram.simulated ?? false}
      webhookSet={status ? status.telegram.webhookUrl !== null : null}
      requestCount={status?.storage.requests ?? null}
      onHelp={onHelp}
      onSignOut={client().signOut ? signOut : undefined}
    />
  )
}

/** Browser shell only: the session is revoked server-side, then the page shows how to sign in again. */
function signOut() {
  void client()
    .signOut?.()
    .finally(() => window.location.reload())
}
