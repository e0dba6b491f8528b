import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Field } from '../../components/field'
import { formMessage, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { useTelegramStore } from '../../store/telegram-store'
import { Problem, WizardFrame } from './wizard-frame'

export function TokenStep() {
  const { connection, busy, error, connect, goTo } = useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      busy: s.busy,
      error: s.error,
      connect: s.connect,
      goTo: s.goTo,
    })),
  )
  const [token, setToken] = useState('')
  const [shown, setShown] = useState(false)
  const id = useId()
  const tokenError = messageFor(error, 'token')
  const hint = 'From @BotFather: /newbot, or /token for an existing bot. It is kept in the secret store.'
  return (
    <WizardFrame
      title="Bot token"
      intro={
        <p>
          Paste the token of the bot Hookbench should receive updates for. Hookbench asks Telegram who the bot
          is (getMe) before going on.
        </p>
      }
      error={formMessage(error, ['token'])}
      submitLabel={connection?.bot ? 'Connect this token' : 'Connect'}
      busyLabel="Asking Telegram…"
      busy={busy === 'connect'}
      onSubmit={() => void connect(token)}
    >
      <Field id={id} label="Bot token" hint={hint} error={tokenError}>
        <div className="input-row">
          <input
            id={id}
            className="input input--wide mono"
            type={shown ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            placeholder="123456789:AAE…"
            value={token}
            aria-invalid={tokenError ? true : undefined}
            aria-describedby={describedBy(id, { hint, error: tokenError })}
            onChange={(event) => setToken(event.target.value)}
          />
          <button type="button" className="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Show'}
          </button>
        </div>
      </Field>
      {!error && connection?.step === 'token' && (
        <Problem message={connection.lastError} hint={connection.hint} />
      )}
      {connection?.bot && (
        <p className="muted">
          Connected to @{connection.bot.username}. Paste another token to switch bots, or go on with{' '}
          <button type="button" className="link-button" onClick={() => goTo('reachability')}>
            how Telegram reaches Hookbench
          </button>
          .
        </p>
      )}
    </WizardFrame>
  )
}
