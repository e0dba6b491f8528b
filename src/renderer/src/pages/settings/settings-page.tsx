import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Settings } from '@shared/settings'
import { ErrorState, LoadingState } from '../../components/state-view'
import { messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { useSettingsStore } from '../../store/settings-store'
import { useUsersStore } from '../../store/users-store'
import { GeneralSettingsForm } from './general-settings-form'
import { ListeningPort } from './listening-port'
import { ScenarioSettingsForm } from './scenario-settings-form'
import { SimulatorDeliveryForm } from './simulator-delivery-form'
import { UsersSection } from './users-section'

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

export function SettingsPage() {
  const store = useSettingsStore(
    useShallow((s) => ({
      settings: s.settings,
      loading: s.loading,
      error: s.error,
      saving: s.saving,
      saveError: s.saveError,
      load: s.load,
      update: s.update,
    })),
  )
  const loadUsers = useUsersStore((s) => s.load)
  const { load } = store

  useEffect(() => {
    void load()
    void loadUsers()
  }, [load, loadUsers])

  const { settings, saveError } = store
  const anonymousError = messageFor(saveError, 'allowAnonymous')
  const themeError = messageFor(saveError, 'theme')

  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page__header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="page__body page__body--scroll">
        {store.error && !settings ? (
          <ErrorState title="Could not load settings" error={store.error} onRetry={() => void load()} />
        ) : !settings ? (
          <LoadingState label="Loading settings…" />
        ) : (
          <div className="settings">
            <ListeningPort />
            <section className="panel" aria-labelledby="security-title">
              <h2 id="security-title" className="panel__title">
                Security
              </h2>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={settings.allowAnonymous}
                  aria-invalid={anonymousError !== null}
                  aria-describedby={describedBy('anonymous', { hint: true, error: anonymousError })}
                  onChange={(event) => void store.update({ allowAnonymous: event.target.checked })}
                />
                <span>Allow anonymous webhooks</span>
              </label>
              {settings.allowAnonymous ? (
                <p id="anonymous-hint" className="callout callout--warn">
                  Anyone who can reach the receiver can post requests without credentials. With a public
                  tunnel that means anyone on the internet who finds the URL. Turn this off once a webhook
                  user is set up.
                </p>
              ) : (
                <p id="anonymous-hint" className="muted">
                  Requests must carry a webhook user's credentials (or Telegram's secret token).
                </p>
              )}
              {anonymousError && (
                <p id="anonymous-error" className="field__error" role="alert">
                  {anonymousError}
                </p>
              )}
            </section>
            <section className="panel" aria-labelledby="telegram-settings-title">
              <h2 id="telegram-settings-title" className="panel__title">
                Telegram and notifications
              </h2>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={settings.simulatorStrict}
                  onChange={(event) => void store.update({ simulatorStrict: event.target.checked })}
                />
                <span>Simulator follows Telegram's cloud rules (strict)</span>
              </label>
              <p className="muted">
                Strict: webhooks need HTTPS on ports 443, 80, 88 or 8443 and a public address, with Telegram's
                error texts. Relaxed (default): a local Bot API server's rules — http and loopback allowed.
              </p>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={settings.simulatorCreateBotsOnFirstUse}
                  onChange={(event) =>
                    void store.update({ simulatorCreateBotsOnFirstUse: event.target.checked })
                  }
                />
                <span>Simulator creates a bot for any new token</span>
              </label>
              <p className="muted">
                Off (default): like Telegram, a token the simulator never created answers 401 Unauthorized;
                bots come from the Simulator page, a new chat's bot token, or <code>--simulator</code>. On:
                the first call with a well-formed token creates its bot.
              </p>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={settings.simulatorFloodLimits}
                  onChange={(event) => void store.update({ simulatorFloodLimits: event.target.checked })}
                />
                <span>Simulator flood limits</span>
              </label>
              <p className="muted">
                On (default), like Telegram: after a burst of 20, about 1 message a second per chat, 20 a
                minute per group and 30 a second per bot; more answers 429 &quot;Too Many Requests: retry
                after N&quot;. Off: a load test sends as fast as it likes.
              </p>
              <SimulatorDeliveryForm
                key={settings.simulatorWebhookTimeoutMs}
                settings={settings}
                saving={store.saving}
                error={saveError}
                onSave={(patch) => void store.update(patch)}
              />
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={settings.notifyOnOpen}
                  onChange={(event) => void store.update({ notifyOnOpen: event.target.checked })}
                />
                <span>Desktop notification when an alert opens while the window is not focused</span>
              </label>
            </section>
            <section className="panel" aria-labelledby="appearance-title">
              <h2 id="appearance-title" className="panel__title">
                Appearance
              </h2>
              <fieldset
                className="segmented segmented--radio"
                aria-describedby={themeError ? 'theme-error' : undefined}
              >
                <legend className="visually-hidden">Theme</legend>
                {THEMES.map((theme) => (
                  <label key={theme.value}>
                    <input
                      type="radio"
                      name="theme"
                      value={theme.value}
                      checked={settings.theme === theme.value}
                      onChange={() => void store.update({ theme: theme.value })}
                    />
                    <span>{theme.label}</span>
                  </label>
                ))}
              </fieldset>
              {themeError && (
                <p id="theme-error" className="field__error" role="alert">
                  {themeError}
                </p>
              )}
            </section>
            <section className="panel">
              <GeneralSettingsForm
                key={[
                  settings.maxBodyBytes,
                  settings.authFailuresPerMinute,
                  settings.retention.maxRows,
                  settings.retention.maxAgeDays,
                  settings.durability,
                ].join('|')}
                settings={settings}
                saving={store.saving}
                error={saveError}
                onSave={(patch) => void store.update(patch)}
              />
            </section>
            <section className="panel">
              <ScenarioSettingsForm
                key={`${settings.scenarioFolder}|${settings.scenarioWithinMs}`}
                settings={settings}
                saving={store.saving}
                error={saveError}
                onSave={(patch) => void store.update(patch)}
              />
            </section>
            <UsersSection />
          </div>
        )}
      </div>
    </section>
  )
}
