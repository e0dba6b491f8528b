import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Field } from '../../components/field'
import { formMessage, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { defaultWebhookUser, queryParameters, webhookUrlPreview } from '../../lib/wizard'
import { DEFAULT_QUERY, useTelegramStore } from '../../store/telegram-store'
import { Problem, WizardFrame } from './wizard-frame'

function useWebhookStep() {
  return useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      busy: s.busy,
      error: s.error,
      webhook: s.webhook,
      editWebhook: s.editWebhook,
      goTo: s.goTo,
    })),
  )
}

export function CredentialsStep() {
  const { connection, error, webhook, editWebhook, goTo } = useWebhookStep()
  const confirm = useTelegramStore((s) => s.confirmCredentials)
  const id = useId()
  const generatedUser = defaultWebhookUser(connection)
  const fields = [
    {
      key: 'user',
      label: 'Webhook user',
      placeholder: generatedUser,
      type: 'text',
      hint: 'Letters, digits, dot, dash, underscore.',
    },
    {
      key: 'password',
      label: 'Password',
      placeholder: 'generated',
      type: 'password',
      hint: 'At least 8 characters; it goes into the URL as user:password@.',
    },
    {
      key: 'secretToken',
      label: 'Secret token',
      placeholder: 'generated',
      type: 'password',
      hint: 'Telegram echoes it in X-Telegram-Bot-Api-Secret-Token; other callers are refused.',
    },
  ] as const
  return (
    <WizardFrame
      title="Webhook user and secret"
      intro={
        <p>
          Telegram signs in to the receiver as a webhook user (HTTP Basic) and sends a secret token with every
          update. Hookbench generates both; type your own only if you need them to be known values.
        </p>
      }
      error={formMessage(
        error,
        fields.map((f) => f.key),
      )}
      onBack={() => goTo('reachability')}
      submitLabel="Next"
      onSubmit={() => void confirm()}
    >
      <div className="form__grid">
        {fields.map((field) => {
          const fieldId = `${id}-${field.key}`
          const fieldError = messageFor(error, field.key)
          return (
            <Field key={field.key} id={fieldId} label={field.label} hint={field.hint} error={fieldError}>
              <input
                id={fieldId}
                className="input mono"
                type={field.type}
                autoComplete="off"
                spellCheck={false}
                placeholder={field.placeholder}
                value={webhook[field.key]}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={describedBy(fieldId, { hint: true, error: fieldError })}
                onChange={(event) => editWebhook({ [field.key]: event.target.value })}
              />
            </Field>
          )
        })}
      </div>
    </WizardFrame>
  )
}

const EXPLAINED: Record<string, string> = {
  'command.message': 'the message text of the command (rules read it as message)',
  'command.entity': 'the entity, instead of the URL path segment (telegram)',
  'command.type': 'the command type',
  'command.source': 'the command source',
  'command.severity': 'the severity',
  include: 'only these JSON fields become tags',
  exclude: 'these JSON fields do not become tags',
}

