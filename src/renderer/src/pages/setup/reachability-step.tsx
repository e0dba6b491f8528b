import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Field } from '../../components/field'
import { formMessage, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { TELEGRAM_PORTS, type ReachabilityDraft } from '../../lib/wizard'
import { useStatusStore } from '../../store/status-store'
import { useTelegramStore } from '../../store/telegram-store'
import { Problem, WizardFrame } from './wizard-frame'

type Mode = ReachabilityDraft['mode']

const MODES: { mode: Mode; label: string; when: string }[] = [
  {
    mode: 'ngrok',
    label: 'ngrok tunnel',
    when: 'Choose this on a laptop or behind a router: Hookbench opens an HTTPS tunnel from here with your ngrok account, no server and no open port needed.',
  },
  {
    mode: 'own',
    label: 'My own HTTPS URL',
    when: 'Choose this when a reverse proxy, a cloud host or a tunnel you already run forwards a public HTTPS address to this machine.',
  },
  {
    mode: 'direct',
    label: 'Direct HTTPS (self-signed certificate)',
    when: 'Choose this when this machine has a public IP address: Hookbench serves HTTPS itself with a generated certificate that is uploaded to Telegram with setWebhook.',
  },
]

export function ReachabilityStep() {
  const { connection, busy, error, setReachability, goTo } = useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      busy: s.busy,
      error: s.error,
      setReachability: s.setReachability,
      goTo: s.goTo,
    })),
  )
  const localPort = useStatusStore((s) => s.status?.receiver.port ?? null)
  const current = connection?.reachability ?? null
  const [mode, setMode] = useState<Mode>(current?.mode ?? 'ngrok')
  const [authtoken, setAuthtoken] = useState('')
  const [domain, setDomain] = useState('')
  const [publicUrl, setPublicUrl] = useState(current?.mode === 'own' ? (current.url ?? '') : '')
  const [host, setHost] = useState('')
  const [port, setPort] = useState<number>(8443)
  const id = useId()
  const strict = connection?.strict ?? true

  const input: ReachabilityDraft =
    mode === 'ngrok'
      ? {
          mode,
          ...(authtoken.trim() && { authtoken: authtoken.trim() }),
          ...(domain.trim() && { domain: domain.trim() }),
        }
      : mode === 'own'
        ? { mode, publicUrl: publicUrl.trim() }
        : { mode, host: host.trim(), port }
  const fieldError = (name: string) => messageFor(error, name)
  const fields = ['authtoken', 'domain', 'publicUrl', 'host', 'port']

  return (
    <WizardFrame
      title="How Telegram reaches Hookbench"
      intro={
        <p>
          Telegram posts updates to a public HTTPS URL{strict ? ' on port 443, 80, 88 or 8443' : ''}. Pick how
          that URL gets to this receiver{localPort ? ` (listening on port ${localPort})` : ''}.
        </p>
      }
      error={formMessage(error, fields)}
      onBack={() => goTo('token')}
      submitLabel={current?.state === 'online' && current.mode === mode ? 'Use it again' : 'Connect'}
      busyLabel={mode === 'own' ? 'Checking…' : 'Starting…'}
      busy={busy === 'reachability'}
      onSubmit={() => void setReachability(input)}
      primary={current?.state !== 'online'}
      extra={
        current?.state === 'online' && (
          <button type="button" className="button button--primary" onClick={() => goTo('credentials')}>
            Next
          </button>
        )
      }
    >
      <fieldset className="choice-group choice-cards">
        <legend>Reachability</legend>
        {MODES.map((m) => (
          <label key={m.mode} className="choice-card">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m.mode}
              checked={mode === m.mode}
              onChange={() => setMode(m.mode)}
            />
            <span>
              <span className="choice-card__title">{m.label}</span>
              <span className="choice-card__text">{m.when}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {mode === 'ngrok' && (
        <div className="form__grid">
          <Field
            id={`${id}-authtoken`}
            label="ngrok authtoken"
            hint="From dashboard.ngrok.com. Leave empty to use the saved one or NGROK_AUTHTOKEN."
            error={fieldError('authtoken')}
          >
            <input
              id={`${id}-authtoken`}
              className="input mono"
              type="password"
              autoComplete="off"
              value={authtoken}
              aria-describedby={describedBy(`${id}-authtoken`, {
                hint: true,
                error: fieldError('authtoken'),
              })}
              onChange={(event) => setAuthtoken(event.target.value)}
            />
          </Field>
          <Field
            id={`${id}-domain`}
            label="Reserved domain (optional)"
            hint="A domain reserved in your ngrok account keeps the URL the same across restarts."
            error={fieldError('domain')}
          >
            <input
              id={`${id}-domain`}
              className="input"
              value={domain}
              placeholder="my-bot.ngrok.app"
              aria-describedby={describedBy(`${id}-domain`, { hint: true, error: fieldError('domain') })}
              onChange={(event) => setDomain(event.target.value)}
            />
          </Field>
        </div>
      )}
      {mode === 'own' && (
        <Field
          id={`${id}-url`}
          label="Public URL"
          hint={`The address that forwards to this machine's port ${localPort ?? ''}; only its origin is used.`}
          error={fieldError('publicUrl')}
        >
          <input
            id={`${id}-url`}
            className="input input--wide"
            type="url"
            value={publicUrl}
            placeholder="https://bot.example.com"
            aria-invalid={fieldError('publicUrl') ? true : undefined}
            aria-describedby={describedBy(`${id}-url`, { hint: true, error: fieldError('publicUrl') })}
            onChange={(event) => setPublicUrl(event.target.value)}
          />
        </Field>
      )}
      {mode === 'direct' && (
        <div className="form__grid">
          <Field
            id={`${id}-host`}
            label="Public host name or IP"
            hint="The certificate is made for this name."
            error={fieldError('host')}
          >
            <input
              id={`${id}-host`}
              className="input"
              value={host}
              placeholder="203.0.113.7"
              aria-invalid={fieldError('host') ? true : undefined}
              aria-describedby={describedBy(`${id}-host`, { hint: true, error: fieldError('host') })}
              onChange={(event) => setHost(event.target.value)}
            />
          </Field>
          <Field
            id={`${id}-port`}
            label="Port"
            hint="Telegram calls only these ports."
            error={fieldError('port')}
          >
            <select
              id={`${id}-port`}
              className="select"
              value={port}
              aria-describedby={describedBy(`${id}-port`, { hint: true, error: fieldError('port') })}
              onChange={(event) => setPort(Number(event.target.value))}
            >
              {TELEGRAM_PORTS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}

      {current?.state === 'online' && current.url && (
        <p className="callout" role="status">
          Reachable at <code>{current.url}</code>
          {current.selfSigned && ' with a self-signed certificate'}.
        </p>
      )}
      {current?.state === 'error' && (
        <Problem title="The tunnel could not start" message={current.error} hint={current.hint} />
      )}
    </WizardFrame>
  )
}
