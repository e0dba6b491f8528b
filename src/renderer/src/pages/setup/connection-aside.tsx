import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ConfirmDialog } from '../../components/dialog'
import { maskUrlPassword } from '../../lib/wizard'
import { useTelegramStore } from '../../store/telegram-store'

export interface ConnectionAsideProps {
  busy: boolean
  onUseSimulator(): void
}

/** Beside the steps: the simulator shortcut, and the bot's previous webhook with a way back to it. */
export function ConnectionAside({ busy, onUseSimulator }: ConnectionAsideProps) {
  const { connection, disconnect, working, error } = useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      disconnect: s.disconnect,
      working: s.busy === 'disconnect',
      error: s.error,
    })),
  )
  const [confirm, setConfirm] = useState<'restore' | 'remove' | null>(null)
  const previous = connection?.previousWebhook ?? null
  const registered =
    connection?.webhook !== null && connection?.webhook !== undefined && !connection.simulated
  const onConfirm = async () => {
    if (await disconnect(confirm === 'restore')) setConfirm(null)
  }
  return (
    <aside className="wizard__aside" aria-label="Other ways">
      {connection?.simulated ? (
        <section className="panel">
          <h2 className="panel__title">Simulated bot</h2>
          <p className="muted">
            Updates come from the built-in simulator. Paste a real bot's token to connect Telegram instead.
          </p>
          <a className="button" href="#/simulator">
            Open the simulator
          </a>
        </section>
      ) : (
        <section className="panel">
          <h2 className="panel__title">No bot or no network?</h2>
          <p className="muted">
            The built-in simulator plays Telegram: fake users write to a simulated bot, and its replies show
            up as a chat. Everything stays on this machine.
          </p>
          <button type="button" className="button" disabled={busy} onClick={onUseSimulator}>
            {busy ? 'Starting the simulator…' : 'Use the simulator instead'}
          </button>
        </section>
      )}
      {(previous || registered) && !connection?.simulated && (
        <section className="panel" aria-labelledby="previous-webhook-title">
          <h2 id="previous-webhook-title" className="panel__title">
            The bot's previous webhook
          </h2>
          {previous ? (
            <p className="wrap">
              {previous.url ? <code>{maskUrlPassword(previous.url)}</code> : 'None: the bot had no webhook.'}
              {previous.hasCustomCertificate && ' (with a custom certificate)'}
            </p>
          ) : (
            <p className="muted">Not saved yet: it is saved when Hookbench registers its own.</p>
          )}
          <div className="form__actions">
            {previous?.url && (
              <button type="button" className="button" onClick={() => setConfirm('restore')}>
                Restore previous webhook
              </button>
            )}
            {registered && (
              <button
                type="button"
                className="button button--danger-ghost"
                onClick={() => setConfirm('remove')}
              >
                Remove Hookbench's webhook
              </button>
            )}
          </div>
        </section>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'restore' ? 'Restore the previous webhook?' : "Remove Hookbench's webhook?"}
        confirmLabel={confirm === 'restore' ? 'Restore' : 'Remove'}
        busy={working}
        error={confirm ? error : null}
        onConfirm={() => void onConfirm()}
        onCancel={() => setConfirm(null)}
      >
        <p>
          {confirm === 'restore'
            ? 'Telegram will post updates to the old URL again (Telegram never reveals its old secret token, so it is set without one). Hookbench stops receiving them.'
            : 'The bot will have no webhook; Hookbench stops receiving its updates.'}
        </p>
      </ConfirmDialog>
    </aside>
  )
}