export function UrlStep() {
  const { connection, busy, error, webhook, editWebhook, goTo } = useWebhookStep()
  const prepare = useTelegramStore((s) => s.prepareWebhook)
  const id = useId()
  const queryError = messageFor(error, 'query')
  const preview = webhookUrlPreview(
    connection?.reachability?.url ?? 'https://<public host>',
    webhook.user.trim() || defaultWebhookUser(connection),
    webhook.query,
  )
  const params = queryParameters(webhook.query)
  return (
    <WizardFrame
      title="Webhook URL"
      intro={
        <p>
          This is the URL Telegram will post updates to. Its query tells the receiver how to turn an update
          into a message command; every JSON field of the update becomes a tag (<code>message.chat.id</code>,{' '}
          <code>message.from.first_name</code>, …).
        </p>
      }
      error={formMessage(error, ['query'])}
      onBack={() => goTo('credentials')}
      submitLabel="Prepare webhook"
      busyLabel="Preparing…"
      busy={busy === 'webhook'}
      onSubmit={() => void prepare()}
    >
      <Field
        id={id}
        label="Query"
        hint={`Default: ${DEFAULT_QUERY}, so a rule's message is the text the user typed.`}
        error={queryError}
      >
        <div className="input-row">
          <input
            id={id}
            className="input input--wide mono"
            value={webhook.query}
            spellCheck={false}
            aria-invalid={queryError ? true : undefined}
            aria-describedby={describedBy(id, { hint: true, error: queryError })}
            onChange={(event) => editWebhook({ query: event.target.value })}
          />
          <button type="button" className="button" onClick={() => editWebhook({ query: DEFAULT_QUERY })}>
            Reset
          </button>
        </div>
      </Field>
      {params.length > 0 && (
        <ul className="plain-list">
          {params.map((p) => (
            <li key={`${p.name}=${p.value}`}>
              <code>
                {p.name}={p.value}
              </code>{' '}
              <span className="muted">
                {EXPLAINED[p.name] ??
                  (p.name.startsWith('header.') ? 'a header value as a tag' : 'a literal tag')}
                {p.name.startsWith('command.') && ` ← the update's ${p.value}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="url-preview">
        <span className="field__label">Telegram will call</span>
        <code className="wrap">{preview}</code>
      </div>
    </WizardFrame>
  )
}

const UPDATE_TYPES = ['message', 'edited_message', 'channel_post', 'callback_query'] as const

export function RegisterStep() {
  const { connection, busy, error, goTo } = useWebhookStep()
  const register = useTelegramStore((s) => s.register)
  const [dropPending, setDropPending] = useState(false)
  const [maxConnections, setMaxConnections] = useState('40')
  const [allowed, setAllowed] = useState<string[]>([...UPDATE_TYPES])
  const id = useId()
  const hook = connection?.webhook
  const toggle = (type: string, on: boolean) =>
    setAllowed((list) => (on ? [...list, type] : list.filter((t) => t !== type)))
  return (
    <WizardFrame
      title="Register the webhook"
      intro={
        <p>
          Hookbench calls setWebhook with the URL, the secret token
          {connection?.reachability?.selfSigned ? ' and the certificate' : ''}. The bot's current webhook is
          saved first, so you can restore it later.
        </p>
      }
      error={error}
      onBack={() => goTo('url')}
      submitLabel="Register webhook"
      busyLabel="Registering…"
      busy={busy === 'register'}
      onSubmit={() =>
        void register({
          dropPendingUpdates: dropPending,
          maxConnections: Number(maxConnections),
          allowedUpdates: allowed,
        })
      }
    >
      {hook && (
        <div className="url-preview">
          <span className="field__label">URL</span>
          <code className="wrap">{hook.url}</code>
        </div>
      )}
      <fieldset className="choice-group">
        <legend>Updates to receive</legend>
        <div className="check-row">
          {UPDATE_TYPES.map((type) => (
            <label key={type} className="check">
              <input
                type="checkbox"
                checked={allowed.includes(type)}
                onChange={(e) => toggle(type, e.target.checked)}
              />
              <span className="mono">{type}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form__grid">
        <Field id={`${id}-max`} label="Max connections" hint="Parallel deliveries Telegram may open (1–100).">
          <input
            id={`${id}-max`}
            className="input input--number"
            type="number"
            min={1}
            max={100}
            value={maxConnections}
            aria-describedby={describedBy(`${id}-max`, { hint: true })}
            onChange={(event) => setMaxConnections(event.target.value)}
          />
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={dropPending} onChange={(e) => setDropPending(e.target.checked)} />
        Drop updates that are waiting (drop_pending_updates)
      </label>
      {!error && connection?.step === 'register' && (
        <Problem message={connection.lastError} hint={connection.hint} />
      )}
    </WizardFrame>
  )
}
