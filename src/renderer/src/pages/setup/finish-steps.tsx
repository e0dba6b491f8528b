import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatDateTime } from '../../lib/format'
import { maskUrlPassword } from '../../lib/wizard'
import { useTelegramStore } from '../../store/telegram-store'
import { Problem, WizardFrame } from './wizard-frame'

const POLL_MS = 3000

function useFinishStep() {
  return useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      busy: s.busy,
      error: s.error,
      goTo: s.goTo,
      check: s.check,
      fetch: s.fetch,
    })),
  )
}

export function CheckStep() {
  const { connection, busy, error, goTo, check } = useFinishStep()
  const info = connection?.info ?? null
  const registered = connection?.step === 'wait' || connection?.step === 'done'
  return (
    <WizardFrame
      title="Check the webhook"
      intro={<p>What Telegram reports about the bot's webhook (getWebhookInfo), word for word.</p>}
      error={error}
      onBack={() => goTo('register')}
      submitLabel="Check again"
      busyLabel="Asking Telegram…"
      busy={busy === 'check'}
      onSubmit={() => void check()}
      primary={!registered}
      extra={
        registered && (
          <button type="button" className="button button--primary" onClick={() => goTo('wait')}>
            Next
          </button>
        )
      }
    >
      {info ? (
        <table className="table table--kv" aria-label="Webhook info">
          <tbody>
            <tr>
              <th scope="row">URL</th>
              <td className="wrap mono">{info.url ? maskUrlPassword(info.url) : '(none)'}</td>
            </tr>
            <tr>
              <th scope="row">Pending updates</th>
              <td>{info.pendingUpdateCount}</td>
            </tr>
            <tr>
              <th scope="row">Custom certificate</th>
              <td>{info.hasCustomCertificate ? 'yes' : 'no'}</td>
            </tr>
            <tr>
              <th scope="row">Max connections</th>
              <td>{info.maxConnections ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">Last error</th>
              <td className="wrap">
                {info.lastErrorMessage
                  ? `${info.lastErrorMessage}${info.lastErrorDate ? ` (${formatDateTime(info.lastErrorDate)})` : ''}`
                  : 'none'}
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted">Not checked yet.</p>
      )}
      {!error && <Problem message={connection?.lastError ?? null} hint={connection?.hint ?? null} />}
      {registered && !connection?.lastError && (
        <p className="callout" role="status">
          The webhook is registered and Telegram reports no error.
        </p>
      )}
    </WizardFrame>
  )
}

export function WaitStep() {
  const { connection, goTo, fetch } = useFinishStep()
  const step = connection?.step
  // The telegram.changed event completes this step; asking now and then covers a dropped event stream.
  useEffect(() => {
    if (step !== 'wait') return
    const timer = setInterval(() => void fetch(), POLL_MS)
    return () => clearInterval(timer)
  }, [step, fetch])
  const bot = connection?.bot
  return (
    <WizardFrame
      title="Send your bot a message"
      intro={
        connection?.simulated ? (
          <p>
            The bot is simulated: write to it from the <a href="#/simulator">Simulator</a>.
          </p>
        ) : (
          <p>
            Open{' '}
            {bot ? (
              <a href={`https://t.me/${bot.username}`} target="_blank" rel="noreferrer">
                @{bot.username}
              </a>
            ) : (
              'the bot'
            )}{' '}
            in Telegram and send it anything, e.g. /start.
          </p>
        )
      }
      onBack={() => goTo('check')}
    >
      <div className="wizard__wait" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <span>Waiting for the first update…</span>
      </div>
      <p className="muted">
        It shows up on the <a href="#/requests">Requests</a> page as soon as it arrives; this step completes
        by itself.
      </p>
    </WizardFrame>
  )
}

export function DoneStep() {
  const { connection } = useFinishStep()
  return (
    <WizardFrame
      title="Connected"
      intro={
        <p role="status">
          {connection?.firstUpdateAt
            ? `The first update arrived at ${formatDateTime(connection.firstUpdateAt)}.`
            : 'The bot is connected.'}{' '}
          Hookbench now receives every update the bot gets.
        </p>
      }
    >
      <h3 className="form__title">What next</h3>
      <ul className="next-steps">
        <li>
          <a href="#/requests">See the requests</a>
          <span className="muted"> — every update, raw, with the message command parsed from it.</span>
        </li>
        <li>
          <a href="#/rules">Import a rule</a>
          <span className="muted"> — bring your ATSD rules XML, or write one that replies.</span>
        </li>
        <li>
          <a href="#/rules/new">Write a rule</a>
          <span className="muted"> — e.g. answer /start with a greeting.</span>
        </li>
        <li>
          <a href="#/simulator">Try the simulator</a>
          <span className="muted"> — fake users and chats, no phone needed.</span>
        </li>
      </ul>
    </WizardFrame>
  )
}
